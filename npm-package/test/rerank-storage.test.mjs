// rerank: 'storage' (issue #16): a 'file' database's collection whose index keeps codes only and whose floats
// are re-read from the rows file beside its checkpoint. Oracle: the same collection with rerank: true and leanGraph: true (the same graph; floats in
// memory) in a plain Database, built from the same seeded data and settings: the same ids and distances.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import init from '../dist/quantization.js';
import { Database, EdgeVec, EdgeVecConfig, openDatabase } from '../dist/teavec.js';
import { rng, seedFor } from './helpers.mjs';

await init();

const DIM = 32;
const COUNT = 1500;
const K = 10;

function clustered(random, count, dim) {
  const centres = Array.from({ length: 20 }, () => Float32Array.from({ length: dim }, () => random() * 2 - 1));
  return Array.from({ length: count }, () => {
    const c = centres[Math.floor(random() * centres.length)];
    return Float32Array.from(c, (x) => x + (random() - 0.5) * 0.6);
  });
}

const settings = (quantization, metric) => ({ quantization, indexType: 'hnsw', metric, seed: 11, ef_search: 40 });
const ids = (n, from = 0) => Array.from({ length: n }, (_, i) => `v${from + i}`);

/** Same ids in the same order, distances equal to float32 rounding. */
function assertSameAnswers(got, want, label) {
  for (let q = 0; q < want.ids.length; q++) {
    assert.deepEqual(got.ids[q], want.ids[q], `${label}: query ${q} ids`);
    got.distances[q].forEach((d, i) => assert.ok(Math.abs(d - want.distances[q][i]) <= 1e-5 * Math.max(1, Math.abs(d)),
      `${label}: query ${q} distance ${i}: ${d} vs ${want.distances[q][i]}`));
  }
}

function scratchDir(t) {
  const dir = mkdtempSync(join(tmpdir(), 'teavec-rerank-storage-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'db');
}

for (const [quantization, metric] of [['binary', 'cosine'], ['pq', 'l2'], ['sq8', 'dot']]) {
  test(`rerank 'storage' (${quantization}, ${metric}) answers as in-memory re-ranking across checkpoints, reopen, deletes and upserts`, async (t) => {
    const seed = seedFor(`rerank-storage-${quantization}`);
    t.diagnostic(`seed ${seed}`);
    const random = rng(seed);
    const data = clustered(random, COUNT, DIM);
    const queries = clustered(random, 20, DIM);
    const path = scratchDir(t);

    const oracleDb = new Database();
    const oracle = oracleDb.createCollection({ name: 'c', ...settings(quantization, metric), rerank: true, leanGraph: true });
    let db = await openDatabase(path, { storage: 'file', checkpointBytes: 1 << 30 });
    let c = await db.createCollection({ name: 'c', ...settings(quantization, metric), rerank: 'storage' });
    const both = async (fn) => { fn(oracle); await fn(c); };
    const check = (label) => {
      const args = { queryEmbeddings: queries, nResults: K, include: ['distances', 'embeddings'] };
      const got = c.query(args);
      assertSameAnswers(got, oracle.query(args), label);
      // A shallower re-ranking depth: the same on both tiers too.
      const shallow = { ...args, rerankK: 15 };
      assertSameAnswers(c.query(shallow), oracle.query(shallow), `${label}, rerankK 15`);
      // The embeddings come back exact (the rows), not decoded from codes.
      const row = got.embeddings[0][0];
      const want = data[Number(got.ids[0][0].slice(1))];
      if (!upserted.has(got.ids[0][0])) assert.deepEqual(Float32Array.from(row), want, `${label}: embedding`);
    };
    const upserted = new Set();

    await both((x) => x.add({ ids: ids(1000), embeddings: data.slice(0, 1000) }));
    check('in memory, before any checkpoint');
    await db.checkpoint();
    check('after a checkpoint');
    const memoryAfter = c.memoryUsage();
    await both((x) => x.add({ ids: ids(COUNT - 1000, 1000), embeddings: data.slice(1000) }));
    await both((x) => x.delete({ ids: ids(50, 100) }));
    const replaced = ids(30, 500);
    replaced.forEach((id) => upserted.add(id));
    await both((x) => x.upsert({ ids: replaced, embeddings: data.slice(0, 30) }));
    check('checkpointed rows, rows in memory, deletes, upserts');
    assert.ok(c.memoryUsage() > memoryAfter, 'rows written since the checkpoint are held in memory');

    // A checkpoint taken while queries run between its turns: every answer the same.
    const pending = db.checkpoint();
    check('checkpoint in flight');
    await pending;
    check('after the second checkpoint');
    const rowFiles = readdirSync(path).filter((n) => n.startsWith('rerank-'));
    assert.equal(rowFiles.length, 2, `the current and the previous checkpoint's rows files: ${rowFiles}`);

    await both((x) => x.delete({ ids: ids(10, 1200) }));
    await db.close();
    db = await openDatabase(path, { storage: 'file' });
    c = db.getCollection('c');
    check('reopened (checkpoint + replayed delete)');
    await db.close();
    oracleDb.free();
  });
}

test("rerank 'storage' saves the floats' memory once checkpointed", async (t) => {
  const random = rng(seedFor('rerank-storage-memory'));
  const data = clustered(random, 2000, 128);
  const path = scratchDir(t);
  const db = await openDatabase(path, { storage: 'file', checkpointBytes: 1 << 30 });
  const kept = await db.createCollection({ name: 'kept', ...settings('binary', 'cosine'), rerank: true });
  const stored = await db.createCollection({ name: 'stored', ...settings('binary', 'cosine'), rerank: 'storage' });
  await kept.add({ ids: ids(2000), embeddings: data });
  await stored.add({ ids: ids(2000), embeddings: data });
  await db.checkpoint();
  const perVector = (c) => c.memoryUsage() / 2000;
  t.diagnostic(`bytes/vector at 128 d: rerank true ${perVector(kept).toFixed(0)}, 'storage' ${perVector(stored).toFixed(0)}`);
  assert.ok(perVector(kept) - perVector(stored) >= 128 * 4 * 0.9, 'the float rows left memory');
  await db.close();
});

test("rerank 'storage' is refused where there are no row files, and without a quantized encoding", async (t) => {
  assert.throws(() => new Database().createCollection({ name: 'c', quantization: 'binary', rerank: 'storage' }),
    { code: 'NOT_SUPPORTED' });
  const config = new EdgeVecConfig(8);
  Object.assign(config, { quantization: 'binary', rerank: 'storage' });
  assert.throws(() => new EdgeVec(config), { code: 'NOT_SUPPORTED' });
  const memory = await openDatabase(`mem-${seedFor('x')}`, { storage: 'memory' });
  await assert.rejects(memory.createCollection({ name: 'c', quantization: 'binary', rerank: 'storage' }), { code: 'NOT_SUPPORTED' });
  await memory.close();
  const db = await openDatabase(scratchDir(t), { storage: 'file' });
  await assert.rejects(db.createCollection({ name: 'c', rerank: 'storage' }), { code: 'INVALID_CONFIG' });
  await assert.rejects(db.createCollection({ name: 'c', quantization: 'binary', rerank: 'disk' }), { code: 'INVALID_CONFIG' });
  await db.close();
});

test("a missing rows file fails the open with CORRUPT_SNAPSHOT", async (t) => {
  const random = rng(seedFor('rerank-storage-missing'));
  const path = scratchDir(t);
  let db = await openDatabase(path, { storage: 'file' });
  const c = await db.createCollection({ name: 'c', ...settings('binary', 'cosine'), rerank: 'storage' });
  await c.add({ ids: ids(200), embeddings: clustered(random, 200, DIM) });
  await db.checkpoint();
  await db.close();
  for (const name of readdirSync(path).filter((n) => n.startsWith('rerank-'))) rmSync(join(path, name));
  await assert.rejects(openDatabase(path, { storage: 'file' }), { code: 'CORRUPT_SNAPSHOT' });
});

// OPFS keeps rows files in three slot files written through synchronous access handles (rerank-opfs-files.js):
// the same slot logic, over in-memory handles with the same methods.
class MemoryHandle {
  bytes = new Uint8Array(0);
  failAfter = Infinity;
  getSize() { return this.bytes.length; }
  read(into, { at }) {
    const part = this.bytes.subarray(at, at + into.length);
    into.set(part);
    return part.length;
  }
  write(from, { at }) {
    if (--this.failAfter < 0) throw new Error('disk gone');
    if (at + from.length > this.bytes.length) {
      const grown = new Uint8Array(at + from.length);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes.set(from, at);
    return from.length;
  }
  truncate(n) { this.bytes = this.bytes.slice(0, n); }
  flush() {}
  close() {}
}

test('OPFS slots: rows files by name, a torn write holds nothing, remove frees the slot', async () => {
  const { slotFiles } = await import('../src/rerank-opfs-files.js');
  const { RowsFile, writeRowsFile, removeOtherRowsFiles } = await import('../src/rerank-rows-file.js');
  const handles = [new MemoryHandle(), new MemoryHandle(), new MemoryHandle()];
  const rows = (n, base) => {
    const taken = new Map(Array.from({ length: n }, (_, i) => [i * 3, Float32Array.from({ length: 4 }, (_, j) => base + i + j / 10)]));
    return [{ name: 'c', dims: 4, snap: { ids: Int32Array.from(taken.keys()), taken, checkpointed: null } }];
  };
  let files = slotFiles(handles);
  writeRowsFile(files, 7, rows(50, 0));
  writeRowsFile(files, 9, rows(60, 1000));
  assert.deepEqual(files.list().sort(), ['rerank-0000000000000007.tvrr', 'rerank-0000000000000009.tvrr']);
  const nine = new RowsFile(files, 9).section('c');
  assert.equal(nine.count, 60);
  assert.deepEqual(nine.read(6), Float32Array.from({ length: 4 }, (_, j) => 1002 + j / 10));
  assert.equal(nine.read(7), null, 'an id the checkpoint did not hold');
  // A write that dies half-way (the third slot): reopened, that slot holds nothing.
  handles[2].failAfter = 3;
  assert.throws(() => writeRowsFile(files, 11, rows(60, 2000)), /disk gone/);
  handles[2].failAfter = Infinity;
  files = slotFiles(handles);
  assert.deepEqual(files.list().sort(), ['rerank-0000000000000007.tvrr', 'rerank-0000000000000009.tvrr']);
  removeOtherRowsFiles(files, [9]);
  assert.deepEqual(slotFiles(handles).list(), ['rerank-0000000000000009.tvrr']);
  // Slots are reused: two more files, the current one kept.
  writeRowsFile(files, 11, rows(5, 3000));
  writeRowsFile(files, 12, rows(5, 4000));
  assert.deepEqual(new RowsFile(files, 9).section('c').read(0), Float32Array.from({ length: 4 }, (_, j) => 1000 + j / 10));
  assert.deepEqual(new RowsFile(files, 12).section('c').read(3), Float32Array.from({ length: 4 }, (_, j) => 4001 + j / 10));
});

test("rerank 'storage' with where: only matching records, at their exact distances", async (t) => {
  const random = rng(seedFor('rerank-storage-where'));
  const data = clustered(random, 1500, DIM);
  const db = await openDatabase(scratchDir(t), { storage: 'file' });
  const c = await db.createCollection({ name: 'c', ...settings('binary', 'l2'), rerank: 'storage' });
  await c.add({ ids: ids(1500), embeddings: data, metadatas: data.map((_, i) => ({ odd: i % 2 === 1 })) });
  await db.checkpoint();
  for (const q of clustered(random, 5, DIM)) {
    const got = c.query({ queryEmbeddings: [q], nResults: K, where: { odd: true }, include: ['distances', 'metadatas'] });
    assert.equal(got.ids[0].length, K);
    got.metadatas[0].forEach((m) => assert.equal(m.odd, true));
    got.ids[0].forEach((id, i) => {
      const v = data[Number(id.slice(1))];
      const exact = Math.sqrt(v.reduce((s, x, j) => s + (x - q[j]) ** 2, 0));
      assert.ok(Math.abs(got.distances[0][i] - exact) <= 1e-5 * Math.max(1, exact), `${id}: ${got.distances[0][i]} vs ${exact}`);
    });
    assert.deepEqual([...got.distances[0]], [...got.distances[0]].sort((a, b) => a - b), 'best first');
  }
  await db.close();
});

test('OPFS slots: a name written again replaces the slot that held it', async () => {
  const { slotFiles } = await import('../src/rerank-opfs-files.js');
  const { RowsFile, writeRowsFile } = await import('../src/rerank-rows-file.js');
  const handles = [new MemoryHandle(), new MemoryHandle(), new MemoryHandle()];
  const one = (value) => {
    const taken = new Map([[1, Float32Array.of(value, value)]]);
    return [{ name: 'c', dims: 2, snap: { ids: Int32Array.of(1), taken, checkpointed: null } }];
  };
  const files = slotFiles(handles);
  writeRowsFile(files, 4, one(1));
  writeRowsFile(files, 5, one(2));
  writeRowsFile(files, 5, one(3));
  assert.deepEqual(files.list().sort(), ['rerank-0000000000000004.tvrr', 'rerank-0000000000000005.tvrr']);
  assert.deepEqual(new RowsFile(slotFiles(handles), 5).section('c').read(1), Float32Array.of(3, 3));
});
