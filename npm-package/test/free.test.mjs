// Freeing engine memory. With the SIMD kernels an index keeps its vectors and kernel scratch in Wasm
// linear memory, which no garbage collector reclaims: free() (or the FinalizationRegistry when a
// wrapper is collected) must return it. Linear memory only grows (by 64 KiB pages), so its size after
// many build-and-drop rounds bounds what stayed allocated: with a leak it grows by every index built.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import vm from 'node:vm';
import { loadEngine } from './linear-memory.mjs';

const { teavec, linearBytes } = await loadEngine('free');
const { EdgeVec, EdgeVecConfig, Database, TeaVecError } = teavec;
const MiB = 2 ** 20;

v8.setFlagsFromString('--expose-gc');
const gc = globalThis.gc ?? vm.runInNewContext('gc');

const DIM = 128;
const N = 2000;
const ROUNDS = 50;
// A float index of N × DIM holds 1 MiB of vectors alone (SQ8: 256 KiB of codes), so 50 leaked indexes
// grow linear memory by well over 25 MiB; freed ones must stay within a few reused blocks.
const BOUND = 8 * MiB;

let seed = Number(process.env.TEAVEC_SEED ?? 20251121);
const random = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 2 ** 32 - 0.5;
};
const data = Float32Array.from({ length: N * DIM }, random);

/** Index `i` of the loop: SQ8 and float alternately, HNSW with a modest build effort to keep the test quick. */
function build(i) {
  const config = new EdgeVecConfig(DIM);
  config.quantization = i % 2 === 0 ? 'sq8' : 'none';
  config.ef_construction = 40;
  const ix = new EdgeVec(config);
  ix.insertBatchFlat(data, N);
  assert.equal(ix.search(data.subarray(0, DIM), 5)[0].id, 0);
  return ix;
}

/** Runs `round` ROUNDS times; the growth of linear memory after the first four rounds (the warm-up). */
async function growthOver(round) {
  let warm = 0;
  for (let i = 0; i < ROUNDS; i++) {
    await round(i);
    if (i === 3) warm = linearBytes();
  }
  return linearBytes() - warm;
}

/** Runs the garbage collector until every object `watch` registered was collected (bounded, no timing). */
async function collect(watch) {
  for (let i = 0; i < 500 && watch.pending() > 0; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.equal(watch.pending(), 0, 'the dropped wrappers were garbage-collected');
  // The engine's registry is notified in the same collections; give its callbacks their turn too.
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A FinalizationRegistry of the test's own, to know when dropped wrappers are gone. */
function watcher() {
  let pending = 0;
  const registry = new FinalizationRegistry(() => pending--);
  return {
    add(object) {
      pending++;
      registry.register(object, null);
    },
    pending: () => pending,
  };
}

const sizeNote = () => `linear memory ${(linearBytes() / MiB).toFixed(1)} MiB`;

test('the measurement sees a leak: indexes kept alive grow linear memory by their vectors', () => {
  assert.equal(teavec.simdBackend(), 'simd', 'Node 22 validates Wasm SIMD: the vectors live in linear memory');
  const before = linearBytes();
  const kept = [];
  for (let i = 0; i < 6; i++) kept.push(build(i));
  assert.ok(kept.every((ix) => ix.kernels === 'simd'));
  const grown = linearBytes() - before;
  assert.ok(grown >= 3 * MiB, `6 live indexes grew linear memory by ${grown} bytes only`);
  for (const ix of kept) ix.free();
});

test('free(): building and freeing 50 indexes (SQ8 and float) keeps linear memory bounded', async () => {
  const growth = await growthOver((i) => build(i).free());
  console.log(`free(): growth after warm-up ${growth} bytes, ${sizeNote()}`);
  assert.ok(growth <= BOUND, `linear memory grew by ${growth} bytes over ${ROUNDS - 4} freed indexes`);
});

test('fromBytes then free(): 50 loads of a snapshot keep linear memory bounded', async () => {
  const source = build(1);
  const bytes = source.toBytes();
  source.free();
  const growth = await growthOver(() => {
    const ix = EdgeVec.fromBytes(bytes);
    assert.equal(ix.size, N);
    ix.free();
  });
  assert.ok(growth <= BOUND, `linear memory grew by ${growth} bytes over ${ROUNDS - 4} loads`);
});

test('Database: deleteCollection and free() return the collections\' memory; fromBytes + free() is bounded', async () => {
  const db = new Database();
  const growth = await growthOver((i) => {
    const c = db.createCollection({ name: 'c', quantization: i % 2 === 0 ? 'sq8' : 'none', ef_construction: 40 });
    c.add({ ids: Array.from({ length: N }, (_, j) => `k${j}`), embeddings: Array.from({ length: N }, (_, j) => data.subarray(j * DIM, (j + 1) * DIM)) });
    db.deleteCollection('c');
  });
  assert.ok(growth <= BOUND, `linear memory grew by ${growth} bytes over ${ROUNDS - 4} dropped collections`);

  const c = db.createCollection({ name: 'a', dimensions: DIM });
  c.add({ ids: ['x', 'y'], embeddings: [data.subarray(0, DIM), data.subarray(DIM, 2 * DIM)] });
  db.createCollection({ name: 'empty' });
  const bytes = db.toBytes();
  const loads = await growthOver(() => {
    const copy = Database.fromBytes(bytes);
    assert.equal(copy.getCollection('a').count(), 2);
    copy.free();
  });
  assert.ok(loads <= BOUND, `linear memory grew by ${loads} bytes over ${ROUNDS - 4} loaded databases`);
});

test('filters are checked without building an index: checking them allocates no linear memory', async () => {
  // A fresh engine, whose heap has no room left by other tests' freed indexes: 100,000 throwaway
  // indexes (as filter checks once made, each taking a kernel block) grow its linear memory by ~5 MiB.
  const fresh = await loadEngine('filters');
  const before = fresh.linearBytes();
  const db = new fresh.teavec.Database();
  const c = db.createCollection({ name: 'c' });
  for (let i = 0; i < 50000; i++) {
    fresh.teavec.Filter.parse(`n = ${i}`);
    c.get({ where: { n: i } });
  }
  assert.ok(fresh.linearBytes() - before < MiB, `linear memory grew by ${fresh.linearBytes() - before} bytes`);
  db.free();
});

test('dropped without free(): the FinalizationRegistry returns the memory of collected indexes', async () => {
  const watch = watcher();
  const growth = await growthOver(async (i) => {
    watch.add(build(i));
    if (i % 5 === 4) await collect(watch);
  });
  console.log(`FinalizationRegistry: growth after warm-up ${growth} bytes, ${sizeNote()}`);
  assert.ok(growth <= BOUND, `linear memory grew by ${growth} bytes over ${ROUNDS - 4} dropped indexes`);
});

test('a collection in use outlives its unreachable database; its memory goes when both are collected', async () => {
  const watch = watcher();
  let collection = (() => {
    const db = new Database();
    watch.add(db);
    const c = db.createCollection({ name: 'kept', dimensions: DIM });
    c.add({ ids: ['a', 'b', 'c'], embeddings: [0, 1, 2].map((j) => data.subarray(j * DIM, (j + 1) * DIM)) });
    return c;
  })();
  await collect(watch);
  // Its index must still be whole: an early release would give UNKNOWN/garbage results or INDEX_FREED.
  for (let round = 0; round < 5; round++) {
    const scratch = build(round);
    scratch.free();
    const hits = collection.query({ queryEmbeddings: [data.subarray(DIM, 2 * DIM)], nResults: 3, include: ['embeddings'] });
    assert.deepEqual(hits.ids[0][0], 'b');
    assert.deepEqual(hits.embeddings[0][0], Array.from(data.subarray(DIM, 2 * DIM)));
  }
  watch.add(collection);
  collection = null;
  await collect(watch);
});

/** Arguments that are valid for each method of an index holding ids 0..2 (string ids 'a', 'b'). */
function validCalls(v) {
  return {
    insert: [v], insertBatchFlat: [v, 1], insertBatch: [[v]], insertBatchWithProgress: [[v], () => {}],
    insertBatchWithProgressAsync: [[v], () => {}], advanceBuild: [1],
    insertWithMetadata: [v, { x: 1 }], insertBatchWithMetadata: [[v], [{ x: 1 }]],
    upsert: ['a', v], upsertBatch: [[{ id: 'a', vector: v }]], get: ['a'], getBatch: [['a']], delete: ['a'],
    deleteBatch: [['a']], keyOf: [0], idOf: ['a'], updateVector: [0, v], search: [v, 1], searchWithFilter: [v, 'x = 1', 1],
    searchFiltered: [v, 1, { filter: 'x = 1' }], getVector: [0], softDelete: [1], softDeleteBatch: [[1]],
    softDeleteBatchCompat: [[1]], isDeleted: [0], liveCount: [], deletedCount: [], tombstoneRatio: [], needsCompaction: [],
    compactionThreshold: [], compactionWarning: [], compact: [], setMetadata: [0, 'x', 1], setAllMetadata: [0, { x: 1 }],
    getMetadata: [0, 'x'], hasMetadata: [0, 'x'], deleteMetadata: [0, 'x'], deleteAllMetadata: [0], getAllMetadata: [0],
    getVectorMetadata: [0], metadataKeyCount: [0], metadataVectorCount: [], totalMetadataCount: [], toBytes: [],
    saveToFile: ['/nonexistent/never-written.tvec'], save: ['never-saved'], memoryUsage: [], getMemoryPressure: [],
    getMemoryConfig: [], setMemoryConfig: [{}], canInsert: [], getMemoryRecommendation: [],
  };
}

function expectFreed(fn, label) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof TeaVecError, `${label}: ${e?.stack ?? e}`);
    assert.equal(e.code, 'INDEX_FREED', `${label}: ${e.message}`);
    assert.match(e.message, /freed/);
    return true;
  }, label);
}

test('after free() every EdgeVec method and getter throws INDEX_FREED; free() again is a no-op', async () => {
  const ix = new EdgeVec(new EdgeVecConfig(3));
  ix.insertWithMetadata(new Float32Array([1, 0, 0]), { x: 1 });
  ix.upsert('a', new Float32Array([0, 1, 0]));
  ix.upsert('b', new Float32Array([0, 0, 1]));
  ix.free();
  ix.free();
  ix[Symbol.dispose]();
  const calls = validCalls(new Float32Array([1, 2, 3]));
  const proto = EdgeVec.prototype;
  for (const name of Object.getOwnPropertyNames(proto)) {
    if (name === 'constructor' || name === 'free') continue;
    const { get, value } = Object.getOwnPropertyDescriptor(proto, name);
    if (get) {
      expectFreed(() => ix[name], `get ${name}`);
      continue;
    }
    assert.ok(Object.hasOwn(calls, name), `add valid arguments for EdgeVec#${name} to this test`);
    const run = () => value.apply(ix, calls[name]);
    if (value.constructor.name === 'AsyncFunction') {
      await assert.rejects(run(), (e) => e instanceof TeaVecError && e.code === 'INDEX_FREED', name);
    } else {
      expectFreed(run, name);
    }
  }
});

test('after Database#free() the database and its collections throw INDEX_FREED; free() again is a no-op', () => {
  const db = new Database();
  const c = db.createCollection({ name: 'c', dimensions: 2 });
  c.add({ ids: ['a'], embeddings: [[1, 2]] });
  const empty = db.createCollection({ name: 'empty' });
  db.free();
  db.free();
  for (const [label, fn] of [
    ['createCollection', () => db.createCollection({ name: 'd' })], ['getCollection', () => db.getCollection('c')],
    ['getOrCreateCollection', () => db.getOrCreateCollection({ name: 'c' })], ['listCollections', () => db.listCollections()],
    ['countCollections', () => db.countCollections()], ['toBytes', () => db.toBytes()], ['deleteCollection', () => db.deleteCollection('c')],
    ['count', () => c.count()], ['add', () => c.add({ ids: ['b'], embeddings: [[3, 4]] })], ['get', () => c.get()],
    ['query', () => c.query({ queryEmbeddings: [[1, 2]] })], ['upsert', () => c.upsert({ ids: ['a'], embeddings: [[1, 1]] })],
    ['update', () => c.update({ ids: ['a'], documents: ['d'] })], ['delete', () => c.delete({ ids: ['a'] })],
    ['peek', () => c.peek()], ['dimensions', () => c.dimensions], ['count (no index yet)', () => empty.count()],
    ['add (no index yet)', () => empty.add({ ids: ['b'], embeddings: [[3, 4]] })],
  ]) expectFreed(fn, label);
});

test('a deleted collection still throws UNKNOWN_ID (its memory is freed); its database goes on', () => {
  const db = new Database();
  const c = db.createCollection({ name: 'c', dimensions: 2 });
  c.add({ ids: ['a'], embeddings: [[1, 2]] });
  db.deleteCollection('c');
  assert.throws(() => c.count(), (e) => e.code === 'UNKNOWN_ID');
  assert.throws(() => c.query({ queryEmbeddings: [[1, 2]] }), (e) => e.code === 'UNKNOWN_ID');
  const again = db.createCollection({ name: 'c', dimensions: 2 });
  again.add({ ids: ['b'], embeddings: [[2, 1]] });
  assert.deepEqual(again.get().ids, ['b']);
  db.free();
});
