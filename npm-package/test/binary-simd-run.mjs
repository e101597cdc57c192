// Child process of binary-simd.test.mjs: builds binary indexes on teavec/quantization's engine, loaded with its SIMD
// kernels or with init({ simd: false }) (argv[2]: simd | scalar), and prints every search result as JSON. One engine
// per process: teavec/quantization's init() loads the engine once.
import { rng } from './random.js';
import init from '../dist/quantization.js';
import { EdgeVec, EdgeVecConfig, simdBackend } from '../dist/teavec.js';

const [mode, seedText] = process.argv.slice(2);
await init(mode === 'scalar' ? { simd: false } : undefined);

/** Gaussian data with edge rows: a zero vector (not under cosine), a constant one, huge and tiny magnitudes, a duplicate. */
function vectors(random, count, dim, metric) {
  const out = [];
  for (let n = 0; n < count; n++) {
    const v = new Float32Array(dim);
    for (let i = 0; i < dim; i++) {
      const u = 1 - random();
      v[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
    }
    if (n === 1 && metric !== 'cosine') v.fill(0);
    if (n === 2) v.fill(1);
    if (n === 3) v.forEach((x, i) => { v[i] = x * 1e15; });
    if (n === 4) v.forEach((x, i) => { v[i] = x * 1e-15; });
    if (n === 5) v.set(out[0]);
    out.push(v);
  }
  return out;
}

export const CASES = [
  ...['cosine', 'dot', 'l2'].flatMap((metric) => [5, 64, 100, 384].map((dim) => ({ metric, dim, rerank: false }))),
  { metric: 'cosine', dim: 384, rerank: true },
];

const seed = Number(seedText);
const report = { backend: simdBackend(), cases: [] };
for (const [n, c] of CASES.entries()) {
  const random = rng(seed + n);
  // More than the 1,024 vectors binary trains on, so codes and their kernels score the graph and the searches.
  const data = vectors(random, 1200, c.dim, c.metric);
  const config = new EdgeVecConfig(c.dim);
  // HNSW from the start: 'auto' would stay flat (float32, no codes) at this size.
  Object.assign(config, { indexType: 'hnsw', metric: c.metric, quantization: 'binary', rerank: c.rerank, seed: seed + n,
    ef_construction: 48 });
  const index = new EdgeVec(config);
  for (const v of data) index.insert(v);
  const results = [];
  const queries = [];
  for (let q = 0; q < 15; q++) {
    const query = q < 3 ? data[q] : vectors(random, 1, c.dim)[0];
    queries.push(query);
    results.push(index.search(query, 10).map((r) => [r.id, r.score]));
  }
  // Linear memory held is exactly what the codes and kernels use (throws otherwise); -1 on the Java heap.
  const held = index[Symbol.for('teavec.checkIntegrity')]();
  // The snapshot (format unchanged) reloads into the same storage and searches alike.
  const back = EdgeVec.fromBytes(index.toBytes());
  const reloaded = results.every((hits, q) => JSON.stringify(back.search(q < 3 ? data[q] : queries[q], 10)
    .map((r) => [r.id, r.score])) === JSON.stringify(hits));
  report.cases.push({ ...c, kernels: index.kernels, memory: index.memoryUsage(), held, reloaded, results });
  back.free();
  index.free();
}
process.stdout.write(JSON.stringify(report));
