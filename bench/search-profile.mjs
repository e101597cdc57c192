// Search-only timing at a fixed snapshot: builds a TeaVec index once (minutes at 100k × 768), keeps its
// toBytes() in a file, and on later runs only reloads it and times queries, so a profile (node --cpu-prof)
// or an A/B of a search change sees search alone. Not a test; timings depend on the box's load.
//   node bench/search-profile.mjs [--dataset synth-100k-768] [--quant sq8|sq4|none|float16|binary|pq] [--rerank] [--ef 160[,128..]]
//        [--rerank-k 12[,24..]] [--queries 1000] [--rounds 3] [--snapshot /tmp/x.tv] [--ids out.json] [--profile p.cpuprofile]
//        [--simd kernels.wasm[,other.wasm..]] [--dist dir[,dir2..]] [--compact] [--engine quantization]
// --engine quantization: float32 / SQ8 on teavec/quantization's engine too (where the reorder lives).
// --compact: every variant calls compact() after loading (with no tombstones: the node reorder for locality, where
// the build has it; an older build does nothing), so a baseline --dist against a new one is the reorder's A/B.
// Several --simd files and/or --dist package dirs (each holding dist/teavec.js, e.g. a copy of npm-package kept as the
// baseline) are variants: each gets its own engine instance on the same snapshot bytes and they run round-robin in the
// same process (rotating first), so the box's load falls on all alike; the ids of every variant are compared with the
// first's ('same ids' / 'DIFFERENT ids'). The snapshot must exist then (build it with one variant first).
import { readFile, writeFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseVecs } from './lib/vecs.js';

const here = dirname(fileURLToPath(import.meta.url));
const { values: f } = parseArgs({
  options: {
    dataset: { type: 'string', default: 'synth-100k-768' },
    quant: { type: 'string', default: 'sq8' },
    rerank: { type: 'boolean', default: false },
    ef: { type: 'string', default: '160' },
    'rerank-k': { type: 'string' },
    queries: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '3' },
    snapshot: { type: 'string' },
    ids: { type: 'string' },
    profile: { type: 'string' },
    simd: { type: 'string' },
    dist: { type: 'string' },
    compact: { type: 'boolean', default: false },
    engine: { type: 'string', default: 'auto' },
  },
});
const cache = process.env.TEAVEC_BENCH_CACHE ?? join(here, '.cache'); // prepared by bench/peers.mjs
const prefix = { 'synth-100k-768': 'synth-100k-768-s102', 'synth-10k-384': 'synth-10k-384-s101' }[f.dataset];
const n = f.dataset === 'synth-100k-768' ? 100000 : 10000;
const read = async (name, kind) => parseVecs(new Uint8Array(await readFile(join(cache, name))), kind);
const queries = await read(`${prefix}-q1000-query.fvecs`, 'f');
const truth = await read(`${prefix}-n${n}-q1000-gt10.ivecs`, 'i');

const snap = f.snapshot ?? `/tmp/teavec-${f.dataset}-${f.quant}${f.rerank ? '-rerank' : ''}.tv`;
const dists = (f.dist ?? join(here, '..', 'npm-package')).split(',');
const simds = f.simd ? f.simd.split(',') : [null];
const variants = dists.flatMap((dist) => simds.map((simd) => ({ dist, simd, label: [dist, simd].filter(Boolean).join(' + ') })));
// One engine instance per variant: a query string makes a fresh module (and so a fresh Wasm instance) per import.
async function engine(v, i) {
  const teavec = await import(`${pathToFileURL(join(v.dist, 'dist', 'teavec.js')).href}?variant=${i}`);
  // --simd other.wasm: the same engine with other SIMD kernels (an A/B of a kernel change). The extended encodings
  // (--quant sq4, float16, binary, pq) run on teavec/quantization's engine and kernels, as bench/peers.mjs runs them.
  const compile = async (file) => WebAssembly.compile(await readFile(file));
  const extended = f.engine === 'quantization' || !['none', 'sq8'].includes(f.quant);
  await teavec.default(extended
    ? {
      module: await compile(join(v.dist, 'dist', 'teavec-quantization.wasm')),
      simd: await compile(v.simd ?? join(v.dist, 'dist', 'teavec-quantization-simd.wasm')),
    }
    : v.simd ? { simd: await compile(v.simd) } : undefined);
  return teavec;
}
if (!(await stat(snap).then(() => true, () => false))) {
  if (variants.length > 1) throw new Error(`${snap} does not exist: build it with one variant first`);
  const { EdgeVec, EdgeVecConfig } = await engine(variants[0], 0);
  const base = await read(`${prefix}-n${n}-base.fvecs`, 'f');
  const config = new EdgeVecConfig(base.dim);
  config.metric = 'cosine';
  config.indexType = 'hnsw';
  config.quantization = f.quant;
  if (f.rerank) config.rerank = true;
  config.m = 16;
  config.m0 = 32;
  config.ef_construction = 200;
  const index = new EdgeVec(config);
  const t = performance.now();
  for (let i = 0; i < base.count; i += 1000) {
    const c = Math.min(1000, base.count - i);
    const ids = index.insertBatchFlat(base.data.subarray(i * base.dim, (i + c) * base.dim), c);
    if (ids[0] !== i) throw new Error('ids are not row numbers');
    if (i % 10000 === 0) console.error(`built ${i}`);
  }
  console.error(`built ${base.count} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  await writeFile(snap, index.toBytes());
  index.free?.();
}
const bytes = new Uint8Array(await readFile(snap));
for (const [i, v] of variants.entries()) {
  const { EdgeVec } = await engine(v, i);
  const t = performance.now();
  v.index = EdgeVec.fromBytes(bytes);
  console.error(`variant ${i} (${v.label}): loaded ${snap} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  if (f.compact) {
    const c = performance.now();
    v.index.compact();
    console.error(`variant ${i}: compact() in ${((performance.now() - c) / 1000).toFixed(2)} s`);
  }
}
const q = Math.min(Number(f.queries), queries.count);
const dim = queries.dim;
const vec = (i) => queries.data.subarray(i * dim, (i + 1) * dim);
// --ef and --rerank-k take comma lists: every pair runs, on the same loaded index.
const pairs = f.ef.split(',').flatMap((e) => (f['rerank-k'] ?? '0').split(',').map((r) => [Number(e), Number(r)]));
const session = f.profile ? new (await import('node:inspector')).Session() : null;
const post = (method, params) => new Promise((ok, no) => session.post(method, params, (e, r) => (e ? no(e) : ok(r))));
// Every (ef, rerankK) pair × variant is a cell; rounds run all cells round-robin (rotating the first), so the load
// of a shared box falls on all alike.
const cells = pairs.flatMap(([ef, rerankK]) => variants.map((v, k) => ({
  ef, rerankK, k, v, opts: rerankK ? { efSearch: ef, rerankK } : { efSearch: ef }, times: [], hits: 0, cpu: 0, evaluated: 0, ids: [],
})));
for (const c of cells) {
  for (let i = 0; i < Math.min(q, 200); i++) c.v.index.search(vec(i), 10, c.opts); // warm-up
  for (let i = 0; i < 100; i++) c.evaluated += c.v.index.searchFiltered(vec(i), 10, { efSearch: c.ef }).vectorsEvaluated;
}
// --profile out.cpuprofile: the V8 CPU profile of the timed searches only (not the load or build).
if (session) {
  session.connect();
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 100 });
  await post('Profiler.start');
}
for (let r = 0; r < Number(f.rounds); r++) {
  for (let j = 0; j < cells.length; j++) {
    const c = cells[(j + r) % cells.length];
    // CPU time as well as wall time: on a loaded box the wall p50 is mostly the scheduler's.
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < q; i++) {
      const t = performance.now();
      const res = c.v.index.search(vec(i), 10, c.opts);
      c.times.push(performance.now() - t);
      if (r === 0) {
        const want = new Set(truth.data.subarray(i * 10, i * 10 + 10));
        for (const x of res) if (want.has(x.id)) c.hits++;
        c.ids.push(res.map((x) => x.id));
      }
    }
    const cpu = process.cpuUsage(cpu0);
    c.cpu += cpu.user + cpu.system;
  }
}
if (session) {
  await writeFile(f.profile, JSON.stringify((await post('Profiler.stop')).profile));
  session.disconnect();
}
const allIds = variants.map(() => []);
for (const c of cells) {
  const times = c.times.sort((a, b) => a - b);
  const pct = (p) => (times[Math.min(times.length - 1, Math.floor(p * times.length))] * 1000).toFixed(0);
  const first = cells.find((x) => x.ef === c.ef && x.rerankK === c.rerankK);
  const same = c === first ? '' : JSON.stringify(c.ids) === JSON.stringify(first.ids) ? ' same ids' : ' DIFFERENT ids';
  console.log(`${variants.length > 1 ? `[${c.k}] ${c.v.label}: ` : ''}${f.dataset} ${f.quant}${f.rerank ? '+rerank' : ''} ef ${c.ef}`
    + `${c.rerankK ? ` rerankK ${c.rerankK}` : ''}: p50 ${pct(0.5)} µs p99 ${pct(0.99)} µs recall@10 ${(c.hits / (q * 10)).toFixed(3)}`
    + ` cpu/query ${(c.cpu / times.length).toFixed(0)} µs scored/query ${(c.evaluated / 100).toFixed(0)} (${times.length} searches)${same}`);
  allIds[c.k].push(...c.ids);
}
if (f.ids) await writeFile(f.ids, JSON.stringify(variants.length > 1 ? allIds : allIds[0]));
