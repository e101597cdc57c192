// Cosine is scale-invariant over every finite float32 vector, in the packed package, with the Wasm SIMD
// kernels and with the scalar ones: distances match 1 - cos computed in double on the same float32
// values, from subnormals to near Float32's largest values (the JVM holds the engine to the same
// oracle in CosineScaleTest).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importPacked, seedFor, rng } from './helpers.mjs';

const simd = await importPacked('cosine-simd');
await simd.default();
const scalar = await importPacked('cosine-scalar');
await scalar.default({ simd: false });
const BUILDS = [['simd', simd], ['scalar', scalar]];

const TOLERANCE = 2e-5;

/** 1 - cos(a, b) in double precision over the float32 values. */
function oracle(a, b) {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return 1 - dot / (Math.sqrt(na) * Math.sqrt(nb));
}

function gaussian(random) {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** A random non-zero direction times 2^e, e uniform over float32's whole range; every component finite. */
function randomScaled(random, dims) {
  for (;;) {
    const scale = 2 ** (-148 + Math.floor(random() * 273)) * (1 + random());
    const v = Float32Array.from({ length: dims }, () => Math.max(-4, Math.min(4, gaussian(random))) * scale);
    if (v.some((x) => x !== 0)) return v;
  }
}

function config(teavec, dims, variant) {
  const c = new teavec.EdgeVecConfig(dims);
  c.metric = 'cosine';
  c.indexType = variant === 'flat' ? 'flat' : 'hnsw';
  c.m = 8;
  c.ef_construction = 64;
  c.ef_search = 64;
  if (variant === 'sq8-rerank') {
    c.quantization = 'sq8';
    c.rerank = true;
  }
  return c;
}

function checkAgainstOracle(index, data, random, where) {
  const n = data.length;
  data.forEach((v, id) => {
    const back = index.getVector(id);
    assert.deepEqual(new Uint32Array(back.buffer, back.byteOffset, back.length), new Uint32Array(v.buffer),
      `vector ${id} comes back bit for bit, ${where}`);
  });
  for (let q = 0; q < 10; q++) {
    const query = q < 2 ? data[q] : randomScaled(random, data[0].length);
    const results = index.search(query, n);
    assert.equal(results.length, n, `every vector is returned, ${where}`);
    results.forEach((r, rank) => {
      const expected = oracle(query, data[r.id]);
      assert.ok(Math.abs(r.score - expected) <= TOLERANCE,
        `distance of id ${r.id} (rank ${rank}) for query ${q}: expected ${expected}, got ${r.score}, ${where}`);
      if (rank > 0) assert.ok(results[rank - 1].score <= r.score, `results in order at rank ${rank}, ${where}`);
    });
    if (q < 2) assert.ok(results[0].score <= TOLERANCE, `a stored vector is its own nearest, ${where}`);
  }
}

for (const [kernels, teavec] of BUILDS) {
  test(`${kernels}: [1e20, 1e20] is its own nearest at distance 0; [1e-23, 1e-23] is not the zero vector`, () => {
    const index = new teavec.EdgeVec(config(teavec, 2, 'flat'));
    assert.equal(index.kernels, kernels);
    const big = index.insert(new Float32Array([1e20, 1e20]));
    index.insert(new Float32Array([1, 0.5]));
    const tiny = index.insert(new Float32Array([1e-23, -1e-23]));
    const [first] = index.search(new Float32Array([1e20, 1e20]), 3);
    assert.equal(first.id, big);
    assert.ok(first.score <= TOLERANCE, `distance ${first.score}`);
    assert.equal(index.search(new Float32Array([3e-30, -3e-30]), 1)[0].id, tiny);
    assert.throws(() => index.insert(new Float32Array([0, -0])), (e) => e.code === 'INVALID_VECTOR');
    index.free();
  });

  for (const variant of ['flat', 'hnsw', 'sq8-rerank']) {
    test(`${kernels} ${variant}: distances match the double oracle at every scale, also after a snapshot`, () => {
      const seed = seedFor(`cosine at every scale, ${kernels} ${variant}`);
      const random = rng(seed);
      // SQ8 trains once the index holds 1024 vectors.
      const n = variant === 'sq8-rerank' ? 1100 : 60;
      for (const dims of [2, 3, 17]) {
        const where = `${kernels} ${variant}, ${dims} dimensions, seed ${seed}`;
        const index = new teavec.EdgeVec(config(teavec, dims, variant));
        const data = Array.from({ length: n }, () => randomScaled(random, dims));
        data.forEach((v) => index.insert(v));
        checkAgainstOracle(index, data, random, where);
        const loaded = teavec.EdgeVec.fromBytes(index.toBytes());
        checkAgainstOracle(loaded, data, random, `${where}, after a snapshot`);
        index.free();
        loaded.free();
      }
    });
  }

  test(`${kernels}: a collection takes and finds vectors at extreme scales`, () => {
    const db = new teavec.Database();
    const c = db.createCollection({ name: 'scales', metric: 'cosine' });
    c.add({ ids: ['big', 'tiny', 'plain'], embeddings: [[3e38, -3e38, 1e38], [1e-44, 0, 3e-45], [0, 1, 0]] });
    const r = c.query({ queryEmbeddings: [[1e-40, 0, 3e-41]], nResults: 3 });
    assert.equal(r.ids[0][0], 'tiny');
    assert.ok(r.distances[0][0] <= 0.02, `distance ${r.distances[0][0]}: subnormals hold few bits of direction`);
    assert.ok(r.distances[0].every((d) => Number.isFinite(d)));
    db.free();
  });
}
