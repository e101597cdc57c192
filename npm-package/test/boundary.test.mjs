// The seam between the engine and the package: settings filled and checked once by the engine, error
// codes generated from the engine's enum, batches applied by the engine in one crossing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import init, { EdgeVec, EdgeVecConfig, TeaVecError, ErrorCodes, Database } from '../dist/teavec.js';
import { packageDir } from './helpers.mjs';

const engine = await init();
const f = (...xs) => new Float32Array(xs);

function refused(code, fn, messagePart = '') {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof TeaVecError, `expected a TeaVecError, got ${e?.stack ?? e}`);
    assert.equal(e.code, code, e.message);
    assert.ok(e.message.includes(messagePart), `'${e.message}' should contain '${messagePart}'`);
    return true;
  });
}

/** The constants of the Java enum, read from its source: what the generated lists must equal. */
function javaErrorCodes() {
  const source = readFileSync(join(packageDir, '..', 'wasm-core', 'src', 'main', 'java', 'dev', 'teavec', 'core',
    'error', 'ErrorCode.java'), 'utf8');
  const body = source.slice(source.indexOf('{', source.indexOf('enum ErrorCode')) + 1, source.lastIndexOf('}'))
    .replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  return body.split(/[,;]/)[0] === undefined ? [] : body.split(';')[0].split(',').map((s) => s.trim()).filter(Boolean);
}

// The engine's createIndex also takes the index types registered from JavaScript: none here.
const NO_INDEX_TYPES = { names: () => '', find: () => null };

test('config.m = 48 alone builds an index whose m0 is 2·m', () => {
  const config = new EdgeVecConfig(8);
  config.m = 48;
  assert.equal(config.m0, 96, 'm0 reads as its default, derived from m');
  const ix = new EdgeVec(config);
  ix.insert(f(1, 2, 3, 4, 5, 6, 7, 8));
  assert.equal(ix.size, 1);
  const settings = JSON.parse(engine.createIndex(JSON.stringify({ dimensions: 8, m: 48 }), NO_INDEX_TYPES).settings());
  assert.equal(settings.m0, 96, 'the engine fills m0 from m');
});

test('a range error names the field as the user spelled it', () => {
  const c = new EdgeVecConfig(8);
  c.ef_search = 20000;
  refused('INVALID_CONFIG', () => new EdgeVec(c), 'ef_search must be an integer in 1..10000, got 20000');
  const d = new EdgeVecConfig(8);
  d.ef_construction = 0;
  refused('INVALID_CONFIG', () => new EdgeVec(d), 'ef_construction must be an integer in 1..10000, got 0');
  const db = new Database();
  refused('INVALID_CONFIG', () => db.createCollection({ name: 'c', m0: 2000 }), 'm0 must be an integer in m..1024');
});

test('EdgeVecConfig reads the engine\'s defaults', () => {
  const c = new EdgeVecConfig(3);
  assert.deepEqual([c.metric, c.m, c.m0, c.ef_construction, c.ef_search, c.indexType, c.quantization, c.rerank,
    c.compactionThreshold, c.seed], ['cosine', 16, 32, 200, 50, 'auto', 'none', false, 0.3, 42]);
  c.m0 = 40;
  c.m = 20;
  assert.equal(c.m0, 40, 'a value the user set stays');
});

test('pqSubspaces defaults to the engine\'s ⌈dimensions / 8⌉ and follows dimensions', () => {
  assert.equal(new EdgeVecConfig(768).pqSubspaces, 96);
  assert.equal(new EdgeVecConfig(100).pqSubspaces, 13);
  const c = new EdgeVecConfig(3);
  assert.equal(c.pqSubspaces, 1);
  c.pqSubspaces = 2;
  assert.equal(c.pqSubspaces, 2, 'a value the user set stays');
});

test('ErrorCodes and the ErrorCode union list exactly the Java enum', () => {
  const java = javaErrorCodes();
  assert.ok(java.length >= 17 && java.includes('INDEX_FREED') && java.includes('NOT_FOUND'), java.join(' '));
  assert.deepEqual(Object.keys(ErrorCodes), java);
  assert.deepEqual(Object.values(ErrorCodes), java);
  const typings = readFileSync(join(packageDir, 'dist', 'index.d.ts'), 'utf8');
  const union = typings.match(/export type ErrorCode =([^;]*);/)[1];
  assert.deepEqual([...union.matchAll(/'([A-Z_]+)'/g)].map((m) => m[1]), java);
});

test('upsertBatch with a null item is refused with INVALID_ARGUMENT naming items[1]', () => {
  const c = new EdgeVecConfig(2);
  c.metric = 'l2';
  const ix = new EdgeVec(c);
  refused('INVALID_ARGUMENT', () => ix.upsertBatch([{ id: 'a', vector: f(1, 2) }, null]), 'items[1]');
  assert.equal(ix.size, 0);
});

for (const quantization of ['none', 'sq8']) {
  test(`a refused batch leaves no tombstone, spends no id and keeps the original vectors (${quantization})`, () => {
    const c = new EdgeVecConfig(4);
    c.metric = 'l2';
    c.indexType = 'hnsw';
    c.quantization = quantization;
    const ix = new EdgeVec(c);
    const items = [];
    for (let i = 0; i < 1100; i++) items.push({ id: `k${i}`, vector: f(i % 7, (i * 3) % 11, i % 5, 1 + (i % 2)) });
    ix.upsertBatch(items);
    const before = { size: ix.size, deleted: ix.deletedCount(), v0: [...ix.get('k0').vector], v1: [...ix.get('k1').vector] };
    refused('DIMENSION_MISMATCH', () => ix.upsertBatch([
      { id: 'k0', vector: f(9, 9, 9, 9) }, { id: 'k1', vector: f(8, 8, 8, 8) }, { id: 'new', vector: f(1, 2, 3) }]), 'items[2]');
    assert.equal(ix.deletedCount(), before.deleted, 'no tombstone');
    assert.deepEqual([...ix.get('k0').vector], before.v0, 'k0 holds its vector');
    assert.deepEqual([...ix.get('k1').vector], before.v1, 'k1 holds its vector');
    assert.equal(ix.insert(f(1, 1, 1, 1)), 1100, 'no id was used up');
  });
}

test('a refused Collection.add, update or upsert changes nothing', () => {
  const db = new Database();
  const col = db.createCollection({ name: 'c', metric: 'l2' });
  col.add({ ids: ['a', 'b'], embeddings: [[1, 0], [0, 1]], metadatas: [{ n: 1 }, { n: 2 }], documents: ['A', 'B'] });
  const snapshot = () => JSON.stringify(col.get({ include: ['embeddings', 'metadatas', 'documents'] }));
  const before = snapshot();
  refused('DUPLICATE_ID', () => col.add({ ids: ['c', 'a'], embeddings: [[1, 1], [2, 2]] }), 'already exists');
  refused('UNKNOWN_ID', () => col.update({ ids: ['a', 'zz'], documents: ['x', 'y'] }), 'does not exist');
  refused('INVALID_VECTOR', () => col.upsert({ ids: ['a', 'c'], embeddings: [[5, 5], [NaN, 1]] }), 'records[1] vector');
  assert.equal(snapshot(), before);
  col.add({ ids: ['c'], embeddings: [[3, 3]] });
  assert.equal(col.count(), 3);
});

test('Node file helpers throw TeaVecErrors: NOT_FOUND for a missing file, STORAGE_ERROR for a directory', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'teavec-files-'));
  await assert.rejects(EdgeVec.loadFromFile(join(dir, 'missing.tvec')), (e) => e instanceof TeaVecError && e.code === 'NOT_FOUND');
  await assert.rejects(Database.loadFromFile(join(dir, 'missing.tvdb')), (e) => e instanceof TeaVecError && e.code === 'NOT_FOUND');
  mkdirSync(join(dir, 'sub'));
  await assert.rejects(EdgeVec.loadFromFile(join(dir, 'sub')), (e) => e instanceof TeaVecError && e.code === 'STORAGE_ERROR');
  const ix = new EdgeVec(new EdgeVecConfig(2));
  await assert.rejects(ix.saveToFile(join(dir, 'no', 'such', 'dir', 'x.tvec')),
    (e) => e instanceof TeaVecError && e.code === 'NOT_FOUND');
  await assert.rejects(ix.saveToFile(join(dir, 'sub')), (e) => e instanceof TeaVecError && e.code === 'STORAGE_ERROR');
});
