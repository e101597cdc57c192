// Every error code TeaVec can raise here, each from the calls that raise it, and proof that the
// failed call changed nothing (same counts, same search results, same metadata, same string ids).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { pathToFileURL } from 'node:url';
import { importPacked, installPackedPackage } from './helpers.mjs';

const teavec = await importPacked();
const { EdgeVec, EdgeVecConfig, TeaVecError, ErrorCodes, Database, Filter, JsMetadataValue } = teavec;
await teavec.default();

const f = (...xs) => new Float32Array(xs);
const seen = new Set();

function expectCode(code, fn, label = '', ErrorClass = TeaVecError) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof ErrorClass, `${label}: expected a TeaVecError, got ${e?.stack ?? e}`);
    assert.ok(e instanceof Error);
    assert.equal(e.name, 'TeaVecError');
    assert.equal(e.code, code, `${label}: ${e.message}`);
    assert.ok(e.message.length > 10, `${label}: the message says what was expected`);
    seen.add(code);
    return true;
  });
}

/** Everything observable about an index, to compare before and after a failed call. */
function state(ix) {
  const all = ix.search(f(1, 2, 3), 50);
  return {
    size: ix.size,
    live: ix.liveCount(),
    deleted: ix.deletedCount(),
    results: all,
    vectors: all.map((r) => [...ix.getVector(r.id)]),
    metadata: all.map((r) => ix.getAllMetadata(r.id)),
    keys: all.map((r) => ix.keyOf(r.id)),
    metadataCounts: [ix.metadataVectorCount(), ix.totalMetadataCount()],
    memory: ix.memoryUsage(),
  };
}

function populated() {
  const ix = new EdgeVec(new EdgeVecConfig(3));
  ix.insertWithMetadata(f(1, 0, 0), { cat: 'a', n: 1 });
  ix.insertWithMetadata(f(0, 1, 0), { cat: 'b', n: 2 });
  ix.upsert('k', f(0, 0, 1), { cat: 'c' });
  ix.insert(f(1, 1, 1));
  ix.softDelete(3);
  return ix;
}

/** Runs `fn` against a populated index, expecting `code`, and checks that nothing changed. */
function unchanged(code, label, fn) {
  const ix = populated();
  const before = state(ix);
  expectCode(code, () => fn(ix), label);
  assert.deepEqual(state(ix), before, `${label}: the failed call changed the index`);
}

test('DIMENSION_MISMATCH from every call that takes a vector', () => {
  unchanged('DIMENSION_MISMATCH', 'insert', (ix) => ix.insert(f(1, 2)));
  unchanged('DIMENSION_MISMATCH', 'search', (ix) => ix.search(f(1, 2, 3, 4), 1));
  unchanged('DIMENSION_MISMATCH', 'insertBatch', (ix) => ix.insertBatch([f(1, 2, 3), f(1, 2)]));
  unchanged('DIMENSION_MISMATCH', 'insertBatchFlat', (ix) => ix.insertBatchFlat(f(1, 2, 3, 4), 2));
  unchanged('DIMENSION_MISMATCH', 'insertWithMetadata', (ix) => ix.insertWithMetadata(f(1), { a: 1 }));
  unchanged('DIMENSION_MISMATCH', 'upsert', (ix) => ix.upsert('k', f(1, 2)));
  unchanged('DIMENSION_MISMATCH', 'upsertBatch', (ix) => ix.upsertBatch([{ id: 'z', vector: f(1, 1, 1) }, { id: 'k', vector: f(1) }]));
  unchanged('DIMENSION_MISMATCH', 'updateVector', (ix) => ix.updateVector(0, f(1, 2)));
  unchanged('DIMENSION_MISMATCH', 'searchWithFilter', (ix) => ix.searchWithFilter(f(1), 'n = 1', 1));
  unchanged('DIMENSION_MISMATCH', 'searchFiltered', (ix) => ix.searchFiltered(f(1), 1, { filter: 'n = 1' }));
});

test('INVALID_VECTOR: NaN, Infinity, the zero vector under cosine, and non-Float32Array input', () => {
  unchanged('INVALID_VECTOR', 'NaN', (ix) => ix.insert(f(1, NaN, 3)));
  unchanged('INVALID_VECTOR', 'Infinity', (ix) => ix.insertBatch([f(1, 1, 1), f(1, Infinity, 3)]));
  unchanged('INVALID_VECTOR', 'zero under cosine', (ix) => ix.insert(f(0, 0, 0)));
  unchanged('INVALID_VECTOR', 'number[]', (ix) => ix.insert([1, 2, 3]));
  unchanged('INVALID_VECTOR', 'null', (ix) => ix.insert(null));
  unchanged('INVALID_VECTOR', 'query NaN', (ix) => ix.search(f(NaN, 1, 1), 1));
  unchanged('INVALID_VECTOR', 'upsert NaN', (ix) => ix.upsert('k', f(NaN, 1, 1)));
  unchanged('INVALID_VECTOR', 'updateVector zero', (ix) => ix.updateVector(0, f(0, 0, 0)));
  unchanged('INVALID_VECTOR', 'batch with metadata', (ix) => ix.insertBatchWithMetadata([f(1, 1, 1), f(NaN, 0, 0)], [null, null]));
});

test('INVALID_K: zero, negative, fractional, non-number, nResults', () => {
  for (const k of [0, -1, 2.5, '3', NaN, 2 ** 31]) {
    unchanged('INVALID_K', `search k=${String(k)}`, (ix) => ix.search(f(1, 1, 1), k));
    unchanged('INVALID_K', `searchWithFilter k=${String(k)}`, (ix) => ix.searchWithFilter(f(1, 1, 1), 'n = 1', k));
    unchanged('INVALID_K', `searchFiltered k=${String(k)}`, (ix) => ix.searchFiltered(f(1, 1, 1), k, {}));
  }
  const c = new Database().createCollection({ name: 'k', dimensions: 3 });
  expectCode('INVALID_K', () => c.query({ queryEmbeddings: [1, 1, 1], nResults: 0 }), 'nResults');
});

test('INVALID_CONFIG: every setting, memory settings, collection options', () => {
  expectCode('INVALID_CONFIG', () => new EdgeVecConfig(0));
  expectCode('INVALID_CONFIG', () => new EdgeVecConfig('384'));
  expectCode('INVALID_CONFIG', () => new EdgeVec({ dimensions: 3 }));
  for (const [field, value] of [['metric', 'hamming'], ['m', 1], ['m0', 4], ['ef_construction', 0], ['ef_search', 1.5],
    ['indexType', 'IVF'], ['indexType', 7], ['quantization', 'pq8'], ['rerank', 'yes'], ['compactionThreshold', 2], ['seed', -1]]) {
    const c = new EdgeVecConfig(8);
    c[field] = value;
    expectCode('INVALID_CONFIG', () => new EdgeVec(c), `${field}=${value}`);
  }
  expectCode('INVALID_CONFIG', () => new EdgeVecConfig(8).setMetricType(3), 'hamming');
  const rerank = new EdgeVecConfig(8);
  rerank.rerank = true;
  expectCode('INVALID_CONFIG', () => new EdgeVec(rerank), 'rerank without sq8 (the engine says so)');
  const ix = populated();
  for (const bad of [{ warningThreshold: 0 }, { warningThreshold: 96 }, { criticalThreshold: 101 }, { budgetBytes: -1 },
    { autoCompactOnWarning: 1 }, { nonsense: true }, null]) {
    expectCode('INVALID_CONFIG', () => ix.setMemoryConfig(bad), JSON.stringify(bad));
  }
  assert.equal(ix.getMemoryConfig().warningThreshold, 80, 'a refused memory config changes nothing');
  const db = new Database();
  expectCode('INVALID_CONFIG', () => db.createCollection({ name: 'x', metric: 'manhattan' }));
  expectCode('INVALID_CONFIG', () => db.createCollection({ name: 'x', metadata: { 'hnsw:space': 'hamming' } }));
  expectCode('INVALID_CONFIG', () => db.createCollection({ name: 'x', dimension: 3 }), 'misspelt option');
  expectCode('INVALID_CONFIG', () => db.createCollection({ name: 'x', indexType: 'flat', quantization: 'sq8' }), 'refused by the engine before the first add');
  assert.equal(db.countCollections(), 0);
});

test('UNKNOWN_ID: ids never handed out or deleted, missing collections and records', () => {
  unchanged('UNKNOWN_ID', 'getVector', (ix) => ix.getVector(99));
  unchanged('UNKNOWN_ID', 'getVector deleted', (ix) => ix.getVector(3));
  unchanged('UNKNOWN_ID', 'updateVector deleted', (ix) => ix.updateVector(3, f(1, 1, 1)));
  unchanged('UNKNOWN_ID', 'updateVector unknown', (ix) => ix.updateVector(42, f(1, 1, 1)));
  unchanged('UNKNOWN_ID', 'isDeleted', (ix) => ix.isDeleted(99));
  unchanged('UNKNOWN_ID', 'softDelete', (ix) => ix.softDelete(99));
  unchanged('UNKNOWN_ID', 'negative id', (ix) => ix.softDelete(-1));
  unchanged('UNKNOWN_ID', 'setMetadata', (ix) => ix.setMetadata(99, 'a', 1));
  unchanged('UNKNOWN_ID', 'setMetadata deleted', (ix) => ix.setMetadata(3, 'a', 1));
  unchanged('UNKNOWN_ID', 'setAllMetadata', (ix) => ix.setAllMetadata(99, { a: 1 }));
  unchanged('UNKNOWN_ID', 'keyOf', (ix) => ix.keyOf(1.5));
  const db = new Database();
  expectCode('UNKNOWN_ID', () => db.getCollection({ name: 'none' }));
  expectCode('UNKNOWN_ID', () => db.deleteCollection('none'));
  const c = db.createCollection({ name: 'c' });
  c.add({ ids: ['a'], embeddings: [[1, 0]] });
  expectCode('UNKNOWN_ID', () => c.update({ ids: ['a', 'b'], metadatas: [{ x: 1 }, { x: 2 }] }));
  assert.deepEqual(c.get({ ids: ['a'] }).metadatas, [null], 'the refused update changed nothing');
  db.deleteCollection({ name: 'c' });
  expectCode('UNKNOWN_ID', () => c.count(), 'a deleted collection');
});

test('DUPLICATE_ID: existing ids, repeated ids in one batch, existing collection names', () => {
  unchanged('DUPLICATE_ID', 'upsertBatch repeats', (ix) => ix.upsertBatch([{ id: 'n', vector: f(1, 1, 1) }, { id: 'n', vector: f(1, 2, 1) }]));
  const db = new Database();
  const c = db.createCollection({ name: 'c', dimensions: 2 });
  c.add({ ids: ['a', 'b'], embeddings: [[1, 0], [0, 1]], metadatas: [{ v: 1 }, { v: 2 }] });
  expectCode('DUPLICATE_ID', () => c.add({ ids: ['new', 'a'], embeddings: [[1, 1], [2, 2]] }));
  expectCode('DUPLICATE_ID', () => c.add({ ids: ['x', 'x'], embeddings: [[1, 1], [2, 2]] }));
  assert.equal(c.count(), 2, 'a refused add stores none of its records');
  assert.deepEqual(c.get().ids, ['a', 'b']);
  expectCode('DUPLICATE_ID', () => db.createCollection({ name: 'c' }));
});

test('INVALID_FILTER with the position of the problem, in both grammars', () => {
  const cases = [
    ['n = ', 4], ['n = 1 AND', 9], ['(n = 1', 6], ['n ~ 1', 2], ['n = "abc', 4], ['n IN 1', 5], ['n BETWEEN 1 AND "z"', 16],
    ['n > true', 4], ['n = 1 n = 2', 6], ['', 0], ['cat LIKE 3', 9], ['n = "\\q"', 5],
  ];
  for (const [filter, position] of cases) {
    unchanged('INVALID_FILTER', filter, (ix) => ix.searchWithFilter(f(1, 1, 1), filter, 2));
    try {
      populated().searchFiltered(f(1, 1, 1), 2, { filter });
    } catch (e) {
      assert.equal(e.position, position, `${JSON.stringify(filter)}: ${e.message}`);
      assert.equal(e.filter, filter);
    }
  }
  const where = [{ n: { $gt: true } }, { n: { $regex: 'x' } }, { $and: [] }, { $or: {} }, { n: null }, { n: {} },
    { $not: { n: 1 } }, { n: { $in: 3 } }, { n: undefined }, { n: NaN }, { n: () => 1 }];
  for (const w of where) {
    unchanged('INVALID_FILTER', JSON.stringify(w), (ix) => ix.searchWithFilter(f(1, 1, 1), w, 2));
    try {
      populated().searchWithFilter(f(1, 1, 1), w, 2);
    } catch (e) {
      assert.ok(Number.isInteger(e.position) && e.position >= 0 && e.position <= e.filter.length, `${e.message} in ${e.filter}`);
    }
  }
  const { position, filter } = (() => {
    try { populated().searchWithFilter(f(1, 1, 1), { cat: 'a', n: { $gt: true } }, 1); } catch (e) { return e; }
    return {};
  })();
  assert.equal(filter.slice(position, position + 4), 'true', `the position points at the bad operand in ${filter}`);
  unchanged('INVALID_FILTER', 'a number as filter', (ix) => ix.searchWithFilter(f(1, 1, 1), 42, 1));
  expectCode('INVALID_FILTER', () => Filter.parse('a = 1 AND )'));
  const c = new Database().createCollection({ name: 'w' });
  expectCode('INVALID_FILTER', () => c.get({ where: { a: { $bad: 1 } } }), 'checked even before the first add');
  expectCode('INVALID_FILTER', () => c.delete({ where: 'a = = 1' }), 'collections also take filter strings');
});

test('QUOTA_EXCEEDED: inserts refused at critical memory use with blockInsertsOnCritical', () => {
  for (const [label, call] of [['insert', (ix) => ix.insert(f(1, 2, 3))], ['insertBatch', (ix) => ix.insertBatch([f(1, 2, 3)])],
    ['insertWithMetadata', (ix) => ix.insertWithMetadata(f(1, 2, 3), { a: 1 })], ['upsert', (ix) => ix.upsert('q', f(1, 2, 3))]]) {
    const ix = populated();
    ix.setMemoryConfig({ budgetBytes: ix.memoryUsage(), blockInsertsOnCritical: true });
    const before = state(ix);
    expectCode('QUOTA_EXCEEDED', () => call(ix), label);
    assert.deepEqual(state(ix), before, label);
  }
});

test('CAPACITY_EXCEEDED: a batch larger than one engine array', () => {
  // 2^27 + 1 floats: allocated lazily by the OS and refused before anything reads it.
  const ix = new EdgeVec(new EdgeVecConfig(1));
  expectCode('CAPACITY_EXCEEDED', () => ix.insertBatchFlat(new Float32Array(2 ** 27 + 1), 2 ** 27 + 1));
  assert.equal(ix.size, 0);
});

test('INVALID_ARGUMENT: metadata, string ids, counts, options, include', () => {
  const tooMany = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, i]));
  const bad = [
    ['nested object', (ix) => ix.insertWithMetadata(f(1, 1, 1), { a: { b: 1 } })],
    ['NaN value', (ix) => ix.insertWithMetadata(f(1, 1, 1), { a: NaN })],
    ['array of numbers', (ix) => ix.insertWithMetadata(f(1, 1, 1), { a: [1, 2] })],
    ['65 keys', (ix) => ix.insertWithMetadata(f(1, 1, 1), tooMany)],
    ['long key', (ix) => ix.insertWithMetadata(f(1, 1, 1), { ['k'.repeat(257)]: 1 })],
    ['empty key', (ix) => ix.setMetadata(0, '', 1)],
    ['long string', (ix) => ix.setMetadata(0, 'a', 'x'.repeat(65537))],
    ['long list', (ix) => ix.setMetadata(0, 'a', Array(1025).fill('x'))],
    ['undefined value', (ix) => ix.setMetadata(0, 'a', undefined)],
    ['Date value', (ix) => ix.setMetadata(0, 'a', new Date())],
    ['metadata array', (ix) => ix.insertWithMetadata(f(1, 1, 1), ['a'])],
    ['batch metadata', (ix) => ix.insertBatchWithMetadata([f(1, 1, 1), f(2, 1, 1)], [{ a: 1 }, { b: Infinity }])],
    ['metadata count', (ix) => ix.insertBatchWithMetadata([f(1, 1, 1)], [])],
    ['setAllMetadata', (ix) => ix.setAllMetadata(0, { a: { b: 1 } })],
    ['upsert metadata', (ix) => ix.upsert('k', f(1, 1, 1), { a: [1] })],
    ['empty string id', (ix) => ix.upsert('', f(1, 1, 1))],
    ['numeric string id', (ix) => ix.upsert(5, f(1, 1, 1))],
    ['long string id', (ix) => ix.get('x'.repeat(4097))],
    ['delete non-string', (ix) => ix.delete(0)],
    ['count', (ix) => ix.insertBatchFlat(f(1, 1, 1), -1)],
    ['batch not array', (ix) => ix.insertBatch(f(1, 1, 1))],
    ['progress callback', (ix) => ix.insertBatchWithProgress([f(1, 1, 1)], null)],
    ['efSearch', (ix) => ix.search(f(1, 1, 1), 1, { efSearch: 0.5 })],
    ['strategy', (ix) => ix.searchFiltered(f(1, 1, 1), 1, { strategy: 'magic' })],
    ['options JSON', (ix) => ix.searchFiltered(f(1, 1, 1), 1, '{filter:')],
    ['softDeleteBatch', (ix) => ix.softDeleteBatch('1,2')],
    ['JsMetadataValue', () => JsMetadataValue.fromInteger(1.5)],
  ];
  for (const [label, call] of bad) unchanged('INVALID_ARGUMENT', label, call);
  const c = new Database().createCollection({ name: 'args', dimensions: 2 });
  c.add({ ids: 'a', embeddings: [1, 0] });
  for (const [label, call] of [
    ['include', () => c.get({ include: ['distances'] })],
    ['limit', () => c.get({ limit: -1 })],
    ['offset', () => c.get({ offset: 0.5 })],
    ['lengths', () => c.add({ ids: ['b', 'c'], embeddings: [[1, 1]] })],
    ['no embeddings', () => c.add({ ids: ['b'], documents: ['text'] })],
    ['queryTexts', () => c.query({ queryTexts: ['hello'] })],
    ['uris', () => c.add({ ids: ['b'], embeddings: [[1, 1]], uris: ['x'] })],
    ['delete all by accident', () => c.delete({})],
    ['document type', () => c.add({ ids: ['b'], embeddings: [[1, 1]], documents: [7] })],
    ['collection name', () => new Database().createCollection({ name: '' })],
  ]) expectCode('INVALID_ARGUMENT', call, label);
  assert.equal(c.count(), 1);
});

test('NOT_INITIALIZED before init(), LOAD_FAILED for a bad module', async () => {
  const fresh = await importPacked('fresh');
  expectCode('NOT_INITIALIZED', () => new fresh.EdgeVec(new fresh.EdgeVecConfig(3)), 'EdgeVec', fresh.TeaVecError);
  expectCode('NOT_INITIALIZED', () => new fresh.Database().createCollection({ name: 'x' }), 'Database', fresh.TeaVecError);
  await assert.rejects(fresh.default(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 99])), (e) => {
    assert.ok(e instanceof Error);
    return true;
  });
  await assert.rejects(fresh.default('/nonexistent/teavec.wasm'));
  const other = await importPacked('other');
  await assert.rejects(other.default(42), (e) => e instanceof other.TeaVecError && e.code === 'LOAD_FAILED');
  seen.add('LOAD_FAILED');
  // The real module still loads afterwards: a failed init() can be retried.
  const wasm = readFileSync(join(installPackedPackage(), 'node_modules', 'teavec', 'dist', 'teavec.wasm'));
  await fresh.default(wasm);
  assert.equal(new fresh.EdgeVec(new fresh.EdgeVecConfig(2)).insert(f(1, 1)), 0);
});

test('CORRUPT_SNAPSHOT for damaged bytes, NOT_SUPPORTED for IndexedDB in Node; the index is untouched', async () => {
  const ix = populated();
  const bytes = ix.toBytes();
  const damaged = bytes.slice();
  damaged[damaged.length >> 1] ^= 0x10;
  expectCode('CORRUPT_SNAPSHOT', () => EdgeVec.fromBytes(damaged), 'one flipped bit');
  expectCode('CORRUPT_SNAPSHOT', () => EdgeVec.fromBytes(bytes.subarray(0, bytes.length - 1)), 'truncated');
  const before = state(ix);
  await assert.rejects(ix.save('x'), (e) => e instanceof TeaVecError && e.code === 'NOT_SUPPORTED' && seen.add(e.code) !== undefined);
  await assert.rejects(EdgeVec.load('x'), (e) => e instanceof TeaVecError && e.code === 'NOT_SUPPORTED');
  assert.deepEqual(state(ix), before);
});

test('INDEX_FREED: an index, a database and its collections after free(); free() again is harmless', () => {
  const ix = populated();
  ix.free();
  ix.free();
  expectCode('INDEX_FREED', () => ix.search(f(1, 2, 3), 1), 'search after free');
  expectCode('INDEX_FREED', () => ix.insert(f(1, 2, 3)), 'insert after free');
  expectCode('INDEX_FREED', () => ix.toBytes(), 'toBytes after free');
  const db = new Database();
  const c = db.createCollection({ name: 'c', dimensions: 3 });
  c.add({ ids: ['a'], embeddings: [[1, 2, 3]] });
  db.free();
  expectCode('INDEX_FREED', () => c.query({ queryEmbeddings: [[1, 2, 3]] }), 'collection of a freed database');
  expectCode('INDEX_FREED', () => db.toBytes(), 'freed database');
});

test('NOT_FOUND and STORAGE_ERROR from the Node file helpers', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'teavec-errors-'));
  const expectRejection = async (code, promise, label) => {
    await assert.rejects(promise, (e) => {
      assert.ok(e instanceof TeaVecError, `${label}: expected a TeaVecError, got ${e?.stack ?? e}`);
      assert.equal(e.code, code, `${label}: ${e.message}`);
      assert.ok(e.message.includes(dir), `${label}: the message names the path`);
      seen.add(code);
      return true;
    });
  };
  await expectRejection('NOT_FOUND', EdgeVec.loadFromFile(join(dir, 'absent.tvec')), 'missing file');
  await expectRejection('NOT_FOUND', populated().saveToFile(join(dir, 'absent', 'x.tvec')), 'missing directory');
  await expectRejection('STORAGE_ERROR', Database.loadFromFile(dir), 'a directory');
});

test('SNAPSHOT_TOO_NEW for a snapshot of a newer format, UNKNOWN_INDEX_TYPE for a type nobody registered', () => {
  const ix = populated();
  const bytes = new Uint8Array(ix.toBytes());
  // An intact header (its CRC resealed) that claims format version 99: written by a newer TeaVec, not damaged.
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  view.setUint16(4, 99, true);
  view.setUint32(20, crc32(bytes.subarray(0, 20)), true);
  expectCode('SNAPSHOT_TOO_NEW', () => EdgeVec.fromBytes(bytes), 'index snapshot of format 99');
  const err = (() => { try { EdgeVec.fromBytes(bytes); } catch (e) { return e; } })();
  assert.match(err.message, /99/, 'the message says which version it found');
  const config = new EdgeVecConfig(3);
  config.indexType = 'not-registered';
  expectCode('UNKNOWN_INDEX_TYPE', () => new EdgeVec(config), 'an index type nobody registered');
});

test('EMBEDDING_FAILED from teavec/embeddings: a failing embedding function', async () => {
  const project = installPackedPackage();
  const entry = pathToFileURL(join(project, 'node_modules', 'teavec', 'dist', 'embeddings.js')).href;
  const { embedTexts } = await import(entry);
  const failing = { generate: async () => { throw new Error('the model is missing'); } };
  await assert.rejects(embedTexts(failing, ['a text']), (e) => {
    assert.ok(e instanceof TeaVecError, `expected a TeaVecError, got ${e?.stack ?? e}`);
    assert.equal(e.code, 'EMBEDDING_FAILED');
    seen.add(e.code);
    return true;
  });
});

test('READ_ONLY from a database opened read-only, which then holds what it held', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'teavec-readonly-'));
  const writer = await teavec.openDatabase(dir, { storage: 'file' });
  await (await writer.createCollection('c')).add({ ids: ['a'], embeddings: [[1, 2, 3]] });
  const reader = await teavec.openDatabase(dir, { storage: 'file', readOnly: true });
  await assert.rejects(reader.getCollection('c').upsert({ ids: ['a'], embeddings: [[3, 2, 1]] }), (e) => {
    assert.ok(e instanceof TeaVecError, `expected a TeaVecError, got ${e?.stack ?? e}`);
    assert.equal(e.code, 'READ_ONLY');
    assert.match(e.message, /read-only/);
    seen.add(e.code);
    return true;
  });
  assert.deepEqual(reader.getCollection('c').get({ include: ['embeddings'] }).embeddings, [[1, 2, 3]]);
  await reader.close();
  await writer.close();
});

// Codes only a browser can raise, and the browser test that raises each.
const BROWSER_ONLY = {
  STORAGE_LOST: 'browser-tests/test/idb-storage-lost.test.mjs (Chromium discarding an origin\'s IndexedDB)',
};

test('every error code is covered, except the engine\'s 2^31-vector limit', () => {
  for (const code of Object.keys(ErrorCodes)) {
    assert.ok(seen.has(code) || BROWSER_ONLY[code], `no test raised ${code}`);
  }
  for (const code of Object.keys(BROWSER_ONLY)) assert.ok(code in ErrorCodes, `${code} is not an error code`);
});
