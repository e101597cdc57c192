// Child of quantization-kernels.test.mjs: builds the seeded SQ4 and PQ cases in teavec/quantization, loaded with
// its SIMD kernels (argv[2] 'simd') or without them ('scalar'), and prints every search result as JSON. Two
// processes, since one process loads one engine.
import init from '../dist/quantization.js';
import { EdgeVec, EdgeVecConfig } from '../dist/teavec.js';
import { rng } from './random.js';

const [mode, seedText] = process.argv.slice(2);
await (mode === 'scalar' ? init({ simd: false }) : init());
const seed = Number(seedText);

/** The cases: both encodings, every metric, dimensions that end mid-block (odd dims, odd sub-space counts). */
export const CASES = [
  ...['cosine', 'dot', 'l2'].flatMap((metric) => [
    { quantization: 'sq4', metric, dim: 37 },
    { quantization: 'pq', metric, dim: 37 },
  ]),
  { quantization: 'sq4', metric: 'cosine', dim: 384 },
  { quantization: 'sq4', metric: 'l2', dim: 385 },
  { quantization: 'pq', metric: 'cosine', dim: 384 },
  { quantization: 'pq', metric: 'l2', dim: 100, pqSubspaces: 25 },
];
const COUNT = 1300;

/**
 * Gaussian vectors, some with edge values: scaled by 1e3 or 1e-3, with zero entries, and dimension 0 constant
 * (a zero range for SQ4).
 */
function vectors(random, count, dim) {
  const out = [];
  for (let n = 0; n < count; n++) {
    const v = new Float32Array(dim);
    const kind = Math.floor(random() * 10);
    for (let i = 0; i < dim; i++) {
      const u = 1 - random();
      v[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
      if (kind === 0) v[i] *= 1e3;
      if (kind === 1) v[i] *= 1e-3;
      if (kind === 2 && i % 3 === 0) v[i] = 0;
    }
    v[0] = 0.5;
    out.push(v);
  }
  return out;
}

const report = [];
for (const [n, c] of CASES.entries()) {
  const random = rng(seed + n);
  const data = vectors(random, COUNT, c.dim);
  const config = new EdgeVecConfig(c.dim);
  Object.assign(config, { metric: c.metric, quantization: c.quantization, rerank: n % 4 === 3, seed: 11, ef_construction: 48 });
  if (c.pqSubspaces) config.pqSubspaces = c.pqSubspaces;
  const index = new EdgeVec(config);
  for (const v of data) index.insert(v);
  const queries = [...vectors(random, 12, c.dim), data[5], data[COUNT - 1]];
  const results = queries.map((q) => index.search(q, 10).map((r) => [r.id, r.score]));
  // The linear memory held equals what the storages and kernels (PQ's shared centroids included) account for.
  index[Symbol.for('teavec.checkIntegrity')]();
  report.push({ case: c, kernels: index.kernels, results });
  index.free?.();
}
// Scores as exact bit patterns: JSON would lose -0 and NaN.
console.log(JSON.stringify(report, (key, value) => (typeof value === 'number' && key === '1'
  ? Buffer.from(new Float32Array([value]).buffer).toString('hex') : value)));
