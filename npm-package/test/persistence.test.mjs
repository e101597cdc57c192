// Snapshots through the packed package: toBytes/fromBytes, atomic files in Node, and damaged bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { installPackedPackage, runInProject, packageDir } from './helpers.mjs';

const project = installPackedPackage();

// A seeded generator, so that every run builds the same index and the same queries.
const PRELUDE = `
import init, { EdgeVec, EdgeVecConfig } from 'teavec';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
await init();
function rng(seed) {
  let s = seed >>> 0;
  return () => { s = (s + 0x6D2B79F5) >>> 0; let t = s; t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5; };
}
function build(options, n, dims, seed) {
  const c = new EdgeVecConfig(dims);
  Object.assign(c, options);
  const ix = new EdgeVec(c);
  const r = rng(seed);
  const flat = new Float32Array(n * dims).map(() => r());
  ix.insertBatchFlat(flat, n);
  for (let id = 0; id < n; id += 11) ix.softDelete(id);
  return ix;
}
function queries(count, dims, seed) {
  const r = rng(seed);
  return Array.from({ length: count }, () => new Float32Array(dims).map(() => r()));
}
const same = (a, b, qs) => qs.every((q) => JSON.stringify(a.search(q, 10)) === JSON.stringify(b.search(q, 10)));
`;

test('toBytes/fromBytes gives an index with the same results on 1,000 queries (float and SQ8), same ids after', () => {
  const out = runInProject(project, 'roundtrip.mjs', `${PRELUDE}
const report = {};
for (const [name, options] of Object.entries({
  hnsw: { indexType: 'hnsw', ef_construction: 64 },
  sq8: { indexType: 'hnsw', quantization: 'sq8', ef_construction: 64 },
  auto: {},
})) {
  const ix = build(options, 2500, 32, 7);
  const bytes = ix.toBytes();
  const copy = EdgeVec.fromBytes(bytes);
  const fromBuffer = EdgeVec.fromBytes(Buffer.from(bytes));
  const fromArrayBuffer = EdgeVec.fromBytes(bytes.slice().buffer);
  const qs = queries(1000, 32, 99);
  report[name] = {
    isUint8Array: bytes instanceof Uint8Array,
    same: same(ix, copy, qs) && same(ix, fromBuffer, qs.slice(0, 50)) && same(ix, fromArrayBuffer, qs.slice(0, 50)),
    counts: [copy.liveCount(), copy.deletedCount()].join() === [ix.liveCount(), ix.deletedCount()].join(),
    deleted: copy.isDeleted(0) && copy.isDeleted(11) && !copy.isDeleted(1),
    nextId: copy.insert(qs[0]) === ix.insert(qs[0]),
  };
}
console.log(JSON.stringify(report));
`);
  for (const [name, r] of Object.entries(JSON.parse(out))) {
    assert.deepEqual(r, { isUint8Array: true, same: true, counts: true, deleted: true, nextId: true }, name);
  }
});

test('saveToFile/loadFromFile: atomic replace, no temporary files left, failures leave nothing behind', () => {
  const out = runInProject(project, 'files.mjs', `${PRELUDE}
const dir = mkdtempSync(join(tmpdir(), 'teavec-files-'));
const path = join(dir, 'index.tvec');
const a = build({ indexType: 'hnsw', ef_construction: 32 }, 600, 16, 1);
const b = build({ indexType: 'hnsw', ef_construction: 32 }, 300, 16, 2);
await a.saveToFile(path);
const loadedA = await EdgeVec.loadFromFile(path);
await b.saveToFile(path);
const loadedB = await EdgeVec.loadFromFile(path);
const qs = queries(200, 16, 5);
let missingDir = null;
try { await a.saveToFile(join(dir, 'no-such-dir', 'x.tvec')); } catch (e) { missingDir = e.name + ' ' + e.code; }
let missingFile = null;
try { await EdgeVec.loadFromFile(join(dir, 'absent.tvec')); } catch (e) { missingFile = e.name + ' ' + e.code; }
console.log(JSON.stringify({
  sameA: same(a, loadedA, qs), sameB: same(b, loadedB, qs),
  fileIsB: Buffer.compare(readFileSync(path), Buffer.from(b.toBytes())) === 0,
  files: readdirSync(dir), missingDir, missingFile,
}));
`);
  const r = JSON.parse(out);
  assert.equal(r.sameA, true);
  assert.equal(r.sameB, true);
  assert.equal(r.fileIsB, true, 'the second save replaced the first');
  assert.deepEqual(r.files, ['index.tvec'], 'no temporary file is left behind');
  assert.equal(r.missingDir, 'TeaVecError NOT_FOUND');
  assert.equal(r.missingFile, 'TeaVecError NOT_FOUND');
});

test('damaged, truncated or foreign bytes give TeaVecError CORRUPT_SNAPSHOT; bad arguments INVALID_ARGUMENT', () => {
  const out = runInProject(project, 'corrupt.mjs', `${PRELUDE}
import { TeaVecError } from 'teavec';
const ix = build({ indexType: 'hnsw', quantization: 'sq8', ef_construction: 16 }, 300, 8, 3);
const bytes = ix.toBytes();
const codes = new Set();
const tryLoad = (b) => { try { EdgeVec.fromBytes(b); return 'loaded'; } catch (e) { return (e instanceof TeaVecError) + ':' + e.code; } };
for (let i = 0; i < bytes.length; i += 97) { const d = bytes.slice(); d[i] ^= 0x10; codes.add(tryLoad(d)); }
for (let len = 0; len < bytes.length; len += 389) codes.add(tryLoad(bytes.slice(0, len)));
codes.add(tryLoad(new TextEncoder().encode('not a snapshot at all, just some text')));
const dir = mkdtempSync(join(tmpdir(), 'teavec-bad-'));
writeFileSync(join(dir, 'bad.tvec'), bytes.slice(0, bytes.length - 1));
let fileCode = null;
try { await EdgeVec.loadFromFile(join(dir, 'bad.tvec')); } catch (e) { fileCode = e.code; }
console.log(JSON.stringify({ codes: [...codes], fileCode, args: [tryLoad('x'), tryLoad(null), tryLoad([1, 2])] }));
`);
  const r = JSON.parse(out);
  assert.deepEqual(r.codes, ['true:CORRUPT_SNAPSHOT']);
  assert.equal(r.fileCode, 'CORRUPT_SNAPSHOT');
  assert.deepEqual(r.args, ['true:INVALID_ARGUMENT', 'true:INVALID_ARGUMENT', 'true:INVALID_ARGUMENT']);
});

// ---- records: metadata, string ids, updates; Database of collections ------------------------------

const RECORDS = `${PRELUDE}
import { Database, TeaVecError } from 'teavec';
import { crc32 } from 'node:zlib';
const DIMS = 24;
const TAGS = ['red', 'green', 'blue'];
// Metadata of every kind; a lone surrogate and an emoji survive too.
const meta = (i) => ({ i, tag: TAGS[i % 3], even: i % 2 === 0, w: i / 7, tags: ['t' + (i % 4)], odd: i % 50 === 0 ? 'x\\ud800 \\u{1F375}' : null });
function records(options, n, seed) {
  const c = new EdgeVecConfig(DIMS);
  Object.assign(c, options);
  const ix = new EdgeVec(c);
  const r = rng(seed);
  const vec = () => new Float32Array(DIMS).map(() => r());
  for (let i = 0; i < n; i++) {
    if (i % 5 === 0) ix.insertWithMetadata(vec(), meta(i));
    else ix.upsert('key-' + i + (i % 97 === 0 ? ' \\u00e9\\u{1F600}' : ''), vec(), meta(i));
  }
  for (let i = 1; i < n; i += 6) if (ix.idOf('key-' + i) !== undefined) ix.upsert('key-' + i, vec(), i % 2 ? meta(i + 1000) : undefined);
  for (let id = 2; id < n; id += 13) ix.updateVector(id, vec());
  for (let id = 3; id < n; id += 9) ix.softDelete(id);
  for (let i = 4; i < n; i += 17) ix.delete('key-' + i);
  for (let id = 6; id < n; id += 11) if (!ix.isDeleted(id)) ix.setMetadata(id, 'edited', true);
  return ix;
}
const FILTERS = ["tag = 'red'", 'even = true AND i > 500', { tag: { $in: ['green', 'blue'] }, w: { $lt: 100 } }, "tags CONTAINS 't1'", { edited: true }];
function state(ix, n) {
  const ids = [];
  for (let id = 0; id < n; id++) {
    const deleted = ix.isDeleted(id);
    ids.push(deleted ? null : [ix.keyOf(id), ix.getAllMetadata(id), Array.from(ix.getVector(id))]);
  }
  return JSON.stringify([ids, ix.liveCount(), ix.deletedCount(), ix.metadataVectorCount(), ix.totalMetadataCount()]);
}
function results(ix, qs) {
  return JSON.stringify(qs.map((q, i) => [ix.search(q, 10), ix.searchWithFilter(q, FILTERS[i % FILTERS.length], 10)]));
}
const tryLoad = (load, b) => { try { load(b); return 'loaded'; } catch (e) { return (e instanceof TeaVecError) + ':' + e.code; } };
`;

test('EdgeVec with metadata, string ids, updates and deletes: same results on 1,000 queries (filtered too), same records', () => {
  const out = runInProject(project, 'records.mjs', `${RECORDS}
const report = {};
for (const [name, options] of Object.entries({
  flat: { indexType: 'flat' },
  hnsw: { indexType: 'hnsw', ef_construction: 64 },
  sq8: { indexType: 'hnsw', quantization: 'sq8', ef_construction: 64 },
  auto: {},
})) {
  const n = 2500;
  const ix = records(options, n, 11);
  const bytes = ix.toBytes();
  const copy = EdgeVec.fromBytes(bytes);
  const qs = queries(1000, DIMS, 5);
  const sameResults = results(ix, qs) === results(copy, qs);
  const sameState = state(ix, n) === state(copy, n);
  // Both go on identically: same next id, same in-place upsert, same compaction.
  const later = queries(3, DIMS, 77);
  for (const x of [ix, copy]) {
    x.insertWithMetadata(later[0], { i: -1 });
    x.upsert('key-1', later[1], { tag: 'red' });
    x.upsert('brand-new', later[2]);
    x.compact();
  }
  report[name] = {
    sameResults, sameState,
    after: results(ix, qs.slice(0, 200)) === results(copy, qs.slice(0, 200)) && state(ix, n + 2) === state(copy, n + 2),
    keys: copy.idOf('key-1') === ix.idOf('key-1') && copy.get('key-97 \\u00e9\\u{1F600}') !== undefined,
    lone: copy.getMetadata(50, 'odd') === 'x\\ud800 \\u{1F375}',
    reencoded: Buffer.compare(Buffer.from(bytes), Buffer.from(EdgeVec.fromBytes(bytes).toBytes())) === 0,
  };
}
console.log(JSON.stringify(report));
`);
  for (const [name, r] of Object.entries(JSON.parse(out))) {
    assert.deepEqual(r, { sameResults: true, sameState: true, after: true, keys: true, lone: true, reencoded: true }, name);
  }
});

test('Database with 3 collections: toBytes/fromBytes and saveToFile/loadFromFile give the same collections', () => {
  const out = runInProject(project, 'database.mjs', `${RECORDS}
function database(seed) {
  const db = new Database();
  const r = rng(seed);
  const vec = (d) => Array.from({ length: d }, () => r());
  const docs = db.createCollection({ name: 'docs', metadata: { 'hnsw:space': 'l2', owner: 'me' }, indexType: 'hnsw', m: 8 });
  const ids = Array.from({ length: 600 }, (_, i) => 'doc-' + i);
  docs.add({ ids, embeddings: ids.map(() => vec(16)), metadatas: ids.map((_, i) => meta(i)), documents: ids.map((id, i) => (i % 7 ? 'text of ' + id : null)) });
  docs.upsert({ ids: ['doc-3', 'doc-9'], embeddings: [vec(16), vec(16)], documents: ['new three', 'new nine'] });
  docs.update({ ids: ['doc-10'], metadatas: [{ tag: 'red', i: 10 }] });
  docs.delete({ ids: ['doc-4', 'doc-5'] });
  docs.delete({ where: { i: { $gte: 590 } } });
  const sq8 = db.createCollection({ name: 'compressed \\u00e9', metadata: { 'hnsw:space': 'ip' }, quantization: 'sq8', indexType: 'hnsw' });
  const more = Array.from({ length: 300 }, (_, i) => 'm' + i);
  sq8.add({ ids: more, embeddings: more.map(() => vec(8)), metadatas: more.map((_, i) => meta(i)) });
  db.createCollection({ name: 'not-yet', metadata: { note: 'dimensions come with the first add' }, metric: 'dot' });
  return db;
}
const WHERE = [undefined, { tag: 'red' }, { $and: [{ even: true }, { i: { $lt: 300 } }] }, { tags: { $contains: 't2' } }];
function view(db, seed) {
  const qs = (d) => queries(40, d, seed).map((q) => Array.from(q));
  return JSON.stringify(db.listCollections().map((c) => {
    const q = c.dimensions ? qs(c.dimensions) : [];
    return [c.name, c.metadata, c.metric, c.dimensions, c.count(), c.get({ include: ['embeddings', 'metadatas', 'documents'] }),
      WHERE.map((where) => c.get({ where, limit: 50, offset: 3 })),
      q.map((e, i) => c.query({ queryEmbeddings: e, nResults: 7, where: WHERE[i % WHERE.length], include: ['metadatas', 'documents', 'distances', 'embeddings'] }))];
  }));
}
const db = database(3);
const bytes = db.toBytes();
const copy = Database.fromBytes(bytes);
const dir = mkdtempSync(join(tmpdir(), 'teavec-db-'));
const path = join(dir, 'db.tvdb');
await db.saveToFile(path);
const fromFile = await Database.loadFromFile(path);
const identical = view(db, 9) === view(copy, 9) && view(db, 9) === view(fromFile, 9);
// Both go on identically, including the collection that had no index yet.
for (const d of [db, copy]) {
  d.getCollection('not-yet').add({ ids: ['a', 'b'], embeddings: [[1, 2, 3], [3, 2, 1]], metadatas: [{ i: 1 }, { i: 2 }] });
  d.getCollection('docs').upsert({ ids: ['doc-1', 'fresh'], embeddings: [Array(16).fill(0.5), Array(16).fill(0.25)] });
  d.deleteCollection('compressed \\u00e9');
}
console.log(JSON.stringify({
  identical, after: view(db, 10) === view(copy, 10),
  names: copy.listCollections().map((c) => c.name),
  notYet: [copy.getCollection('not-yet').dimensions, copy.getCollection('not-yet').metric],
  files: readdirSync(dir),
  sizes: [bytes.length, db.getCollection('docs').count()],
}));
`);
  const r = JSON.parse(out);
  assert.equal(r.identical, true, 'every collection reads and queries the same after toBytes/fromBytes and after a file round trip');
  assert.equal(r.after, true, 'and goes on the same');
  assert.deepEqual(r.names, ['docs', 'not-yet']);
  assert.deepEqual(r.notYet, [3, 'dot']);
  assert.deepEqual(r.files, ['db.tvdb']);
});

test('damaged snapshots with records, and damaged or mismatched databases, give CORRUPT_SNAPSHOT', () => {
  const out = runInProject(project, 'corrupt-records.mjs', `${RECORDS}
const ix = records({ indexType: 'hnsw', quantization: 'sq8', ef_construction: 16 }, 300, 3);
const bytes = ix.toBytes();
const codes = new Set();
for (let i = 0; i < bytes.length; i += 37) { const d = bytes.slice(); d[i] ^= 0x04; codes.add(tryLoad(EdgeVec.fromBytes, d)); }
for (let len = 0; len < bytes.length; len += 211) codes.add(tryLoad(EdgeVec.fromBytes, bytes.slice(0, len)));
const db = new Database();
const c = db.createCollection({ name: 'c', dimensions: 4, metric: 'cosine' });
c.add({ ids: ['x', 'y'], embeddings: [[1, 0, 0, 0], [0, 1, 0, 0]], metadatas: [{ a: 1 }, null], documents: ['dx', null] });
db.createCollection({ name: 'later' });
const dbBytes = db.toBytes();
const dbCodes = new Set();
for (let i = 0; i < dbBytes.length; i += 5) { const d = dbBytes.slice(); d[i] ^= 0x40; dbCodes.add(tryLoad(Database.fromBytes, d)); }
for (let len = 0; len < dbBytes.length; len += 23) dbCodes.add(tryLoad(Database.fromBytes, dbBytes.slice(0, len)));
// Settings the engine accepts as JSON but the collection does not (metric "cosinX"), CRCs recomputed:
// on the collection with an index (it disagrees with the index) and on the one without (not a metric).
function withMetricX(occurrence) {
  const text = Buffer.from(dbBytes).toString('latin1');
  const at = (occurrence === 0 ? text.indexOf('"metric":"cosine"') : text.lastIndexOf('"metric":"cosine"')) + 15;
  const bad = Buffer.from(dbBytes);
  bad[at] = 'X'.charCodeAt(0);
  const frame = 24;
  const payloadLength = bad.readUInt32LE(frame + 4);
  bad.writeUInt32LE(crc32(Buffer.concat([bad.subarray(frame, frame + 8), bad.subarray(frame + 12, frame + 12 + payloadLength)])), frame + 8);
  try { Database.fromBytes(bad); return 'loaded'; } catch (e) { return e.code + ': ' + e.message; }
}
const badSettings = [withMetricX(0), withMetricX(1)];
console.log(JSON.stringify({
  codes: [...codes], dbCodes: [...dbCodes], badSettings,
  crossed: [tryLoad(Database.fromBytes, bytes), tryLoad(EdgeVec.fromBytes, dbBytes)],
  args: [tryLoad(Database.fromBytes, 'x'), tryLoad(Database.fromBytes, null)],
}));
`);
  const r = JSON.parse(out);
  assert.deepEqual(r.codes, ['true:CORRUPT_SNAPSHOT']);
  assert.deepEqual(r.dbCodes, ['true:CORRUPT_SNAPSHOT']);
  assert.match(r.badSettings[0], /^CORRUPT_SNAPSHOT: collection "c": its settings \(cosinX, 4 dimensions\) do not match its index/);
  assert.match(r.badSettings[1], /^CORRUPT_SNAPSHOT: collection "later": metric must be one of/);
  assert.deepEqual(r.crossed, ['true:CORRUPT_SNAPSHOT', 'true:CORRUPT_SNAPSHOT']);
  assert.deepEqual(r.args, ['true:INVALID_ARGUMENT', 'true:INVALID_ARGUMENT']);
});

test('committed version 1 and 2 fixtures load through the package, records and collections included', () => {
  const fixtures = join(packageDir, '..', 'wasm-core', 'src', 'test', 'resources', 'snapshots');
  const out = runInProject(project, 'fixtures.mjs', `${RECORDS}
const dir = ${JSON.stringify(fixtures)};
const read = (name) => readFileSync(join(dir, name));
const report = {};
for (const name of ['hnsw-float', 'hnsw-sq8', 'flat', 'auto-hnsw']) {
  const v1 = EdgeVec.fromBytes(read('v1-' + name + '.tvec'));
  const v2 = EdgeVec.fromBytes(read('v2-' + name + '.tvec'));
  // The v2 .expected file ends with one line per live id: "id key metadata document".
  const lines = read('v2-' + name + '.expected').toString('utf8').trim().split('\\n').filter((l) => / id-/.test(l));
  const records = lines.every((line) => {
    const [id, key, meta, ...doc] = line.split(' ');
    return v2.keyOf(Number(id)) === key && v2.idOf(key) === Number(id)
      && JSON.stringify(v2.getAllMetadata(Number(id)) ?? null) === JSON.stringify(JSON.parse(meta));
  });
  report[name] = [v1.liveCount(), v2.liveCount(), lines.length, records, v2.insert(new Float32Array(8).fill(0.5))];
}
const old = Database.fromBytes(read('v1-database.tvdb'));
const now = Database.fromBytes(read('v2-database.tvdb'));
const docs = now.getCollection('flat').get({ ids: ['id-2', 'id-4'] });
report.v1db = old.listCollections().map((c) => [c.name, c.metric, c.count()]);
report.v2db = now.listCollections().map((c) => [c.name, c.metric, c.count(), c.metadata.owner]);
report.docs = [docs.documents, docs.metadatas.map((m) => m.tag)];
console.log(JSON.stringify(report));
`);
  const r = JSON.parse(out);
  for (const name of ['hnsw-float', 'hnsw-sq8', 'flat', 'auto-hnsw']) {
    assert.deepEqual(r[name], [106, 106, 106, true, 120], name);
  }
  assert.deepEqual(r.v1db, [['hnsw-float', 'cosine', 106], ['hnsw-sq8', 'l2', 106], ['flat', 'cosine', 106], ['auto-hnsw', 'cosine', 106]]);
  assert.deepEqual(r.v2db, [['hnsw-float', 'cosine', 106, 'hnsw-float'], ['hnsw-sq8', 'l2', 106, 'hnsw-sq8'],
    ['flat', 'cosine', 106, 'flat'], ['auto-hnsw', 'cosine', 106, 'auto-hnsw'], ['not-yet', 'cosine', 0, 'not-yet']]);
  assert.deepEqual(r.docs, [['document \u00e9 2', null], ['c', 'b']]);
});
