// An own "__proto__" metadata key is an ordinary key: every write path stores it, every read path gives
// it back as an own property, and nothing anywhere gets a new prototype.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importPacked } from './helpers.mjs';

const teavec = await importPacked();
const { EdgeVec, EdgeVecConfig, Database } = teavec;
await teavec.default();

/** `{ "__proto__": value, other: 1 }` with "__proto__" as an own key, as JSON.parse makes it. */
function withProto(value) {
  return JSON.parse(`{"__proto__": ${JSON.stringify(value)}, "other": 1}`);
}

function assertOwnProto(record, expected, what) {
  assert.ok(record !== null && typeof record === 'object', `${what}: a record, got ${record}`);
  assert.ok(Object.hasOwn(record, '__proto__'), `${what}: "__proto__" is an own key (keys: ${Object.keys(record)})`);
  assert.deepEqual(Object.getOwnPropertyDescriptor(record, '__proto__').value, expected, `${what}: its value`);
  assert.equal(record.other, 1, `${what}: the other key`);
  assert.equal(Object.getPrototypeOf(record), Object.prototype, `${what}: an ordinary object`);
  assert.equal(Object.prototype.polluted, undefined, `${what}: Object.prototype is untouched`);
}

const VALUES = [5, 'text', true, null, ['a', 'b']];

test('EdgeVec: insertWithMetadata, insertBatchWithMetadata, setAllMetadata, upsert and upsertBatch keep an own __proto__ key', () => {
  const index = new EdgeVec(new EdgeVecConfig(2));
  for (const value of VALUES) {
    const what = `value ${JSON.stringify(value)}`;
    const a = index.insertWithMetadata(new Float32Array([1, 2]), withProto(value));
    assertOwnProto(index.getAllMetadata(a), value, `insertWithMetadata, ${what}`);
    assert.deepEqual(index.getMetadata(a, '__proto__'), value, `getMetadata(id, '__proto__'), ${what}`);

    const { ids } = index.insertBatchWithMetadata([new Float32Array([1, 3])], [withProto(value)]);
    assertOwnProto(index.getAllMetadata(ids[0]), value, `insertBatchWithMetadata, ${what}`);

    const b = index.insert(new Float32Array([2, 1]));
    index.setAllMetadata(b, withProto(value));
    assertOwnProto(index.getAllMetadata(b), value, `setAllMetadata, ${what}`);

    const key = `k${JSON.stringify(value)}`;
    index.upsert(key, new Float32Array([3, 1]), withProto(value));
    assertOwnProto(index.get(key).metadata, value, `upsert + get, ${what}`);
    index.upsertBatch([{ id: `${key}2`, vector: new Float32Array([3, 2]), metadata: withProto(value) }]);
    assertOwnProto(index.get(`${key}2`).metadata, value, `upsertBatch, ${what}`);

    const found = index.searchFiltered(new Float32Array([1, 2]), 100, { includeMetadata: true }).results.find((r) => r.id === a);
    assertOwnProto(found.metadata, value, `searchFiltered includeMetadata, ${what}`);
  }
  // A filter can name the key.
  const hits = index.searchWithFilter(new Float32Array([1, 2]), JSON.parse('{"__proto__": 5}'), 100);
  assert.ok(hits.length >= 5, `where { "__proto__": 5 } matches the records that hold it, got ${hits.length}`);
  index.free();
});

test('Collection: add, upsert, update, get and query keep an own __proto__ key; so does the collection metadata, through a snapshot', () => {
  const db = new Database();
  const c = db.createCollection({ name: 'proto', metadata: withProto('collection') });
  assertOwnProto(c.metadata, 'collection', 'createCollection metadata');
  c.add({ ids: ['a', 'b'], embeddings: [[1, 0], [0, 1]], metadatas: [withProto(1), withProto('x')] });
  c.upsert({ ids: ['c'], embeddings: [[1, 1]], metadatas: [withProto(true)] });
  const got = c.get({ ids: ['a', 'b', 'c'], include: ['metadatas'] });
  assertOwnProto(got.metadatas[0], 1, 'add + get');
  assertOwnProto(got.metadatas[1], 'x', 'add + get');
  assertOwnProto(got.metadatas[2], true, 'upsert + get');
  c.update({ ids: ['a'], metadatas: [withProto(['u'])] });
  const q = c.query({ queryEmbeddings: [[1, 0]], nResults: 1, include: ['metadatas'] });
  assertOwnProto(q.metadatas[0][0], ['u'], 'update + query');

  const loaded = Database.fromBytes(db.toBytes());
  const lc = loaded.getCollection('proto');
  assertOwnProto(lc.metadata, 'collection', 'collection metadata after a snapshot');
  assertOwnProto(lc.get({ ids: ['b'] }).metadatas[0], 'x', 'record after a snapshot');
  db.free();
  loaded.free();
});
