// Batch inserts in the worker (and EdgeVec#insertBatchWithProgressAsync on the caller's thread), cut into slices of about SLICE_MS each: between slices the worker reads its
// messages, so reads are answered and an abort is seen during a long build. The batch stays all or nothing:
// it is checked whole before the first slice (with the package's own boundary checks), and a slice that fails
// or an abort between slices deletes what the earlier slices stored, leaving the index as it was (its ids
// are used up, as after any delete). A batch the checks refuse goes to the direct method whole, so that
// the error is the direct API's own.
import { checkVector } from './validate.js';
import { encodeMetadata } from './metadata.js';

const SLICE_MS = 12;
const FIRST_SLICE = 16;
/**
 * The most vectors one slice holds. Slices grow while inserts are cheap, and the cost per vector can jump by
 * orders of magnitude within one slice (an auto index past its threshold: an exact-scan add costs microseconds,
 * one that also graphs 4 vectors a millisecond or more): the cap bounds that slice.
 */
export const MAX_SLICE = 64;
/** Vectors of the auto index's switch to HNSW graphed in the first of the slices that finish it. */
const FIRST_BUILD_STEP = 16;

/** Resolves after the worker's pending messages had their turn (setImmediate in Node, a message task elsewhere). */
export function yieldToMessages() {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(0);
  });
}

const passes = (check) => {
  try {
    check();
    return true;
  } catch {
    return false;
  }
};

/** Views of one vector each over `flat` (no copies). */
function viewsOf(flat, dims, count) {
  return Array.from({ length: count }, (_, i) => flat.subarray(i * dims, (i + 1) * dims));
}

/**
 * The batch of one of EdgeVec's batch inserts as `{ views, metadatas, count }`, or null when the checks
 * refuse it (then the direct method runs and throws its own error). `args` as the worker received them:
 * a flattened list is `{ flat, count }` views already split by the caller side's decoder.
 */
function batchOf(index, kind, args) {
  const dims = index.dimensions;
  const metric = index.metric;
  let views;
  if (kind === 'flat') {
    const [flat, count] = args;
    if (!(flat instanceof Float32Array) || !Number.isInteger(count) || count < 0 || flat.length !== count * dims) return null;
    views = viewsOf(flat, dims, count);
  } else {
    if (!Array.isArray(args[0]) || (kind === 'progress' && typeof args[1] !== 'function')) return null;
    views = args[0];
  }
  if (!views.every((v, i) => passes(() => checkVector(v, dims, metric, `vectors[${i}]`)))) return null;
  let metadatas = null;
  if (kind === 'metadata') {
    metadatas = args[1];
    if (!Array.isArray(metadatas) || metadatas.length !== views.length) return null;
    if (!metadatas.every((m, i) => passes(() => encodeMetadata(m, `metadatas[${i}]`)))) return null;
  }
  return { views, metadatas, count: views.length };
}

/** One slice's flat copy (the engine takes a batch as one array). */
function flatOf(views, dims) {
  const out = new Float32Array(views.length * dims);
  views.forEach((v, i) => out.set(v, i * dims));
  return out;
}

/**
 * Steps the auto index's switch to HNSW (left under way by the inserts) to its end in slices of about
 * SLICE_MS, yielding between them; an abort between them rejects (the caller rolls the batch back).
 */
async function finishBuild(index, signal) {
  if (typeof index.advanceBuild !== 'function') return;
  let step = FIRST_BUILD_STEP;
  for (;;) {
    const started = performance.now();
    const left = index.advanceBuild(step);
    if (left === 0) return;
    const elapsed = Math.max(performance.now() - started, 0.1);
    step = Math.max(1, Math.min(step * 4, Math.round(step * (SLICE_MS / elapsed))));
    await yieldToMessages();
    signal?.throwIfAborted();
  }
}

/**
 * Runs the batch insert `kind` of EdgeVec `index` in slices. `args`: the direct method's arguments;
 * `signal`: aborts between slices; `onProgress(done, total)`: after each slice (insertBatchWithProgress's
 * callback, or the options' onProgress). Resolves with the direct method's result.
 */
export async function slicedInsert(index, kind, args, { signal, onProgress }) {
  const batch = batchOf(index, kind, args);
  const direct = { flat: 'insertBatchFlat', list: 'insertBatch', progress: 'insertBatchWithProgress', metadata: 'insertBatchWithMetadata' }[kind];
  if (batch === null) return index[direct](...args);
  const report = kind === 'progress' ? args[1] : onProgress;
  const progress = (done) => {
    try {
      report?.(done, batch.count);
    } catch {
      // As in the direct API: a failing progress display must not undo or block stored data.
    }
  };
  const dims = index.dimensions;
  const parts = [];
  let done = 0;
  let size = FIRST_SLICE;
  progress(0);
  try {
    while (done < batch.count) {
      signal?.throwIfAborted();
      const end = Math.min(batch.count, done + size);
      const views = batch.views.slice(done, end);
      const started = performance.now();
      const ids = batch.metadatas
        ? index.insertBatchWithMetadata(views, batch.metadatas.slice(done, end)).ids
        : index.insertBatchFlat(flatOf(views, dims), views.length);
      const elapsed = Math.max(performance.now() - started, 0.1);
      parts.push(ids);
      done = end;
      // The next slice aims at SLICE_MS (inserts slow down as the graph grows), MAX_SLICE at most.
      size = Math.max(1, Math.min(MAX_SLICE, size * 4, Math.round(size * (SLICE_MS / elapsed))));
      if (done < batch.count) {
        progress(done);
        await yieldToMessages();
      }
    }
    signal?.throwIfAborted();
    await finishBuild(index, signal);
  } catch (e) {
    for (const ids of parts) index.softDeleteBatch(ids);
    throw e;
  }
  const ids = new (parts[0]?.constructor ?? Uint32Array)(batch.count);
  let at = 0;
  for (const part of parts) {
    ids.set(part, at);
    at += part.length;
  }
  progress(batch.count);
  if (kind === 'flat') return ids;
  return { ids, total: batch.count, inserted: ids.length };
}
