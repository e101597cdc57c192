// An index type written in JavaScript, registered by name: the README's worked example
// (examples/custom-index/ivf-flat.mjs, this exact file) serving an EdgeVec and a Collection: adds,
// deletes and filtered queries against an exact oracle, snapshots through toBytes/fromBytes, and the
// error for a snapshot whose type is not registered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importPacked, packageDir } from './helpers.mjs';
import { rng } from './random.js';
import { ivfFlat } from '../examples/custom-index/ivf-flat.mjs';

const teavec = await importPacked();
const { EdgeVec, EdgeVecConfig, Database, registerIndexType } = teavec;
await teavec.default();
registerIndexType('ivf-flat', ivfFlat({ lists: 8, probes: 2, train: 200 }));

const DIMS = 16;
const SEED = 20261207;

/**
 * The engine's code of an error. Until errors.js is generated from ErrorCode.java, a code added in Java
 * reaches JS as a plain Error whose message starts with it ("CODE: detail").
 */
function codeOf(e) {
  return e.code ?? /^([A-Z_]+): /.exec(e.message)?.[1];
}

/** The error `fn` throws (failing when it throws none). */
function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail('expected an error');
}

/** `count` vectors around 12 centres, with metadata that filters can select. */
function dataSet(seed, count) {
  const rand = rng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const centres = Array.from({ length: 12 }, () => Array.from({ length: DIMS }, () => 5 * gauss()));
  return Array.from({ length: count }, (_, i) => {
    const c = centres[Math.floor(rand() * centres.length)];
    return {
      vector: Float32Array.from(c, (x) => x + gauss()),
      metadata: { n: i, even: i % 2 === 0, tag: ['a', 'b', 'c'][i % 3] },
    };
  });
}

/** The exact k nearest (squared L2) among `live` items that `accept` takes: the oracle. */
function exact(live, query, k, accept = () => true) {
  return live.filter(accept)
    .map((item) => [item.vector.reduce((s, x, j) => s + (x - query[j]) ** 2, 0), item.id])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]).slice(0, k).map(([, id]) => id);
}

function recall(found, truth) {
  const want = new Set(truth);
  return found.filter((id) => want.has(id)).length / Math.max(truth.length, 1);
}

function ivfIndex(items) {
  const config = new EdgeVecConfig(DIMS);
  config.metric = 'l2';
  config.indexType = 'ivf-flat';
  const index = new EdgeVec(config);
  for (const item of items) item.id = index.insertWithMetadata(item.vector, item.metadata);
  return index;
}

test('an EdgeVec of a registered JavaScript index type adds, deletes and searches like the exact oracle', () => {
  const items = dataSet(SEED, 1200);
  const index = ivfIndex(items);
  for (let id = 0; id < items.length; id += 7) assert.equal(index.softDelete(id), true);
  const live = items.filter((item) => item.id % 7 !== 0);
  assert.equal(index.size, live.length);
  const queries = dataSet(SEED + 1, 40);
  let sum = 0;
  let filteredSum = 0;
  for (const { vector: q } of queries) {
    const hits = index.search(q, 10);
    assert.equal(hits.length, 10);
    for (const hit of hits) {
      assert.ok(hit.id % 7 !== 0, `deleted id ${hit.id} returned`);
      const expected = Math.sqrt(items[hit.id].vector.reduce((s, x, j) => s + (x - q[j]) ** 2, 0));
      assert.ok(Math.abs(hit.score - expected) <= 1e-4 * (1 + expected), 'distances are exact: TeaVec ranks the candidates');
    }
    sum += recall(hits.map((h) => h.id), exact(live, q, 10));
    const filtered = index.searchWithFilter(q, 'even = true AND tag != "c"', 10);
    const accept = (item) => item.metadata.even && item.metadata.tag !== 'c';
    for (const hit of filtered) assert.ok(accept(items[hit.id]) && hit.id % 7 !== 0, `id ${hit.id} does not match`);
    assert.equal(filtered.length, 10, 'k results when k match');
    filteredSum += recall(filtered.map((h) => h.id), exact(live, q, 10, accept));
  }
  assert.ok(sum / queries.length >= 0.9, `recall@10 ${sum / queries.length}`);
  assert.ok(filteredSum / queries.length >= 0.9, `filtered recall@10 ${filteredSum / queries.length}`);
  index.free();
});

test('an index of a registered type round-trips through toBytes/fromBytes and goes on working', () => {
  const items = dataSet(SEED + 2, 900);
  const index = ivfIndex(items);
  for (let id = 3; id < items.length; id += 11) index.softDelete(id);
  const queries = dataSet(SEED + 3, 20).map((item) => item.vector);
  const before = queries.map((q) => index.search(q, 8));
  const loaded = EdgeVec.fromBytes(index.toBytes());
  assert.deepEqual(queries.map((q) => loaded.search(q, 8)), before, 'the same ids and distances after loading');
  assert.deepEqual(loaded.toBytes(), index.toBytes(), 'saved again, the same bytes');
  // Both go on from the same state: same ids, same answers.
  const more = dataSet(SEED + 4, 50);
  for (const item of more) assert.equal(loaded.insert(item.vector), index.insert(item.vector));
  loaded.softDelete(5);
  index.softDelete(5);
  assert.deepEqual(queries.map((q) => loaded.search(q, 8)), queries.map((q) => index.search(q, 8)));
  // Compaction builds a new index of the type over the live vectors: the same for both.
  assert.ok(loaded.compact().tombstones_removed > 0);
  index.compact();
  assert.deepEqual(queries.map((q) => loaded.search(q, 8)), queries.map((q) => index.search(q, 8)));
  assert.deepEqual(loaded.toBytes(), index.toBytes());
  index.free();
  loaded.free();
});

test('a Collection created with a registered indexType serves adds, deletes and where queries, and its Database round-trips', () => {
  const db = new Database();
  const c = db.createCollection({ name: 'notes', indexType: 'ivf-flat', metric: 'l2' });
  const items = dataSet(SEED + 5, 600);
  c.add({
    ids: items.map((_, i) => `n${i}`),
    embeddings: items.map((item) => item.vector),
    metadatas: items.map((item) => item.metadata),
  });
  c.delete({ where: { tag: 'b' } });
  const live = items.map((item, i) => ({ ...item, id: i })).filter((item) => item.metadata.tag !== 'b');
  assert.equal(c.count(), live.length);
  const q = dataSet(SEED + 6, 1)[0].vector;
  const result = c.query({ queryEmbeddings: [q], nResults: 5, where: { even: true } });
  const truth = exact(live, q, 5, (item) => item.metadata.even).map((i) => `n${i}`);
  assert.ok(recall(result.ids[0], truth) >= 0.8, `${result.ids[0]} vs ${truth}`);
  for (const m of result.metadatas[0]) assert.ok(m.even && m.tag !== 'b');
  const loaded = Database.fromBytes(db.toBytes());
  assert.deepEqual(loaded.getCollection('notes').query({ queryEmbeddings: [q], nResults: 5, where: { even: true } }), result);
  db.free();
  loaded.free();
});

test('a snapshot whose index type is not registered fails with UNKNOWN_INDEX_TYPE naming it', () => {
  // Written by the engine's tests with their Java type 'test.id-list', never registered here.
  const bytes = readFileSync(join(packageDir, '..', 'wasm-core', 'src', 'test', 'resources', 'snapshots', 'v3-id-list.tvec'));
  const e = thrown(() => EdgeVec.fromBytes(bytes));
  assert.equal(codeOf(e), 'UNKNOWN_INDEX_TYPE');
  assert.match(e.message, /'test\.id-list' is not registered \(registered: auto, flat, hnsw, ivf-flat\)/);
  const config = new EdgeVecConfig(4);
  config.indexType = 'not-registered';
  assert.equal(codeOf(thrown(() => new EdgeVec(config))), 'UNKNOWN_INDEX_TYPE', 'a config naming an unregistered type');
});

test('a filtered search hands the index a filter that answers with booleans, and its budget', () => {
  const calls = [];
  registerIndexType('probe', () => {
    const ids = [];
    return {
      add: (id) => ids.push(id),
      remove() {},
      search(query, k, { budget, filter }) {
        calls.push({ budget, filtered: filter !== undefined, answers: filter ? [filter(ids[0]), filter(ids[1])] : [] });
        return ids;
      },
    };
  });
  const config = new EdgeVecConfig(2);
  config.indexType = 'probe';
  config.metric = 'l2';
  const index = new EdgeVec(config);
  // Many broad matches, so that the planner asks the index rather than scanning the matches.
  for (let i = 0; i < 6000; i++) index.insertWithMetadata(new Float32Array([i, 1]), { even: i % 2 === 0 });
  assert.deepEqual(index.search(new Float32Array([3, 1]), 2).map((h) => h.id), [3, 2]);
  assert.deepEqual(index.searchWithFilter(new Float32Array([3, 1]), 'even = true', 2).map((h) => h.id), [2, 4]);
  assert.deepEqual(calls[0], { budget: 50, filtered: false, answers: [] });
  assert.equal(calls[1].filtered, true);
  assert.deepEqual(calls[1].answers, [true, false], 'id 0 is even, id 1 is not');
  assert.ok(calls[1].budget >= 50, 'the planner widens the budget for a filter');
  index.free();
});

test('registerIndexType checks its arguments, and what the index returns', () => {
  assert.throws(() => registerIndexType('hnsw', ivfFlat()), { code: 'INVALID_ARGUMENT' });
  assert.throws(() => registerIndexType('Bad Name', ivfFlat()), { code: 'INVALID_ARGUMENT' });
  assert.throws(() => registerIndexType('x', null), { code: 'INVALID_ARGUMENT' });
  registerIndexType('broken', () => ({ add() {}, remove() {}, search: () => ['7'] }));
  const config = new EdgeVecConfig(2);
  config.indexType = 'broken';
  const index = new EdgeVec(config);
  index.insert(new Float32Array([1, 2]));
  assert.throws(() => index.search(new Float32Array([1, 2]), 1), { code: 'INVALID_ARGUMENT', message: /candidate ids/ });
  assert.throws(() => index.toBytes(), { code: 'INVALID_ARGUMENT', message: /toBytes/ });
  // An index whose add throws: the error reaches the caller and the vector is not added.
  registerIndexType('failing', () => ({ add() { throw new RangeError('full'); }, remove() {}, search: () => [] }));
  config.indexType = 'failing';
  const failing = new EdgeVec(config);
  assert.throws(() => failing.insert(new Float32Array([1, 2])), RangeError);
  assert.equal(failing.size, 0);
  assert.deepEqual(failing.search(new Float32Array([1, 2]), 1), []);
});
