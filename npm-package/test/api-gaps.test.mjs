// Small API gaps found by running EdgeVec and Chroma code unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importPacked } from './helpers.mjs';

const teavec = await importPacked();
const { EdgeVec, EdgeVecConfig, Database, TeaVecError } = teavec;
await teavec.default();

test('EdgeVec getMetadata(id) with the key omitted returns the whole record, as EdgeVec\'s wrapper does', () => {
  const index = new EdgeVec(new EdgeVecConfig(2));
  const id = index.insertWithMetadata(new Float32Array([1, 2]), { a: 1, tags: ['x'] });
  const bare = index.insert(new Float32Array([2, 1]));
  assert.deepEqual(index.getMetadata(id), { a: 1, tags: ['x'] });
  assert.deepEqual(index.getMetadata(id, undefined), { a: 1, tags: ['x'] });
  assert.equal(index.getMetadata(id, 'a'), 1);
  assert.equal(index.getMetadata(bare), undefined, 'no record: undefined, as getAllMetadata');
  assert.equal(index.getMetadata(999), undefined, 'unknown id: undefined, as for a key');
  assert.throws(() => index.getMetadata(id, ''), (e) => e instanceof TeaVecError && e.code === 'INVALID_ARGUMENT');
  assert.throws(() => index.getMetadata(id, null), (e) => e instanceof TeaVecError && e.code === 'INVALID_ARGUMENT');
  index.free();
});

test('createCollection and getOrCreateCollection also take (name, options)', () => {
  const db = new Database();
  const a = db.createCollection('a');
  assert.equal(a.name, 'a');
  const b = db.createCollection('b', { metric: 'l2', metadata: { owner: 'me' }, dimensions: 2 });
  assert.equal(b.name, 'b');
  assert.equal(b.metric, 'l2');
  assert.equal(b.dimensions, 2);
  assert.deepEqual(b.metadata, { owner: 'me' });
  assert.equal(db.getOrCreateCollection('b', { metric: 'l2' }), b);
  assert.equal(db.getOrCreateCollection('a'), a);
  const c = db.getOrCreateCollection('c', { metadata: { 'hnsw:space': 'ip' } });
  assert.equal(c.metric, 'dot');
  assert.equal(db.getOrCreateCollection({ name: 'c' }), c, 'the object form still works');
  assert.throws(() => db.createCollection('a'), (e) => e.code === 'DUPLICATE_ID');
  assert.throws(() => db.createCollection('d', { name: 'e' }), (e) => e instanceof TeaVecError && e.code === 'INVALID_ARGUMENT'
    && /name/.test(e.message));
  assert.throws(() => db.createCollection('d', 'l2'), (e) => e instanceof TeaVecError && e.code === 'INVALID_ARGUMENT');
  assert.throws(() => db.createCollection(''), (e) => e instanceof TeaVecError && e.code === 'INVALID_ARGUMENT');
  assert.deepEqual(db.listCollections().map((x) => x.name), ['a', 'b', 'c']);
  db.free();
});

test('getOrCreateCollection with settings that differ from the existing collection\'s throws, naming the setting', () => {
  const db = new Database();
  const s = db.createCollection({ name: 's', metric: 'l2', dimensions: 3, indexType: 'flat' });
  const differs = (pattern) => (e) => e instanceof TeaVecError && e.code === 'INVALID_CONFIG' && pattern.test(e.message);
  // The same settings, fewer of them, or the defaults spelled out: the existing collection.
  assert.equal(db.getOrCreateCollection({ name: 's' }), s);
  assert.equal(db.getOrCreateCollection({ name: 's', metric: 'l2', dimensions: 3 }), s);
  assert.equal(db.getOrCreateCollection('s', { indexType: 0, m: 16, metadata: { 'hnsw:space': 'l2' } }), s,
    'JsIndexType.Flat is flat; m 16 is the default');
  assert.equal(db.getOrCreateCollection('s', { metadata: { other: 'metadata is not a setting' } }), s);
  assert.throws(() => db.getOrCreateCollection({ name: 's', metric: 'cosine' }), differs(/metric.*'cosine'.*'l2'/));
  assert.throws(() => db.getOrCreateCollection('s', { metadata: { 'hnsw:space': 'ip' } }), differs(/metric.*'dot'.*'l2'/));
  assert.throws(() => db.getOrCreateCollection('s', { dimensions: 4 }), differs(/dimensions.*4.*3/));
  assert.throws(() => db.getOrCreateCollection('s', { indexType: 'hnsw' }), differs(/indexType.*'hnsw'.*'flat'/));
  assert.throws(() => db.getOrCreateCollection('s', { m: 24 }), differs(/\bm\b.*24.*16/));
  assert.throws(() => db.getOrCreateCollection('s', { metric: 'manhattan' }), (e) => e.code === 'INVALID_CONFIG');

  // Dimensions that came with the first add count; a collection without them yet has none to match.
  const later = db.createCollection('later');
  assert.throws(() => db.getOrCreateCollection('later', { dimensions: 2 }), differs(/dimensions.*2/));
  later.add({ ids: ['a'], embeddings: [[1, 2]] });
  assert.equal(db.getOrCreateCollection('later', { dimensions: 2 }), later);
  assert.throws(() => db.getOrCreateCollection('later', { dimensions: 5 }), differs(/dimensions.*5.*2/));

  // And after a snapshot round trip.
  const loaded = Database.fromBytes(db.toBytes());
  assert.equal(loaded.getOrCreateCollection('s', { metric: 'l2', dimensions: 3 }), loaded.getCollection('s'));
  assert.throws(() => loaded.getOrCreateCollection('s', { metric: 'dot' }), differs(/metric/));
  assert.equal(db.countCollections(), 2, 'nothing was created');
  db.free();
  loaded.free();
});
