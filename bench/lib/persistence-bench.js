// Page side of bench/persistence.mjs, in two halves with a page reload between them, so the load runs
// in a fresh JS heap with freshly instantiated modules, as after a browser restart:
//   saveSide: build (untimed for the table), answer the check queries, save (timed until the library
//             says it is durable), read back what IndexedDB holds, and for TeaVec toBytes/fromBytes;
//   loadSide: instantiate the library (untimed), load (timed), answer the same queries, compare ids.
// Ids are compared in each library's own id space: the reloaded page has no row lookup.
import { errorText, withTimeout } from './adapters/common.js';
import { pickAdapters } from './adapters/index.js';
import { parseVecs } from './vecs.js';
import { deleteAllDatabases, idbBytes, storageUsage, warmUpIndexedDb } from './idb-usage.js';

export const PERSIST_DEFAULTS = { k: 10, verifyQueries: 20, efConstruction: 32, efSearch: 64, timeoutMs: 120_000 };

const snapshotName = (libraryId) => `teavec-bench-persist-${libraryId}`;

async function checkQueries(spec, read, count) {
  const q = parseVecs(await read(spec.queries), 'f');
  const n = Math.min(count, q.count);
  return Array.from({ length: n }, (_, i) => q.data.slice(i * q.dim, (i + 1) * q.dim));
}

function sameAnswers(expected, actual) {
  let same = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = expected[i];
    const b = actual[i];
    if (a.length === b.length && a.every((id, j) => id === b[j])) same++;
  }
  return same;
}

/** TeaVec's in-memory pair, timed in this page (no IndexedDB): encode, decode, same answers. */
function bytesRoundTrip(codec, adapter, queries, answers, opts, env) {
  let t = env.now();
  let bytes = codec.encode();
  const encodeMs = env.now() - t;
  const size = bytes.length;
  t = env.now();
  const copy = codec.decode(bytes);
  const decodeMs = env.now() - t;
  bytes = null;
  const same = sameAnswers(answers, queries.map((q) => Array.from(adapter.nativeIds(copy.search(q, opts.k)))));
  return { encodeMs, decodeMs, bytes: size, same, of: answers.length };
}

/** Builds, saves and measures one library; returns what the load side needs (meta, answers) and the figures. */
export async function saveSide({ spec, libraryId, options }, env, read) {
  const opts = { ...PERSIST_DEFAULTS, ...options };
  const [adapter] = pickAdapters(libraryId);
  const out = { library: adapter.id, label: adapter.label, name: snapshotName(adapter.id), notes: [] };
  // Start from an empty origin, so everything IndexedDB holds afterwards is this library's save.
  const cleared = await deleteAllDatabases();
  if (cleared.length) env.log(`cleared ${cleared.length} database(s) of the previous library`);
  await warmUpIndexedDb();
  const queries = await checkQueries(spec, read, opts.verifyQueries);
  let base = parseVecs(await read(spec.base), 'f');
  Object.assign(out, { n: base.count, dim: base.dim });
  const inst = await adapter.open(env);
  let t = env.now();
  await inst.build(base, spec.metric, { efConstruction: opts.efConstruction, efSearch: opts.efSearch });
  out.buildMs = env.now() - t;
  base = null;
  env.log(`${adapter.id}: built ${out.n} × ${out.dim} in ${(out.buildMs / 1000).toFixed(1)} s`);
  const answers = queries.map((q) => Array.from(adapter.nativeIds(inst.search(q, opts.k))));
  const p = inst.persistence();
  if (p.unsupported) return { ...out, unsupported: p.unsupported };
  Object.assign(out, { store: p.store, meta: p.meta, answers });

  const usage1 = await storageUsage();
  try {
    env.log(`${adapter.id}: save`);
    t = env.now();
    await withTimeout(Promise.resolve().then(() => p.save(out.name)), opts.timeoutMs, 'save');
    out.saveMs = env.now() - t;
    env.log(`${adapter.id}: saved in ${(out.saveMs / 1000).toFixed(2)} s`);
  } catch (e) {
    out.saveError = errorText(e);
    env.log(`${adapter.id}: save failed: ${out.saveError}`);
  }
  if (p.saved) out.reported = p.saved;
  const usage2 = await storageUsage();
  // Only after the save settled (or timed out): reading a store mid-write would count a partial file.
  const stored = await idbBytes();
  out.storedBytes = stored.total;
  out.storedDetail = stored.databases;
  out.usageDeltaBytes = usage1 === null || usage2 === null ? null : usage2 - usage1;
  if (p.bytes) {
    env.log(`${adapter.id}: toBytes / fromBytes`);
    try {
      out.inMemory = bytesRoundTrip(p.bytes, adapter, queries, answers, opts, env);
    } catch (e) {
      out.inMemory = { error: errorText(e) };
    }
  }
  inst.dispose();
  return out;
}

/** After the reload: loads `name` and answers the same queries. */
export async function loadSide({ spec, libraryId, name, meta, answers, options }, env, read) {
  const opts = { ...PERSIST_DEFAULTS, ...options };
  const [adapter] = pickAdapters(libraryId);
  const queries = await checkQueries(spec, read, answers.length);
  await warmUpIndexedDb();
  const opener = await adapter.reopen(env, meta);
  const out = {};
  try {
    env.log(`${adapter.id}: load after reload`);
    const t = env.now();
    const loaded = await withTimeout(Promise.resolve().then(() => opener.load(name)), opts.timeoutMs, 'load');
    out.loadMs = env.now() - t;
    env.log(`${adapter.id}: loaded in ${(out.loadMs / 1000).toFixed(2)} s`);
    out.same = sameAnswers(answers, queries.map((q) => Array.from(adapter.nativeIds(loaded.search(q, opts.k)))));
    out.of = answers.length;
  } catch (e) {
    out.loadError = errorText(e);
    env.log(`${adapter.id}: load failed: ${out.loadError}`);
  }
  return out;
}
