// Chroma-style collections end to end: a Database, collections, add/upsert/update/get/peek/query/delete/count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importPacked } from './helpers.mjs';

const teavec = await importPacked();
const { Database, Collection } = teavec;
await teavec.default();

function docs() {
  const db = new Database();
  const c = db.createCollection({ name: 'docs', metadata: { 'hnsw:space': 'l2', owner: 'me' } });
  c.add({
    ids: ['a', 'b', 'c', 'd'],
    embeddings: [[0, 0], [1, 0], [2, 0], new Float32Array([3, 0])],
    metadatas: [{ kind: 'x', n: 1 }, { kind: 'y', n: 2 }, null, { kind: 'x', n: 4, tags: ['t'] }],
    documents: ['alpha', 'beta', null, 'delta'],
  });
  return { db, c };
}

test('a Database creates, finds, lists and deletes collections', async () => {
  const db = new Database();
  const a = db.createCollection({ name: 'a', dimensions: 3 });
  assert.ok(a instanceof Collection);
  assert.equal(a.name, 'a');
  assert.equal(a.dimensions, 3);
  assert.equal(a.metric, 'cosine', 'cosine unless told');
  assert.equal(a.metadata, null);
  const b = await db.getOrCreateCollection({ name: 'b', metadata: { 'hnsw:space': 'ip' } });
  assert.equal(b.metric, 'dot', "Chroma's 'ip' is the dot product");
  assert.equal(b.dimensions, undefined, 'taken from the first add');
  assert.equal(db.getOrCreateCollection({ name: 'b' }), b, 'an existing collection is returned');
  assert.throws(() => db.getOrCreateCollection({ name: 'b', metric: 'l2' }), { code: 'INVALID_CONFIG' },
    'unless the settings asked for differ from its own');
  assert.equal(db.getCollection({ name: 'a' }), a);
  assert.equal(db.getCollection('a'), a);
  assert.deepEqual(db.listCollections().map((c) => c.name), ['a', 'b']);
  assert.equal(db.countCollections(), 2);
  db.deleteCollection({ name: 'a' });
  assert.deepEqual(db.listCollections().map((c) => c.name), ['b']);
  assert.throws(() => a.get(), { code: 'UNKNOWN_ID' });
  const again = db.createCollection({ name: 'a', dimensions: 2, indexType: 'hnsw', quantization: 'sq8', m: 8, seed: 1 });
  assert.equal(again.count(), 0, 'a new collection under an old name starts empty');
});

test('add, count, get by ids / where / limit / offset / include, peek', () => {
  const { c } = docs();
  assert.equal(c.count(), 4);
  assert.equal(c.dimensions, 2);
  assert.equal(c.metric, 'l2');
  assert.deepEqual(c.metadata, { 'hnsw:space': 'l2', owner: 'me' });
  assert.deepEqual(c.get(), {
    ids: ['a', 'b', 'c', 'd'], embeddings: null,
    metadatas: [{ kind: 'x', n: 1 }, { kind: 'y', n: 2 }, null, { kind: 'x', n: 4, tags: ['t'] }],
    documents: ['alpha', 'beta', null, 'delta'], included: ['metadatas', 'documents'],
  });
  assert.deepEqual(c.get({ ids: ['d', 'zzz', 'a'], include: ['embeddings'] }),
    { ids: ['d', 'a'], embeddings: [[3, 0], [0, 0]], metadatas: null, documents: null, included: ['embeddings'] });
  assert.deepEqual(c.get({ ids: 'b' }).documents, ['beta']);
  assert.deepEqual(c.get({ where: { kind: 'x' } }).ids, ['a', 'd']);
  assert.deepEqual(c.get({ where: { $or: [{ kind: 'y' }, { n: { $gte: 4 } }] }, include: [] }).ids, ['b', 'd']);
  assert.deepEqual(c.get({ ids: ['a', 'b', 'd'], where: { kind: 'x' } }).ids, ['a', 'd']);
  assert.deepEqual(c.get({ limit: 2 }).ids, ['a', 'b']);
  assert.deepEqual(c.get({ offset: 1, limit: 2 }).ids, ['b', 'c']);
  assert.deepEqual(c.get({ where: { kind: 'x' }, offset: 1 }).ids, ['d']);
  assert.deepEqual(c.get({ ids: ['d', 'c', 'b'], offset: 1, limit: 1 }).ids, ['c']);
  assert.deepEqual(c.get({ where: { kind: 'none' } }), { ids: [], embeddings: null, metadatas: [], documents: [], included: ['metadatas', 'documents'] });
  const peek = c.peek({ limit: 2 });
  assert.deepEqual(peek.ids, ['a', 'b']);
  assert.deepEqual(peek.embeddings, [[0, 0], [1, 0]]);
  assert.equal(c.peek().ids.length, 4);
});

test('query: one result list per query embedding, distances ascending, where and include', () => {
  const { c } = docs();
  const res = c.query({ queryEmbeddings: [[0.9, 0], new Float32Array([3, 0])], nResults: 2 });
  assert.deepEqual(res.ids, [['b', 'a'], ['d', 'c']]);
  assert.deepEqual(res.distances.map((d) => d.map((x) => Math.round(x * 1000) / 1000)), [[0.1, 0.9], [0, 1]]);
  assert.deepEqual(res.metadatas, [[{ kind: 'y', n: 2 }, { kind: 'x', n: 1 }], [{ kind: 'x', n: 4, tags: ['t'] }, null]]);
  assert.deepEqual(res.documents, [['beta', 'alpha'], ['delta', null]]);
  assert.equal(res.embeddings, null);
  assert.deepEqual(res.included, ['metadatas', 'documents', 'distances']);
  const filtered = c.query({ queryEmbeddings: [2, 0], where: { kind: 'x' }, include: ['embeddings'] });
  assert.deepEqual(filtered.ids, [['d', 'a']], 'nResults defaults to 10: every match comes back');
  assert.deepEqual(filtered.embeddings, [[[3, 0], [0, 0]]]);
  assert.equal(filtered.distances, null);
  const contains = c.query({ queryEmbeddings: [[0, 0]], where: { tags: { $contains: 't' } } });
  assert.deepEqual(contains.ids, [['d']]);
  const empty = new Database().createCollection({ name: 'e' });
  assert.deepEqual(empty.query({ queryEmbeddings: [[1, 2, 3]], nResults: 3 }).ids, [[]], 'an empty collection answers empty lists');
});

test('upsert replaces in place (keeping omitted fields), update changes existing records only', () => {
  const { c } = docs();
  c.upsert({ ids: ['a', 'e'], embeddings: [[10, 0], [11, 0]], metadatas: [{ kind: 'z' }, { kind: 'z', n: 5 }] });
  assert.equal(c.count(), 5);
  assert.deepEqual(c.get({ ids: ['a', 'e'], include: ['embeddings', 'metadatas', 'documents'] }), {
    ids: ['a', 'e'], embeddings: [[10, 0], [11, 0]], metadatas: [{ kind: 'z' }, { kind: 'z', n: 5 }],
    documents: ['alpha', null], included: ['embeddings', 'metadatas', 'documents'],
  });
  c.upsert({ ids: 'a', embeddings: [0, 0] });
  assert.deepEqual(c.get({ ids: 'a' }).metadatas, [{ kind: 'z' }], 'metadata omitted: kept');
  assert.deepEqual(c.query({ queryEmbeddings: [0, 0], nResults: 1 }).ids, [['a']], 'the vector moved back');
  c.update({ ids: ['b'], documents: ['BETA'] });
  c.update({ ids: 'c', metadatas: { kind: 'w' } });
  c.update({ ids: ['d'], embeddings: [[-1, 0]] });
  assert.deepEqual(c.get({ ids: ['b', 'c', 'd'], include: ['embeddings', 'metadatas', 'documents'] }), {
    ids: ['b', 'c', 'd'], embeddings: [[1, 0], [2, 0], [-1, 0]],
    metadatas: [{ kind: 'y', n: 2 }, { kind: 'w' }, { kind: 'x', n: 4, tags: ['t'] }],
    documents: ['BETA', null, 'delta'], included: ['embeddings', 'metadatas', 'documents'],
  });
});

test('delete by ids, by where, by both; count follows', () => {
  const { c } = docs();
  assert.deepEqual(c.delete({ ids: ['a', 'nope'] }), ['a']);
  assert.equal(c.count(), 3);
  assert.deepEqual(c.delete({ where: { kind: 'x' } }), ['d']);
  assert.deepEqual(c.delete({ ids: ['b', 'c'], where: { n: 2 } }), ['b']);
  assert.deepEqual(c.get().ids, ['c']);
  assert.deepEqual(c.delete({ where: {} }), ['c']);
  assert.equal(c.count(), 0);
  c.add({ ids: ['a'], embeddings: [[5, 5]] });
  assert.deepEqual(c.get({ include: ['embeddings'] }).embeddings, [[5, 5]], 'a deleted id can be added again');
});

test('a refused first add leaves the dimensions open', () => {
  const c = new Database().createCollection({ name: 'open' });
  assert.throws(() => c.add({ ids: ['a', 'b'], embeddings: [[1, 2], [1, 2, 3]] }), { code: 'DIMENSION_MISMATCH' });
  assert.equal(c.dimensions, undefined);
  c.add({ ids: ['a'], embeddings: [[1, 2, 3]] });
  assert.equal(c.dimensions, 3);
});

test('collection methods can be awaited, as Chroma code does', async () => {
  const db = new Database();
  const c = await db.createCollection({ name: 'async' });
  await c.add({ ids: ['x'], embeddings: [[1, 1]], documents: ['doc'] });
  const res = await c.query({ queryEmbeddings: [[1, 1]], nResults: 1 });
  assert.deepEqual(res.documents, [['doc']]);
  assert.equal(await c.count(), 1);
});

test('a batch with a refused vector changes nothing; a tiny vector is not refused under cosine', () => {
  // 1e-30 once passed the JS pre-check but was refused by the engine midway (its float32 squared norm
  // underflowed), which exercised the undo of keyed.js; cosine now takes it, as the pre-check always did.
  const c = new Database().createCollection({ name: 'undo', metric: 'cosine' });
  c.add({ ids: ['a', 'b'], embeddings: [[1, 0], [0, 1]], metadatas: [{ v: 1 }, null], documents: ['A', null] });
  const everything = { include: ['embeddings', 'metadatas', 'documents'] };
  const before = c.get(everything);
  assert.throws(() => c.upsert({
    ids: ['a', 'new', 'b'],
    embeddings: [[2, 2], [3, 1], [0, -0]],
    metadatas: [{ v: 9 }, { v: 3 }, { v: 4 }],
    documents: ['changed', 'n', 'b'],
  }), { code: 'INVALID_VECTOR' });
  assert.deepEqual(c.get(everything), before);
  assert.equal(c.count(), 2);
  c.add({ ids: ['x', 'y'], embeddings: [[1, 1], [0, 1e-30]] });
  const r = c.query({ queryEmbeddings: [[0, 1e-38]], nResults: 2 });
  assert.deepEqual(r.ids[0].sort(), ['b', 'y'], 'both point the same way as the query');
  assert.deepEqual(r.distances[0], [0, 0]);
});
