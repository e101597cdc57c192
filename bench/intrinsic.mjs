// How hard is a set for a graph index (issue #16; not a test, prints figures): local intrinsic dimensionality of the
// queries (MLE of Levina–Bickel / Amsaleg et al. at k = 20, L2 on unit vectors) and relative contrast (mean distance
// to the base over the distance to the 1st / 10th neighbour, He et al. 2012), for the real WordNet-MiniLM set and
// bench/million.mjs's synthetic sets drawn the way lib/million-truth.js draws them.
//   node bench/intrinsic.mjs [--set wordnet|mixture|lowrank] [--n 25000] [--full n] [--queries 200] [--seed 11]
//                            [--params '{"rank":16}'] (lowrank's options, for calibration)
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseVecs } from './lib/vecs.js';
import * as synthetic from './lib/synthetic.js';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const set = arg('--set', 'wordnet');
const seed = Number(arg('--seed', '11'));
const nq = Number(arg('--queries', '200'));
const K = 20;

function load() {
  if (set === 'wordnet') {
    // ../shared/data as the other benches find it (TEAVEC_DATA overrides), from a worktree one level deeper too.
    const candidates = [join(here, '..', '..', 'shared', 'data'), join(here, '..', '..', '..', 'shared', 'data')];
    const data = process.env.TEAVEC_DATA ?? candidates.find((d) => existsSync(d));
    const shared = join(data, 'wordnet-minilm-384-angular');
    const base = parseVecs(readFileSync(join(shared, 'wordnet_minilm_base.fvecs')), 'f');
    const queries = parseVecs(readFileSync(join(shared, 'wordnet_minilm_query.fvecs')), 'f');
    return { name: 'WordNet-MiniLM', dim: base.dim, base: base.data, queries: queries.data.subarray(0, nq * base.dim) };
  }
  const n = Number(arg('--n', '25000'));
  const full = Number(arg('--full', String(n)));
  const dim = Number(arg('--dims', '384'));
  const make = set === 'lowrank' ? synthetic.createLowRankMixture : synthetic.createMixture;
  const mixture = make({ fullCount: full, dim, seed, ...JSON.parse(arg('--params', '{}')) });
  const chunk = 10_000;
  const base = new Float32Array(n * dim);
  for (let first = 0; first < n; first += chunk) {
    base.set(mixture.draw(Math.min(chunk, n - first), seed * 1_000_003 + first / chunk), first * dim);
  }
  return { name: `${set} (mixture of ${full.toLocaleString('en')})`, dim, base, queries: mixture.draw(nq, seed * 7919 + 1) };
}

const { name, dim, base, queries } = load();
const n = base.length / dim;
const q = queries.length / dim;
const lids = [];
const rc1 = [];
const rc10 = [];
const best = new Float64Array(K);
for (let qi = 0; qi < q; qi++) {
  best.fill(Infinity);
  let sum = 0;
  const qo = qi * dim;
  for (let i = 0; i < n; i++) {
    const bo = i * dim;
    let dot = 0;
    for (let j = 0; j < dim; j++) dot += base[bo + j] * queries[qo + j];
    const d = Math.sqrt(Math.max(0, 2 - 2 * dot));
    sum += d;
    if (d >= best[K - 1]) continue;
    let at = K - 1;
    while (at > 0 && best[at - 1] > d) {
      best[at] = best[at - 1];
      at--;
    }
    best[at] = d;
  }
  let s = 0;
  for (let i = 0; i < K - 1; i++) s += Math.log(best[i] / best[K - 1]);
  lids.push(-(K - 1) / s);
  const mean = sum / n;
  rc1.push(mean / best[0]);
  rc10.push(mean / best[9]);
}
const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const avg = (a) => a.reduce((s, x) => s + x, 0) / a.length;
console.log(`${name}: ${n.toLocaleString('en')} × ${dim}, ${q} queries | LID(MLE, k ${K}) mean ${avg(lids).toFixed(1)} median ${med(lids).toFixed(1)} `
  + `| RC@1 mean ${avg(rc1).toFixed(3)} | RC@10 mean ${avg(rc10).toFixed(3)}`);
