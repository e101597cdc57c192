// The browser side of bench/durable-write.mjs: durable single upserts into TeaVec (openDatabase) and PGlite +
// pgvector on the same storage, interleaved call by call with the storage's bare floor (wal-bench.js), and the
// build and reopen of a large TeaVec database. IndexedDB runs in the page, OPFS in a dedicated worker.
import init, { openDatabase } from '/teavec/teavec.js';
import { PGlite } from '/pglite/index.js';
import { vector } from '/pgvector/index.js';
import { bareIndexedDb, bareOpfs } from './wal-bench.js';
import {
  teavecNotes, pgliteNotes, interleavedCalls, buildForReopen, secondCheckpoint, timeReopen, sustainedUpserts,
} from '/lib/durable-workload.js';

const FLOOR_BYTES = 1642; // one TeaVec log record of a note (bench/wal.mjs)

const message = (e) => `${e?.code ?? e?.name ?? ''} ${e?.message ?? e}`.trim();

/**
 * OPFS: when the last sync access handle write began and the last flush ended (the prototype's methods wrapped),
 * to split a TeaVec upsert into the work before its write, the write + flush, and the turns after it.
 */
function watchSyncHandles() {
  const proto = globalThis.FileSystemSyncAccessHandle?.prototype;
  if (!proto) return null;
  const seen = { writeAt: 0, flushedAt: 0 };
  const { write, flush } = proto;
  proto.write = function (...args) {
    seen.writeAt = performance.now();
    return write.apply(this, args);
  };
  proto.flush = function (...args) {
    const result = flush.apply(this, args);
    seen.flushedAt = performance.now();
    return result;
  };
  seen.restore = () => Object.assign(proto, { write, flush });
  return seen;
}

/**
 * storage 'indexeddb' (page) or 'opfs' (worker): { teavec, pglite, floor } milliseconds per upsert, or errors;
 * on OPFS also `teavecSpans`: { before, io, after } milliseconds of each TeaVec upsert (see watchSyncHandles).
 */
export async function writeRun(storage, n, warm, withPglite, pgliteN = n, prefill = 0, sustained = 0) {
  await init();
  const out = { storage, errors: {}, isolated: globalThis.crossOriginIsolated === true };
  const contenders = [];
  const teavec = await teavecNotes(openDatabase, `bench-durable-${storage}`, { storage }, prefill);
  const handles = storage === 'opfs' ? watchSyncHandles() : null;
  const spans = { before: [], io: [], after: [] };
  contenders.push(['teavec', handles ? async (i) => {
    const t = performance.now();
    await teavec.upsert(i);
    const done = performance.now();
    if (i >= 0) {
      spans.before.push(handles.writeAt - t);
      spans.io.push(handles.flushedAt - handles.writeAt);
      spans.after.push(done - handles.flushedAt);
    }
  } : teavec.upsert]);
  let pglite = null;
  if (withPglite) {
    try {
      pglite = await pgliteNotes(PGlite, vector, storage === 'indexeddb' ? 'idb://bench-pglite' : 'opfs-ahp://bench-pglite');
      out.pgliteCreateMs = pglite.createMs;
      contenders.push(['pglite', pglite.upsert]);
    } catch (e) {
      out.errors.pglite = message(e);
    }
  }
  const floor = storage === 'indexeddb' ? await bareIndexedDb('bench-durable-bare', FLOOR_BYTES) : await bareOpfs('bench-durable-bare.log', FLOOR_BYTES);
  contenders.push(['floor', floor.append]);
  // After PGlite's call, one unmeasured floor write: on IndexedDB a strict commit flushes whatever PGlite left
  // pending in the origin's LevelDB log, which the next contender would otherwise pay for.
  // stats.pendingLinks after each TeaVec upsert (outside the timers): whether writes link records themselves (the cap).
  const pending = [];
  const settle = async (f, when) => {
    if (when === 'after' && contenders[f][0] === 'teavec') pending.push(teavec.db.stats.pendingLinks);
    if (when === 'after' && contenders[f][0] === 'pglite') await floor.append();
  };
  const ms = await interleavedCalls(n, warm, contenders.map(([, fn]) => fn), settle,
    contenders.map(([name]) => (name === 'pglite' ? pgliteN : n)));
  contenders.forEach(([name], i) => { out[name] = ms[i]; });
  out.pendingLinks = { max: Math.max(...pending), last: pending.at(-1) };
  if (handles) {
    handles.restore();
    out.teavecSpans = spans;
  }
  if (sustained > 0) out.sustained = await sustainedUpserts(teavec, 100_000, sustained);
  await teavec.close();
  await pglite?.close();
  floor.close();
  return out;
}

export async function reopenBuild(storage, name, config) {
  await init();
  return buildForReopen(openDatabase, name, { storage }, config);
}

export async function reopenSecondCheckpoint(storage, name, config) {
  await init();
  return secondCheckpoint(openDatabase, name, { storage }, config);
}

export async function reopenTime(storage, name) {
  await init();
  return timeReopen(openDatabase, name, { storage });
}

/** Bytes the origin uses (navigator.storage.estimate), for write amplification in the browser. */
export async function usage() {
  return (await navigator.storage.estimate()).usage;
}
