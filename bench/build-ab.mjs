// HNSW build time of two builds of the package, interleaved in one Node process: for judging a build-speed
// change on a busy machine, where wall times of separate runs differ by more than the change. Reports the
// main thread's CPU time (process.cpuUsage: user) per build, min and median over the runs, the wall time,
// and a hash of 20 searches' ids per variant (the same seed and data give the same graph: equal hashes say
// a change kept the graph). Not a test: prints figures.
//   node bench/build-ab.mjs --a <package dir> [--b npm-package] [--n 10000] [--dims 384] [--runs 4]
//                           [--quantization none|sq8|sq4|float16|binary|pq] [--rerank] [--metric cosine|l2|dot] [--efc 200] [--seed 7]
//                           [--engine quantization]
// --engine quantization: float32 / SQ8 on teavec/quantization's engine too (the extended encodings always are).
// A package dir holds package.json and dist/ (init() from a file needs the package's "node" condition), so
// keep a baseline with: mkdir /tmp/base && cp -r npm-package/package.json npm-package/dist /tmp/base/
// Data: the peers' clustered set (lib/synthetic.js clusteredDataset), M 16 / M0 32 as in peers.mjs.
import { readFile } from 'node:fs/promises';
import { resolve, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { clusteredDataset } from './lib/synthetic.js';

const { values: flags } = parseArgs({
  options: {
    a: { type: 'string' },
    b: { type: 'string', default: new URL('../npm-package', import.meta.url).pathname },
    n: { type: 'string', default: '10000' },
    dims: { type: 'string', default: '384' },
    runs: { type: 'string', default: '4' },
    quantization: { type: 'string', default: 'none' },
    rerank: { type: 'boolean', default: false },
    metric: { type: 'string', default: 'cosine' },
    efc: { type: 'string', default: '200' },
    seed: { type: 'string', default: '7' },
    engine: { type: 'string', default: 'core' },
  },
});
if (!flags.a) throw new Error('--a <package dir> is required (the baseline build: package.json + dist/)');
const n = Number(flags.n), dim = Number(flags.dims), runs = Number(flags.runs);
const queries = 20;
const data = clusteredDataset({ n, dim, queries, seed: Number(flags.seed) });
const variants = [];
for (const [label, dir] of [['A', flags.a], ['B', flags.b]]) {
  const mod = await import(pathToFileURL(join(resolve(dir), 'dist', 'teavec.js')).href);
  // The extended encodings (sq4, float16, binary, pq) run on teavec/quantization's engine, as in bench/peers.mjs.
  const compile = async (file) => WebAssembly.compile(await readFile(join(resolve(dir), 'dist', file)));
  await mod.default(['none', 'sq8'].includes(flags.quantization) && flags.engine !== 'quantization' ? undefined
    : { module: await compile('teavec-quantization.wasm'), simd: await compile('teavec-quantization-simd.wasm') });
  variants.push({ label, dir, mod, cpu: [], wall: [], hash: null });
}

function build({ EdgeVec, EdgeVecConfig }) {
  const config = Object.assign(new EdgeVecConfig(dim), {
    metric: flags.metric, indexType: 'hnsw', quantization: flags.quantization,
    m: 16, m0: 32, ef_construction: Number(flags.efc), seed: 1, rerank: flags.rerank,
  });
  const index = new EdgeVec(config);
  const base = data.base.data;
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < n; i += 1000) {
    const count = Math.min(1000, n - i);
    index.insertBatchFlat(base.subarray(i * dim, (i + count) * dim), count);
  }
  const wall = performance.now() - started;
  const user = process.cpuUsage(cpu).user / 1000;
  let hash = 0;
  for (let q = 0; q < queries; q++) {
    for (const r of index.search(data.queries.data.subarray(q * dim, (q + 1) * dim), 10, { efSearch: 64 })) {
      hash = (Math.imul(hash, 31) + Number(r.id)) >>> 0;
    }
  }
  index.free();
  return { user, wall, hash };
}

for (let run = 0; run < runs; run++) {
  // Alternate which variant goes first, so a drift in machine load falls on both.
  const order = run % 2 === 0 ? variants : [...variants].reverse();
  for (const v of order) {
    const r = build(v.mod);
    v.cpu.push(r.user);
    v.wall.push(r.wall);
    v.hash = r.hash;
    console.log(`${v.label} run ${run}: cpu ${r.user.toFixed(0)} ms, wall ${r.wall.toFixed(0)} ms, search hash ${r.hash}`);
  }
}
const stats = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  return { min: s[0], median: s[s.length >> 1] };
};
console.log(`\n${n} × ${dim} ${flags.metric}, ${flags.quantization}, efConstruction ${flags.efc}, ${runs} runs each`);
for (const v of variants) {
  const c = stats(v.cpu), w = stats(v.wall);
  console.log(`${v.label} (${v.dir}): cpu min ${c.min.toFixed(0)} / median ${c.median.toFixed(0)} ms = ${(n / c.min * 1000).toFixed(0)} vectors/s (cpu, min); wall median ${w.median.toFixed(0)} ms`);
}
const [a, b] = variants;
console.log(`B ÷ A build speed (cpu, min): ${(stats(a.cpu).min / stats(b.cpu).min).toFixed(3)}×; graphs ${a.hash === b.hash ? 'answer the same' : 'differ'}`);
