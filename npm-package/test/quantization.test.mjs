// teavec/quantization: the engine with every encoding. Each extended encoding through the public API, against a
// brute-force oracle: recall, re-ranking depth, snapshot round trip, a database collection that survives reopen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import init from '../dist/quantization.js';
import { EdgeVec, EdgeVecConfig, openDatabase, simdBackend } from '../dist/teavec.js';
import { packageDir, rng, seedFor, seedForBar } from './helpers.mjs';

await init();

const EXTENDED = ['float16', 'sq4', 'binary', 'pq'];
const DIM = 64;
const COUNT = 3000;

/** Clustered data (as embeddings are): 40 centres, points around them; seeded. */
function clustered(random, count, dim) {
  const centres = Array.from({ length: 40 }, () => Float32Array.from({ length: dim }, () => random() * 2 - 1));
  const out = [];
  for (let i = 0; i < count; i++) {
    const c = centres[Math.floor(random() * centres.length)];
    out.push(Float32Array.from(c, (x) => x + (random() - 0.5) * 0.6));
  }
  return out;
}

function l2(a, b) {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return s;
}

function oracle(data, query, k) {
  return data.map((v, id) => ({ id, d: l2(v, query) })).sort((x, y) => x.d - y.d).slice(0, k).map((h) => h.id);
}

function recallOf(index, data, queries, k, options) {
  let hits = 0;
  for (const q of queries) {
    const want = new Set(oracle(data, q, k));
    for (const r of index.search(q, k, options)) if (want.has(r.id)) hits++;
  }
  return hits / (queries.length * k);
}

function build(quantization, rerank, data) {
  const config = new EdgeVecConfig(DIM);
  Object.assign(config, { metric: 'l2', quantization, rerank, seed: 7 });
  const index = new EdgeVec(config);
  for (const v of data) index.insert(v);
  return index;
}

test('the engine of teavec/quantization is loaded, with SIMD kernels in Node 22', () => {
  assert.equal(simdBackend(), 'simd');
});

for (const quantization of EXTENDED) {
  test(`${quantization}: recall@10 against the oracle, with and without re-ranking; rerankK; snapshot round trip`, () => {
    const seed = seedForBar(`quantization-${quantization}`);
    const random = rng(seed);
    const data = clustered(random, COUNT, DIM);
    const queries = clustered(random, 40, DIM);
    const reranking = build(quantization, true, data);
    const plain = build(quantization, false, data);
    // Measured on this data (two seeds): codes alone float16 0.995–0.998, sq4 0.77–0.80, binary 0.18–0.19 and pq
    // (8 sub-spaces of 8 dimensions) 0.30–0.33: coarse codes order close neighbours only roughly; re-ranked at ef 100,
    // float16 and sq4 ≥ 0.995, pq 0.92 and binary 0.68–0.72, which need a deeper re-ranking. Over 41 seeds: pq
    // rerankK 300 ≥ 0.988; binary (64 bits per vector) rerankK 600 only 0.943–1.000 (CI drew 0.943), rerankK 1,000
    // ≥ 0.985, efSearch 50 + rerankK 1,200 ≥ 0.988.
    const floor = { float16: 0.95, sq4: 0.7, binary: 0.12, pq: 0.2 }[quantization];
    const reranked = { binary: { efSearch: 100, rerankK: 1000 }, pq: { efSearch: 100, rerankK: 300 } }[quantization]
      ?? { efSearch: 100 };
    const withRerank = recallOf(reranking, data, queries, 10, reranked);
    const withoutRerank = recallOf(plain, data, queries, 10, { efSearch: 100 });
    assert.ok(withRerank >= 0.95, `seed ${seed}: ${quantization} + rerank recall ${withRerank}`);
    assert.ok(withoutRerank >= floor, `seed ${seed}: ${quantization} recall ${withoutRerank} below ${floor}`);
    // Re-ranked scores are exact distances.
    const q = queries[0];
    for (const r of reranking.search(q, 10, reranked)) {
      assert.ok(Math.abs(r.score - Math.sqrt(l2(data[r.id], q))) <= 1e-4 * Math.max(1, r.score), `seed ${seed}: exact score`);
    }
    // A deeper re-ranking never loses recall here; rerankK = k re-scores only k candidates.
    const shallow = recallOf(reranking, data, queries, 10, { efSearch: 100, rerankK: 10 });
    const deepK = Math.max(800, (reranked.rerankK ?? 0) + 200);
    const deep = recallOf(reranking, data, queries, 10, { efSearch: 50, rerankK: deepK });
    assert.ok(deep >= withRerank - 0.02 && deep >= shallow, `seed ${seed}: rerankK ${deepK} recall ${deep} vs ${withRerank}, rerankK 10 ${shallow}`);
    assert.equal(reranking.search(q, 10, { rerankK: 10 }).length, 10);
    // The snapshot reloads to the same answers.
    const copy = EdgeVec.fromBytes(reranking.toBytes());
    for (const query of queries.slice(0, 10)) {
      assert.deepEqual(copy.search(query, 10), reranking.search(query, 10), `seed ${seed}: snapshot round trip`);
    }
    const plainCopy = EdgeVec.fromBytes(plain.toBytes());
    for (const query of queries.slice(0, 10)) {
      assert.deepEqual(plainCopy.search(query, 10), plain.search(query, 10), `seed ${seed}: snapshot round trip, codes only`);
    }
    for (const x of [reranking, plain, copy, plainCopy]) x.free();
  });
}

test('a database collection in each extended encoding survives close and reopen (file storage)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'teavec-quant-'));
  try {
    const random = rng(seedFor('quantization-database'));
    const data = clustered(random, 1500, DIM);
    const ids = data.map((_, i) => `v${i}`);
    let db = await openDatabase(join(dir, 'db'), { storage: 'file' });
    for (const quantization of EXTENDED) {
      const c = await db.createCollection({ name: quantization, dimensions: DIM, metric: 'l2', quantization, rerank: true });
      await c.add({ ids, embeddings: data.map((v) => Array.from(v)) });
    }
    const before = {};
    for (const quantization of EXTENDED) {
      before[quantization] = await (await db.getCollection({ name: quantization })).query({ queryEmbeddings: [Array.from(data[3])], nResults: 5 });
    }
    await db.close();
    db = await openDatabase(join(dir, 'db'), { storage: 'file' });
    for (const quantization of EXTENDED) {
      const c = await db.getCollection({ name: quantization });
      const after = await c.query({ queryEmbeddings: [Array.from(data[3])], nResults: 5 });
      assert.deepEqual(after.ids, before[quantization].ids, quantization);
      assert.equal(after.ids[0][0], 'v3', quantization);
    }
    await db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("through teavec/worker with engine 'quantization': the same answers as in this thread", async () => {
  const { createWorkerIndex } = await import('../dist/worker.js');
  const random = rng(seedFor('quantization-worker'));
  const data = clustered(random, 800, DIM);
  for (const quantization of EXTENDED) {
    const config = new EdgeVecConfig(DIM);
    Object.assign(config, { metric: 'l2', quantization, rerank: true, seed: 3 });
    const remote = await createWorkerIndex(config, { worker: { engine: 'quantization' } });
    const local = new EdgeVec(config);
    try {
      for (const v of data) {
        local.insert(v);
        await remote.insert(v);
      }
      for (const q of data.slice(0, 5)) assert.deepEqual(await remote.search(q, 5), local.search(q, 5), quantization);
    } finally {
      await remote.terminate?.();
      local.free();
    }
  }
  const core = await createWorkerIndex(Object.assign(new EdgeVecConfig(DIM), { metric: 'l2' }), { worker: { engine: 'core' } });
  await core.terminate?.();
  await assert.rejects(createWorkerIndex(new EdgeVecConfig(DIM), { worker: { engine: 'full' } }), (e) => e.code === 'INVALID_ARGUMENT');
});

test('TypeScript accepts teavec/quantization, the Quantization names and rerankK against the shipped typings', () => {
  const project = mkdtempSync(join(tmpdir(), 'teavec-quant-types-'));
  try {
    mkdirSync(join(project, 'node_modules'));
    symlinkSync(packageDir, join(project, 'node_modules', 'teavec'), 'dir');
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
    writeFileSync(join(project, 'usage.ts'), `
import init from 'teavec/quantization';
import { EdgeVec, EdgeVecConfig, type Quantization } from 'teavec';
import { createWorkerIndex } from 'teavec/worker';
await init();
const config = new EdgeVecConfig(8);
const names: Quantization[] = ['none', 'sq8', 'float16', 'sq4', 'binary', 'pq'];
config.quantization = names[5];
config.rerank = true;
const index = new EdgeVec(config);
const hits = index.search(new Float32Array(8), 3, { efSearch: 40, rerankK: 30 });
void hits;
// @ts-expect-error not an encoding
config.quantization = 'pq8';
const remote = await createWorkerIndex(config, { worker: { engine: 'quantization' } });
await remote.terminate();
`);
    execFileSync(process.execPath, [join(packageDir, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '--strict',
      '--target', 'es2022', '--lib', 'esnext,dom', '--module', 'nodenext', '--moduleResolution', 'nodenext', 'usage.ts'],
    { cwd: project, stdio: 'inherit' });
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
});
