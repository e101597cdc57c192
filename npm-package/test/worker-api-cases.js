// The same assertions against the direct API and teavec/worker: every case awaits every call, so that it
// runs unchanged on EdgeVec/Database (synchronous) and on their worker proxies (Promises). Run by
// test/worker-api.test.mjs (Node: direct and worker_threads) and browser-tests/test/worker-api.test.mjs
// (Chromium: direct and a module Worker). Plain ES module without Node imports.
//
// env: {
//   TeaVecError, EdgeVecConfig        the core's classes
//   index(config)                      → an EdgeVec or a WorkerIndex
//   load(bytes)                        → the index a snapshot holds (EdgeVec.fromBytes or loadWorkerIndex)
//   closedCode                         → what a freed index answers (INDEX_FREED; STORAGE_ERROR once opened by name)
//   database(name?, options?)          → a Database / openDatabase(...) or their worker form
//   storage                            → a durable storage openDatabase takes here ('file', 'indexeddb')
//   dbName(tag)                        → a fresh database name for that storage
//   loadSaved(name) | undefined        → browsers: the index save(name) stored in IndexedDB (EdgeVec.load or
//                                        loadWorkerIndex({ name })); the case that needs it is skipped without it
// }

export class CaseFailure extends Error {}

function ok(value, message) {
  if (!value) throw new CaseFailure(message);
}

function eq(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new CaseFailure(`${what}:\n expected ${e.slice(0, 400)}\n got      ${a.slice(0, 400)}`);
}

async function rejects(env, call, code, what) {
  let error;
  try {
    await call();
  } catch (e) {
    error = e;
  }
  ok(error, `${what}: expected ${code}, but it succeeded`);
  ok(error instanceof env.TeaVecError, `${what}: expected a TeaVecError, got ${error?.constructor?.name} ${error?.message}`);
  eq(error.code, code, `${what}: code (${error.message})`);
  return error;
}

const f = (...xs) => new Float32Array(xs);
const plain = (v) => (ArrayBuffer.isView(v) ? Array.from(v) : v);

/** A seeded list of `n` vectors of `dims` dimensions (a small LCG: cases must not depend on Node). */
export function vectors(seed, n, dims) {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
  return Array.from({ length: n }, () => Float32Array.from({ length: dims }, next));
}

function config(env, dims, settings = {}) {
  return Object.assign(new env.EdgeVecConfig(dims), { metric: 'l2' }, settings);
}

async function close(db) {
  if (typeof db.close === 'function') await db.close();
  else await db.free();
}

export const cases = [
  ['inserts of every kind, their ids and counts', async (env) => {
    const ix = await env.index(config(env, 2));
    eq(await ix.insert(f(0, 0)), 0, 'insert');
    eq(plain(await ix.insertBatchFlat(f(1, 0, 2, 0), 2)), [1, 2], 'insertBatchFlat');
    const batch = await ix.insertBatch([f(3, 0), f(4, 0)]);
    eq({ ...batch, ids: plain(batch.ids) }, { ids: [3, 4], total: 2, inserted: 2 }, 'insertBatch');
    ok(batch.ids instanceof Uint32Array, 'insertBatch ids are a Uint32Array');
    const seen = [];
    const progress = await ix.insertBatchWithProgress([f(5, 0), f(6, 0)], (done, total) => seen.push([done, total]));
    eq(plain(progress.ids), [5, 6], 'insertBatchWithProgress ids');
    eq([seen[0], seen.at(-1)], [[0, 2], [2, 2]], 'progress: first and last report');
    eq(await ix.insertWithMetadata(f(7, 0), { tag: 'a' }), 7, 'insertWithMetadata');
    const withMeta = await ix.insertBatchWithMetadata([f(8, 0), f(9, 0)], [{ tag: 'b' }, null]);
    eq(plain(withMeta.ids), [8, 9], 'insertBatchWithMetadata');
    eq([await ix.liveCount(), ix.size, ix.dimensions, ix.metric], [10, 10, 2, 'l2'], 'counts and properties');
    const seenAsync = [];
    const sliced = await ix.insertBatchWithProgressAsync([f(10, 0), f(11, 0)], (done, total) => seenAsync.push([done, total]));
    eq(plain(sliced.ids), [10, 11], 'insertBatchWithProgressAsync ids');
    eq([seenAsync[0], seenAsync.at(-1)], [[0, 2], [2, 2]], 'insertBatchWithProgressAsync: first and last report');
    eq(await ix.advanceBuild(8), 0, 'advanceBuild: nothing left to build on a small index');
    eq(await ix.liveCount(), 12, 'live after the async batch');
    await ix.free();
  }],

  ['search, filters and stored vectors', async (env) => {
    const ix = await env.index(config(env, 3));
    const vs = vectors(7, 200, 3);
    await ix.insertBatchWithMetadata(vs, vs.map((_, i) => ({ i, even: i % 2 === 0 })));
    const hits = await ix.search(vs[10], 5);
    eq(hits[0], { id: 10, score: 0 }, 'search finds the vector itself first');
    eq(hits.length, 5, 'k hits');
    const evens = await ix.searchWithFilter(vs[10], 'even = true', 4);
    ok(evens.every((h) => h.id % 2 === 0) && evens.length === 4, 'searchWithFilter keeps matching ids only');
    const odd = await ix.searchFiltered(vs[11], 3, { filter: { even: false }, includeMetadata: true });
    eq(odd.results[0].id, 11, 'searchFiltered (where object)');
    eq(odd.results[0].metadata, { i: 11, even: false }, 'searchFiltered metadata');
    eq(plain(await ix.getVector(3)), plain(vs[3]), 'getVector');
    eq((await ix.search(vs[4], 2, { efSearch: 64 }))[0].id, 4, 'search with efSearch');
    await ix.free();
  }],

  ['string ids: upsert, get, delete, keyOf, idOf, updateVector', async (env) => {
    const ix = await env.index(config(env, 2));
    const id = await ix.upsert('a', f(1, 1), { n: 1 });
    eq(plain(await ix.upsertBatch([{ id: 'b', vector: f(2, 2) }, { id: 'a', vector: f(3, 3) }])), [id + 1, id], 'upsertBatch ids');
    const got = await ix.get('a');
    eq({ ...got, vector: plain(got.vector) }, { id: 'a', vector: [3, 3], metadata: { n: 1 } }, 'get');
    eq((await ix.getBatch(['b', 'zz'])).map((r) => r?.id), ['b', undefined], 'getBatch');
    eq([await ix.keyOf(id), await ix.idOf('b'), await ix.idOf('none')], ['a', id + 1, undefined], 'keyOf, idOf');
    await ix.updateVector(id, f(5, 5));
    eq(plain(await ix.getVector(id)), [5, 5], 'updateVector');
    eq([await ix.delete('a'), await ix.delete('a'), await ix.deleteBatch(['b', 'c'])], [true, false, 1], 'delete, deleteBatch');
    await ix.free();
  }],

  ['metadata per key and whole', async (env) => {
    const ix = await env.index(config(env, 2));
    const id = await ix.insert(f(1, 2));
    await ix.setMetadata(id, 'color', 'red');
    await ix.setMetadata(id, 'n', 3);
    eq([await ix.getMetadata(id, 'color'), await ix.hasMetadata(id, 'n'), await ix.metadataKeyCount(id)], ['red', true, 2], 'per key');
    eq(await ix.getAllMetadata(id), { color: 'red', n: 3 }, 'getAllMetadata');
    eq(await ix.getVectorMetadata(id), { color: 'red', n: 3 }, 'getVectorMetadata');
    eq(await ix.deleteMetadata(id, 'n'), true, 'deleteMetadata');
    await ix.setAllMetadata(id, { x: true });
    eq([await ix.getMetadata(id), await ix.metadataVectorCount(), await ix.totalMetadataCount()], [{ x: true }, 1, 1], 'setAllMetadata and totals');
    eq([await ix.deleteAllMetadata(id), await ix.getAllMetadata(id), await ix.getMetadata(99, 'x')], [true, undefined, undefined], 'deleteAllMetadata, unknown id');
    await ix.free();
  }],

  ['deletes, tombstones and compaction', async (env) => {
    const ix = await env.index(config(env, 2, { compactionThreshold: 0.1 }));
    await ix.insertBatch(vectors(3, 20, 2));
    eq([await ix.softDelete(1), await ix.softDelete(1)], [true, false], 'softDelete');
    const batch = await ix.softDeleteBatch([2, 3, 3, 999]);
    eq({ ...batch }, { total: 4, uniqueCount: 3, deleted: 2, alreadyDeleted: 0, invalidIds: 1 }, 'softDeleteBatch');
    eq((await ix.softDeleteBatchCompat([4])).deleted, 1, 'softDeleteBatchCompat');
    eq([await ix.isDeleted(1), await ix.isDeleted(0), await ix.liveCount(), await ix.deletedCount()], [true, false, 16, 4], 'counts');
    eq([await ix.tombstoneRatio(), await ix.needsCompaction(), await ix.compactionThreshold()], [0.2, true, 0.1], 'ratio');
    ok((await ix.compactionWarning()).includes('compact()'), 'compactionWarning');
    const compacted = await ix.compact();
    eq([compacted.tombstones_removed, compacted.new_size, await ix.deletedCount()], [4, 16, 0], 'compact');
    eq(await ix.compactionWarning(), undefined, 'no warning after compact');
    await rejects(env, () => ix.isDeleted(500), 'UNKNOWN_ID', 'isDeleted of an id never handed out');
    await ix[Symbol.for('teavec.checkIntegrity')]();
    await ix.free();
  }],

  ['snapshots: toBytes and back, memory reports', async (env) => {
    const ix = await env.index(config(env, 4, { indexType: 'hnsw' }));
    const vs = vectors(11, 300, 4);
    await ix.insertBatch(vs);
    await ix.setMetadata(5, 'k', 'v');
    const bytes = await ix.toBytes();
    ok(bytes.byteLength > 300 * 16, 'a snapshot holds the vectors');
    const copy = await env.load(bytes);
    eq([await copy.liveCount(), await copy.getMetadata(5, 'k')], [300, 'v'], 'loaded copy');
    eq(await copy.search(vs[42], 3), await ix.search(vs[42], 3), 'same answers after a round trip');
    ok(await ix.memoryUsage() > 0, 'memoryUsage');
    eq((await ix.getMemoryPressure()).level, 'normal', 'getMemoryPressure');
    await ix.setMemoryConfig({ warningThreshold: 70 });
    eq((await ix.getMemoryConfig()).warningThreshold, 70, 'setMemoryConfig');
    eq(await ix.canInsert(), true, 'canInsert');
    ok(typeof (await ix.getMemoryRecommendation()) === 'object', 'getMemoryRecommendation');
    await copy.free();
    await ix.free();
  }],

  ['IndexedDB (browsers): save with progress, load it back', async (env) => {
    if (!env.loadSaved) return 'skipped: no IndexedDB here';
    const ix = await env.index(config(env, 4));
    const vs = vectors(13, 120, 4);
    await ix.insertBatch(vs);
    const reports = [];
    const name = env.dbName('saved-index');
    await ix.save(name, { onProgress: (done, total) => reports.push([done, total]) });
    ok(reports.length > 0 && reports.at(-1)[0] === reports.at(-1)[1], `save reported its progress: ${JSON.stringify(reports)}`);
    const loaded = await env.loadSaved(name);
    eq([await loaded.liveCount(), (await loaded.search(vs[77], 1))[0].id], [120, 77], 'loaded back');
    await rejects(env, () => env.loadSaved(env.dbName('never-saved')), 'NOT_FOUND', 'nothing saved under that name');
    await loaded.free();
    await ix.free();
  }],

  ['errors keep their code and fields; a refused batch stores nothing', async (env) => {
    const ix = await env.index(config(env, 3));
    await ix.insert(f(1, 2, 3));
    await rejects(env, () => ix.insert(f(1, 2)), 'DIMENSION_MISMATCH', 'insert of a short vector');
    const nan = await rejects(env, () => ix.insertBatch([f(1, 1, 1), f(2, 2, 2), f(0, NaN, 0)]), 'INVALID_VECTOR', 'NaN in a batch');
    ok(nan.message.includes('vectors[2]'), `the message names vectors[2]: ${nan.message}`);
    eq(await ix.liveCount(), 1, 'the refused batch stored nothing');
    await rejects(env, () => ix.insertBatchFlat(f(1, 2, 3, 4), 2), 'DIMENSION_MISMATCH', 'insertBatchFlat of a wrong length');
    await rejects(env, () => ix.insertBatchWithMetadata([f(1, 1, 1)], [{ a: 1 }, { b: 2 }]), 'INVALID_ARGUMENT', 'metadatas per vector');
    await rejects(env, () => ix.search(f(1, 2, 3), 0), 'INVALID_K', 'k = 0');
    const filter = await rejects(env, () => ix.searchWithFilter(f(1, 2, 3), 'a = = 1', 2), 'INVALID_FILTER', 'bad filter');
    eq([filter.position, filter.filter], [4, 'a = = 1'], 'INVALID_FILTER position and filter');
    await rejects(env, () => ix.getVector(77), 'UNKNOWN_ID', 'getVector of an unknown id');
    await rejects(env, () => ix.insertBatchWithProgress([f(1, 1, 1)], 'no'), 'INVALID_ARGUMENT', 'onProgress not a function');
    await rejects(env, () => env.index(config(env, 3, { m: 1 })), 'INVALID_CONFIG', 'm out of range');
    eq(await ix.liveCount(), 1, 'nothing stored by the refused calls');
    await ix.free();
    await rejects(env, () => ix.liveCount(), env.closedCode ?? 'INDEX_FREED', 'a freed index');
  }],

  ['in-memory database: collections and their records', async (env) => {
    const db = await env.database();
    const notes = await db.createCollection('notes', { metadata: { 'hnsw:space': 'l2' } });
    eq([notes.name, notes.metric, notes.dimensions], ['notes', 'l2', undefined], 'a new collection');
    await notes.add({ ids: ['a', 'b', 'c'], embeddings: [[1, 0], [0, 1], [1, 1]], metadatas: [{ t: 1 }, { t: 2 }, { t: 1 }], documents: ['A', 'B', 'C'] });
    await notes.count();
    eq([await notes.count(), notes.dimensions], [3, 2], 'count; dimensions from the first add');
    await notes.upsert({ ids: ['b', 'd'], embeddings: [f(0, 2), f(2, 2)] });
    await notes.update({ ids: ['a'], documents: ['A2'] });
    eq((await notes.get({ ids: ['a', 'b'] })).documents, ['A2', 'B'], 'update, upsert keep documents');
    const q = await notes.query({ queryEmbeddings: [[1, 0]], nResults: 2, where: { t: 1 } });
    eq(q.ids, [['a', 'c']], 'query with where');
    eq((await notes.peek({ limit: 1 })).ids, ['a'], 'peek');
    eq(await notes.delete({ ids: ['d'] }), ['d'], 'delete');
    await notes.modify({ name: 'notes2', metadata: { 'hnsw:space': 'l2', v: 2 } });
    eq([notes.name, notes.metadata.v], ['notes2', 2], 'modify');
    eq((await db.getCollection('notes2')) === notes, true, 'getCollection gives the same collection object');
    const other = await db.getOrCreateCollection('other', { dimensions: 2 });
    eq((await db.listCollections()).map((c) => c.name), ['notes2', 'other'], 'listCollections');
    eq(await db.countCollections(), 2, 'countCollections');
    await rejects(env, () => db.createCollection('other'), 'DUPLICATE_ID', 'createCollection of an existing name');
    await rejects(env, () => db.getCollection('nope'), 'UNKNOWN_ID', 'getCollection of a missing name');
    await rejects(env, () => other.add({ ids: ['x'], embeddings: [[1, 2, 3]] }), 'DIMENSION_MISMATCH', 'add of a wrong length');
    await rejects(env, () => notes.query({ queryEmbeddings: [[1, 0]], where: { t: { $bad: 1 } } }), 'INVALID_FILTER', 'bad where');
    await db.deleteCollection('other');
    await rejects(env, () => other.count(), 'UNKNOWN_ID', 'a deleted collection');
    await db.checkIntegrity();
    ok((await db.toBytes()).byteLength > 0, 'toBytes');
    await close(db);
  }],

  ['database opened by name: durable changes, reopened', async (env) => {
    const name = env.dbName('durable');
    const db = await env.database(name, { storage: env.storage });
    eq([db.storage, db.readOnly], [env.storage, false], 'storage and readOnly');
    const c = await db.createCollection('c');
    const vs = vectors(5, 50, 8);
    await c.add({ ids: vs.map((_, i) => `r${i}`), embeddings: vs, metadatas: vs.map((_, i) => ({ i })) });
    await c.delete({ where: { i: { $lt: 10 } } });
    await db.flush();
    await db.checkpoint();
    await c.upsert({ ids: ['r10'], embeddings: [vs[0]] });
    ok(db.stats === undefined || db.stats.appliedSeq >= 0, 'stats');
    await close(db);
    const again = await env.database(name, { storage: env.storage });
    const reopened = await again.getCollection('c');
    eq(await reopened.count(), 40, 'every acknowledged change is there');
    eq(plain((await reopened.get({ ids: ['r10'], include: ['embeddings'] })).embeddings[0]), plain(vs[0]), 'the last upsert');
    await again.checkIntegrity();
    await close(again);
  }],
];
