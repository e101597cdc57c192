// An index opened by name (EdgeVec.open): an EdgeVec whose every change returns a Promise resolved once the
// write-ahead log holds it (src/logged-state.js). A change is logged as the call itself — method and
// arguments, vectors moved out as float32 — and replay makes the same call again: ids are given out in call
// order and never reused, so the replayed index gives every vector the id it had.
import { EdgeVec, edgeVecSettings } from './edgevec.js';
import { restoredFrom, RESTORED } from './persistence.js';
import { createNativeIndex } from './config.js';
import { TeaVecError } from './errors.js';

/** The EdgeVec methods that change the index: each is logged as one record. Everything else only reads. */
export const INDEX_CHANGES = [
  'insert', 'insertBatchFlat', 'insertBatch', 'insertBatchWithProgress', 'insertWithMetadata', 'insertBatchWithMetadata',
  'upsert', 'upsertBatch', 'delete', 'deleteBatch', 'updateVector', 'softDelete', 'softDeleteBatch',
  'softDeleteBatchCompat', 'compact', 'setMetadata', 'setAllMetadata', 'deleteMetadata', 'deleteAllMetadata',
];

/** The opened index's own properties, beside EdgeVec's (its own methods are in persistentIndex's `own`). */
const OWN_PROPERTIES = ['recovery', 'stats', 'readOnly', 'name', 'storage'];

/** A call's arguments as JSON, with typed-array vectors moved into one Float32Array (`{ $v: [offset, length] }`). */
export function encodeCall(args) {
  const floats = [];
  const json = JSON.stringify(args, (key, value) => {
    if (ArrayBuffer.isView(value) && !(value instanceof Float32Array || value instanceof Float64Array)) return Array.from(value);
    if (ArrayBuffer.isView(value)) {
      const at = floats.reduce((n, a) => n + a.length, 0);
      floats.push(Float32Array.from(value));
      return { $v: [at, value.length] };
    }
    if (typeof value === 'function') return { $fn: 1 }; // progress callbacks: replay passes a no-op
    if (value !== null && typeof value === 'object' && typeof value.toJS === 'function') return value.toJS();
    return value;
  });
  const all = new Float32Array(floats.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of floats) {
    all.set(a, at);
    at += a.length;
  }
  return { json, floats: all };
}

export function decodeCall(json, floats) {
  return JSON.parse(json, (key, value) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      if (Array.isArray(value.$v) && Object.keys(value).length === 1) return floats.slice(value.$v[0], value.$v[0] + value.$v[1]);
      if (value.$fn === 1 && Object.keys(value).length === 1) return () => {};
    }
    return value;
  });
}

/** What the log holds for an index: index calls, and EdgeVec snapshots. */
export function indexKind(config) {
  // Each EdgeVec's engine index, for deferred linking (deferred-links.js): the EdgeVec keeps its own private.
  const natives = new WeakMap();
  const wrap = (restored) => {
    const index = new EdgeVec(restored);
    natives.set(index, restored[RESTORED]);
    return index;
  };
  return {
    what: 'index',
    fromCheckpoint: (bytes) => {
      // Every log storage verified a CRC-32 over the checkpoint's bytes (memory: they never left the process).
      if (bytes) return wrap(restoredFrom(bytes, true));
      if (!config) throw new TeaVecError('NOT_FOUND', 'no index of that name yet: pass a config to create it');
      return wrap({ [RESTORED]: createNativeIndex(edgeVecSettings(config)) });
    },
    apply: (index, record) => {
      if (record.op !== 'index-call' || !INDEX_CHANGES.includes(record.method)) {
        throw new TeaVecError('CORRUPT_SNAPSHOT', `log record ${record.seq} (${record.op}) is not a change of an index: `
          + 'was this name opened with openDatabase?');
      }
      try {
        index[record.method](...decodeCall(record.arguments, record.floats));
      } catch (e) {
        throw new TeaVecError('CORRUPT_SNAPSHOT', `log record ${record.seq} (${record.method}) does not apply to the `
          + `index before it: ${e.message}`);
      }
    },
    // Graph linking is deferred (deferred-links.js).
    nativesOf: (index) => [natives.get(index)],
    nativeOf: (index) => natives.get(index),
    append: (writer, record) => writer.indexCall(record.method, record.arguments, record.floats),
    toBytes: (index) => index.toBytes(),
    free: (index) => index.free(),
  };
}

/**
 * The EdgeVec API over `logged` (a LoggedState of an EdgeVec): reads answer from memory; a change applies in
 * memory and resolves with its result once durable (a Proxy, so that every EdgeVec member is there).
 */
export function persistentIndex(logged) {
  const own = {
    flush: () => logged.flush(),
    checkpoint: () => logged.checkpoint(),
    close: () => logged.close(),
    // free() of an opened index closes it: its memory goes with the database.
    free: () => logged.close(),
    // One logged write, as insertBatchWithProgress (a batch is one log record: slices would split it).
    insertBatchWithProgressAsync: async (vectors, onProgress, options = undefined) => {
      options?.signal?.throwIfAborted();
      return change('insertBatchWithProgress')(vectors, onProgress);
    },
  };
  const change = (method) => (...args) => logged.mutate(() => {
    const result = logged.state()[method](...args);
    const { json, floats } = encodeCall(args);
    return { result, record: { op: 'index-call', method, arguments: json, floats } };
  });
  return new Proxy({}, {
    get(target, prop) {
      if (Object.hasOwn(own, prop)) return own[prop];
      if (OWN_PROPERTIES.includes(prop)) return logged[prop];
      if (INDEX_CHANGES.includes(prop)) return change(prop);
      const index = logged.state();
      const value = index[prop];
      return typeof value === 'function' ? value.bind(index) : value;
    },
    has: (target, prop) => Object.hasOwn(own, prop) || OWN_PROPERTIES.includes(prop) || prop in logged.state(),
  });
}
