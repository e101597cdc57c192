// Writes a prefix of bench/million.mjs's synthetic set (same mixture, same chunk streams as lib/million-truth.js)
// and its queries as raw little-endian float32 files, for the JVM graph-quality experiment
// (wasm-core/src/test/java/dev/teavec/core/graph/HnswQualityExperiment.java). Not a test; prints nothing but paths.
//   node bench/graph-data.mjs --n 200000 [--full 200000] [--dims 384] [--seed 11] [--queries 100] --out /tmp/x
//   --set mixture (default) | lowrank (lib/synthetic.js's embedding-like set) | wordnet (shared data, 25k)
import { writeFileSync } from 'node:fs';
import * as synthetic from './lib/synthetic.js';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const n = Number(arg('--n', '200000'));
const full = Number(arg('--full', String(n)));
const dims = Number(arg('--dims', '384'));
const seed = Number(arg('--seed', '11'));
const nq = Number(arg('--queries', '100'));
const out = arg('--out', `/tmp/million-graph-${n}`);
const set = arg('--set', 'mixture');
const chunkSize = 10_000; // pages/million-db-worker.js draws chunks of 10,000
const mixture = (set === 'lowrank' ? synthetic.createLowRankMixture : synthetic.createMixture)({ fullCount: full, dim: dims, seed });
const base = new Float32Array(n * dims);
for (let first = 0; first < n; first += chunkSize) {
  const count = Math.min(chunkSize, n - first);
  base.set(mixture.draw(count, seed * 1_000_003 + first / chunkSize), first * dims);
}
const queries = mixture.draw(nq, seed * 7919 + 1);
writeFileSync(`${out}.base.f32`, Buffer.from(base.buffer));
writeFileSync(`${out}.query.f32`, Buffer.from(queries.buffer));
console.log(`${out}.base.f32 ${out}.query.f32`);
