// Runs the same data through two engines, one on the Wasm SIMD kernels and one on the scalar ones,
// and lists every difference: the kernels are meant to agree to the bit (the scalar kernels follow the
// SIMD summation order, and SQ8 distances are integer dot products). Also checks reported distances
// against a double-precision reference. Plain ES module: the Node test and the Chromium page share it.

import { rng } from './random.js';

function gaussianVectors(random, count, dim) {
  const out = new Float32Array(count * dim);
  for (let i = 0; i < out.length; i++) {
    const u = 1 - random();
    out[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  }
  return out;
}

function reference(metric, a, b) {
  let dot = 0;
  let na = 0;
  let nb = 0;
  let l2 = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
    l2 += (a[i] - b[i]) ** 2;
  }
  if (metric === 'cosine') return 1 - dot / Math.sqrt(na * nb);
  if (metric === 'dot') return -dot;
  return Math.sqrt(l2);
}

/** The cases: every metric, dimensions around the 16-lane blocks, flat and HNSW, float32 and SQ8. */
export const CASES = [
  ...['cosine', 'dot', 'l2'].flatMap((metric) => [1, 5, 16, 37, 100].map((dim) => (
    { indexType: 'flat', quantization: 'none', metric, dim, count: 300 }))),
  ...['cosine', 'dot', 'l2'].map((metric) => ({ indexType: 'hnsw', quantization: 'none', metric, dim: 37, count: 700 })),
  // More than the 1,024 vectors SQ8 trains on, so the codes and their integer kernels are in play.
  ...['cosine', 'dot', 'l2'].map((metric) => ({ indexType: 'hnsw', quantization: 'sq8', metric, dim: 37, count: 1400 })),
  { indexType: 'hnsw', quantization: 'sq8', metric: 'cosine', dim: 384, count: 1300 },
];

function build(lib, c, data) {
  const config = new lib.EdgeVecConfig(c.dim);
  config.metric = c.metric;
  config.indexType = c.indexType;
  config.quantization = c.quantization;
  config.ef_construction = 64;
  const index = new lib.EdgeVec(config);
  index.insertBatchFlat(data, c.count);
  return index;
}

/**
 * Returns { problems: string[], compared } for two loaded teavec modules, `simd` (SIMD kernels) and
 * `scalar` (init({ simd: false })). Every problem names the case and the seed.
 */
export function compareKernels(simd, scalar, seed) {
  const problems = [];
  let compared = 0;
  for (const [n, c] of CASES.entries()) {
    const random = rng(seed + n);
    const data = gaussianVectors(random, c.count, c.dim);
    const queries = gaussianVectors(random, 20, c.dim);
    const a = build(simd, c, data);
    const b = build(scalar, c, data);
    const what = `${c.indexType}/${c.quantization}/${c.metric}/dim ${c.dim}, seed ${seed + n}`;
    if (a.kernels !== 'simd' || b.kernels !== 'scalar') {
      problems.push(`${what}: kernels ${a.kernels} and ${b.kernels}, expected simd and scalar`);
      continue;
    }
    // Loaded from a snapshot, the SIMD engine recomputes its norms with its own kernels (float32: each vector's
    // squared norm; SQ8: decoded codes): what it answers must not change by a bit.
    const reloaded = simd.EdgeVec.fromBytes(a.toBytes());
    for (let q = 0; q < 20; q++) {
      const query = queries.subarray(q * c.dim, (q + 1) * c.dim);
      const ra = a.search(query, 10);
      const rb = b.search(query, 10);
      const rc = reloaded.search(query, 10);
      compared++;
      const same = ra.length === rb.length && ra.every((r, i) => r.id === rb[i].id && Object.is(r.score, rb[i].score));
      if (!same) {
        problems.push(`${what}, query ${q}: SIMD ${JSON.stringify(ra.slice(0, 3))} vs scalar ${JSON.stringify(rb.slice(0, 3))}`);
        continue;
      }
      if (!(rc.length === ra.length && rc.every((r, i) => r.id === ra[i].id && Object.is(r.score, ra[i].score)))) {
        problems.push(`${what}, query ${q}: SIMD after a snapshot round trip ${JSON.stringify(rc.slice(0, 3))} vs before ${JSON.stringify(ra.slice(0, 3))}`);
        continue;
      }
      if (c.quantization === 'none') {
        for (const r of ra) {
          const expected = reference(c.metric, query, data.subarray(r.id * c.dim, (r.id + 1) * c.dim));
          if (!(Math.abs(expected - r.score) <= 1e-4 * (1 + Math.abs(expected)))) {
            problems.push(`${what}, query ${q}: id ${r.id} scored ${r.score}, double precision says ${expected}`);
          }
        }
      }
    }
  }
  return { problems, compared };
}
