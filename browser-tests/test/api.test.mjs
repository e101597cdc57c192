// Every API method of the built bundle, called in a real browser (TEAVEC_ENGINE) under a strict CSP (pages/api.js);
// the values it reports are asserted here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { launch } from '../drivers/engines.mjs';

const here = dirname(fileURLToPath(import.meta.url));
let server;
let browser;
let r;

before(async () => {
  server = await startStaticServer({
    mounts: { '/': join(here, '..', 'pages'), '/teavec/': join(here, '..', '..', 'npm-package', 'dist') },
    headersFor: () => ({ 'content-security-policy': "script-src 'self' 'wasm-unsafe-eval'" }),
  });
  browser = await launch();
  const page = await browser.newPage(`${server.url}/api.html`);
  r = await page.evaluate(() => window.__result);
  const errors = await page.errors();
  await page.close();
  assert.equal(r.error, undefined, r.error);
  assert.deepEqual(errors, []);
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const near = (a, b) => Math.abs(a - b) < 1e-4;

test('config, inserts of every kind, and the progress callback', () => {
  assert.deepEqual(r.notInitialized, { code: 'NOT_INITIALIZED' });
  assert.deepEqual(r.configDefaults, ['cosine', 16, 32, 200, 50, 'auto', 'none']);
  assert.deepEqual(r.configChecks, ['l2', true, false]);
  assert.deepEqual(r.props, [2, 'l2']);
  assert.equal(r.insert, 0);
  assert.deepEqual(r.insertBatchFlat, [1, 2]);
  assert.deepEqual(r.insertBatch, { ids: [3, 4], total: 2, inserted: 2 });
  assert.deepEqual(r.insertBatchWithProgress, { ids: [5], total: 1, inserted: 1 });
  assert.deepEqual(r.progressCalls, [[0, 1], [1, 1]]);
  assert.equal(r.insertWithMetadata, 6);
  assert.deepEqual(r.insertBatchWithMetadata, { ids: [7, 8], total: 2, inserted: 2 });
  assert.equal(r.size, 9);
});

test('search, searchWithFilter (string and where), searchFiltered, getVector, updateVector', () => {
  assert.deepEqual(r.search.map((x) => x.id), [0, 1, 2]);
  assert.ok(near(r.search[0].score, 0.2) && near(r.search[2].score, 1.8));
  assert.deepEqual(r.searchWithFilter, [{ id: 8, score: 8 }]);
  assert.deepEqual(r.searchWithWhere.map((x) => x.id), [6, 7]);
  assert.deepEqual(r.searchFiltered.results, [
    { id: 7, score: 7, metadata: { cat: 'cpu', price: 7 }, vector: [7, 0] },
    { id: 8, score: 8, metadata: { cat: 'gpu', price: 8 }, vector: [8, 0] }]);
  assert.equal(r.searchFiltered.complete, true);
  assert.ok(near(r.searchFiltered.observedSelectivity, 2 / 9));
  assert.ok(['pre', 'hybrid'].includes(r.searchFiltered.strategyUsed));
  assert.equal(r.searchFiltered.totalTimeMs, 'number');
  assert.deepEqual(r.getVector, [3, 0]);
  assert.deepEqual(r.updateVector, [-1, 0]);
});

test('per-key metadata', () => {
  assert.deepEqual(r.getMetadata, ['zero', 5, null]);
  assert.deepEqual(r.hasMetadata, [true, false]);
  assert.deepEqual(r.metadataCounts, [2, 4, 9]);
  assert.deepEqual(r.getAllMetadata, [{ title: 'zero', n: 5 }, { cat: 'gpu', price: 6, tags: ['a'] }]);
  assert.deepEqual(r.deleteMetadata, [true, false]);
  assert.deepEqual(r.setAllMetadata, { only: true });
  assert.deepEqual(r.deleteAllMetadata, [true, null]);
});

test('string ids: upsert, get, batches, keys, delete', () => {
  assert.deepEqual(r.upsert, [9, 9]);
  assert.deepEqual(r.get, { id: 'a', vector: [11, 0], metadata: { k: 1 } });
  assert.deepEqual(r.upsertBatch, [10, 11]);
  assert.deepEqual(r.getBatch, [{ id: 'b', vector: [12, 0] }, null]);
  assert.deepEqual(r.keys, ['a', 11, null]);
  assert.deepEqual(r.delete, [true, false, 2]);
});

test('deletes, counts, compaction, memory, free', () => {
  assert.deepEqual(r.softDelete, [true, false, true]);
  assert.deepEqual(r.softDeleteBatch, { total: 3, uniqueCount: 2, deleted: 1, alreadyDeleted: 0, invalidIds: 1 });
  assert.deepEqual(r.softDeleteBatchCompat, { total: 1, uniqueCount: 1, deleted: 1, alreadyDeleted: 0, invalidIds: 0 });
  // 6 deletes and 2 in-place updates (updateVector, upsert), whose old vectors stay until compact().
  assert.deepEqual(r.counts, [6, 8, 8 / 14, true, 0.3]);
  assert.equal(r.compactionWarning, 'string');
  assert.deepEqual(r.compact, [8, 6, 0]);
  assert.deepEqual(r.memory, [true, 'normal', true, true, true, 'none', 80]);
  assert.deepEqual(r.quota, { code: 'QUOTA_EXCEEDED' });
});

test('filter builder, typed metadata values, and error codes with positions', () => {
  assert.equal(r.filterBuilder, '(a = "x") AND (b IN [1, 2])');
  assert.deepEqual(r.filterValidate, [true, 3, null]);
  assert.deepEqual(r.typedValue, ['float', ['x']]);
  assert.deepEqual(r.dimensionMismatch, { code: 'DIMENSION_MISMATCH' });
  assert.deepEqual(r.invalidVector, { code: 'INVALID_VECTOR' });
  assert.deepEqual(r.invalidK, { code: 'INVALID_K' });
  assert.deepEqual(r.invalidConfig, { code: 'INVALID_CONFIG' });
  assert.deepEqual(r.unknownId, { code: 'UNKNOWN_ID' });
  assert.deepEqual(r.invalidFilter, { code: 'INVALID_FILTER', position: 7 });
  assert.deepEqual(r.invalidWhere, { code: 'INVALID_FILTER', position: 16 });
  assert.deepEqual(r.invalidArgument, { code: 'INVALID_ARGUMENT' });
  assert.deepEqual(r.free, { code: 'INDEX_FREED' });
});

test('collections end to end', () => {
  assert.equal(r.add, null);
  assert.deepEqual(r.duplicate, { code: 'DUPLICATE_ID' });
  assert.equal(r.count, 3);
  assert.deepEqual(r.collectionGet, { ids: ['a', 'c'], embeddings: [[0, 0], [2, 0]], metadatas: null, documents: ['A', 'C'], included: ['documents', 'embeddings'] });
  assert.deepEqual(r.collectionGetPaged, ['b']);
  assert.deepEqual(r.peek, ['a']);
  assert.deepEqual(r.query.ids, [['c', 'a']]);
  assert.ok(near(r.query.distances[0][0], 0.1) && near(r.query.distances[0][1], 1.9));
  assert.deepEqual(r.query.metadatas, [[{ k: 'x' }, { k: 'x' }]]);
  assert.deepEqual(r.query.documents, [['C', 'A']]);
  assert.equal(r.query.embeddings, null);
  assert.deepEqual(r.upsertCollection, { ids: ['b', 'd'], embeddings: [[9, 9], [3, 3]], metadatas: null, documents: ['B', null], included: ['embeddings', 'documents'] });
  assert.deepEqual(r.update, ['D']);
  assert.deepEqual(r.collectionDelete, [['a'], ['c'], 2]);
  assert.deepEqual(r.collections, [['docs', 'other'], true, 1]);
  assert.deepEqual(r.unknownCollection, { code: 'UNKNOWN_ID' });
});
