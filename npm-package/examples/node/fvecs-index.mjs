#!/usr/bin/env node
// Builds a TeaVec index from a .fvecs file, saves it to a file, loads it back and queries it (with recall against
// a ground-truth .ivecs when given). Node 22+.
//
//   node fvecs-index.mjs [base.fvecs] [--queries q.fvecs] [--truth gt.ivecs] [--out index.teavec]
//                        [--metric l2|cosine|dot] [--k 10] [--ef 100]
//
// With no arguments it uses the SIFT 5k set of the TeaVec repository (../shared/data/sift-5k-128-euclidean).
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import init, { EdgeVec, EdgeVecConfig } from 'teavec';
import { readFvecs, readIvecs } from './fvecs.mjs';

const repoData = process.env.TEAVEC_DATA ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'shared', 'data');
const sift = join(repoData, 'sift-5k-128-euclidean');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    queries: { type: 'string' }, truth: { type: 'string' }, out: { type: 'string', default: 'index.teavec' },
    metric: { type: 'string', default: 'l2' }, k: { type: 'string', default: '10' }, ef: { type: 'string', default: '100' },
  },
});
const basePath = positionals[0] ?? join(sift, 'sift5k_base.fvecs');
const queriesPath = values.queries ?? (positionals[0] ? undefined : join(sift, 'sift5k_query.fvecs'));
const truthPath = values.truth ?? (positionals[0] ? undefined : join(sift, 'sift5k_groundtruth.ivecs'));
const k = Number(values.k);
const efSearch = Number(values.ef);
const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

/** A progress bar on stderr for work longer than a moment (it stays silent when stderr is not a terminal). */
async function withProgress(label, total, work) {
  const bar = new cliProgress.SingleBar({ format: `${label.padEnd(9)} {bar} {percentage}% {value}/{total} eta {eta}s` },
    cliProgress.Presets.shades_classic);
  bar.start(total, 0);
  try {
    return await work((done) => bar.update(done));
  } finally {
    bar.stop();
  }
}

await init();
const base = await readFvecs(basePath);
console.log(`read ${base.count} × ${base.dimensions} vectors from ${basePath}`);

// 1. Build, in chunks so the bar moves.
const config = new EdgeVecConfig(base.dimensions);
config.metric = values.metric;
const index = new EdgeVec(config);
let t0 = performance.now();
await withProgress('building', base.count, async (update) => {
  const chunk = 500;
  for (let start = 0; start < base.count; start += chunk) {
    const n = Math.min(chunk, base.count - start);
    index.insertBatchFlat(base.data.subarray(start * base.dimensions, (start + n) * base.dimensions), n);
    update(start + n);
  }
});
console.log(`built an index of ${index.size} vectors (${config.metric}) in ${seconds(performance.now() - t0)}`);

// 2. Save to a file and load it back: the loaded index answers like the built one.
const out = resolve(values.out);
t0 = performance.now();
await index.saveToFile(out);
console.log(`saved to ${out} (${(statSync(out).size / 2 ** 20).toFixed(1)} MiB) in ${seconds(performance.now() - t0)}`);
t0 = performance.now();
const loaded = await EdgeVec.loadFromFile(out);
console.log(`loaded ${loaded.size} vectors from ${out} in ${seconds(performance.now() - t0)}`);

// 3. Query the loaded index: held-out queries (+ recall@k against ground truth), or else stored vectors.
const queries = queriesPath && existsSync(queriesPath) ? await readFvecs(queriesPath) : null;
const truth = truthPath && existsSync(truthPath) ? await readIvecs(truthPath) : null;
const q = queries ?? { count: Math.min(100, base.count), dimensions: base.dimensions, data: base.data };
const latencies = [];
let found = 0;
let selfFirst = 0;
await withProgress('querying', q.count, async (update) => {
  for (let i = 0; i < q.count; i++) {
    const query = q.data.subarray(i * q.dimensions, (i + 1) * q.dimensions);
    const start = performance.now();
    const results = loaded.search(query, k, { efSearch });
    latencies.push(performance.now() - start);
    if (truth) {
      const expected = new Set(truth.data.subarray(i * truth.dimensions, i * truth.dimensions + k));
      found += results.filter((r) => expected.has(r.id)).length;
    } else if (results[0]?.id === i) {
      selfFirst++;
    }
    if (i % 50 === 49) update(i + 1);
  }
  update(q.count);
});
latencies.sort((a, b) => a - b);
const p50 = latencies[Math.floor(latencies.length / 2)];
const quality = truth ? `recall@${k} ${(found / (q.count * k)).toFixed(3)}`
  : `stored vector first for ${selfFirst} of ${q.count}`;
console.log(`${q.count} queries, k=${k}, ef=${efSearch}: ${quality}; p50 ${(p50 * 1000).toFixed(0)} µs`);
