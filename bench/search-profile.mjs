// Search-only timing at a fixed snapshot: builds a TeaVec index once (minutes at 100k × 768), keeps its
// toBytes() in a file, and on later runs only reloads it and times queries, so a profile (node --cpu-prof)
// or an A/B of a search change sees search alone. Not a test; timings depend on the box's load.
//   node bench/search-profile.mjs [--dataset synth-100k-768] [--quant sq8|none] [--rerank] [--ef 160[,128..]]
//        [--rerank-k 12[,24..]] [--queries 1000] [--rounds 3] [--snapshot /tmp/x.tv] [--ids out.json] [--profile p.cpuprofile]
//        [--simd kernels.wasm]
import { readFile, writeFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  },
});
const cache = process.env.TEAVEC_BENCH_CACHE ?? join(here, '.cache'); // prepared by bench/peers.mjs
const prefix = { 'synth-100k-768': 'synth-100k-768-s102', 'synth-10k-384': 'synth-10k-384-s101' }[f.dataset];
const n = f.dataset === 'synth-100k-768' ? 100000 : 10000;
const read = async (name, kind) => parseVecs(new Uint8Array(await readFile(join(cache, name))), kind);
const queries = await read(`${prefix}-q1000-query.fvecs`, 'f');
const truth = await read(`${prefix}-n${n}-q1000-gt10.ivecs`, 'i');

const teavec = await import(join(here, '..', 'npm-package', 'dist', 'teavec.js'));
// --simd other.wasm: the same engine with other SIMD kernels (an A/B of a kernel change).
await teavec.default(f.simd ? { simd: await WebAssembly.compile(await readFile(f.simd)) } : undefined);
const { EdgeVec, EdgeVecConfig } = teavec;
const snap = f.snapshot ?? `/tmp/teavec-${f.dataset}-${f.quant}${f.rerank ? '-rerank' : ''}.tv`;
let index;
if (await stat(snap).then(() => true, () => false)) {
  const t = performance.now();
  index = EdgeVec.fromBytes(new Uint8Array(await readFile(snap)));
  console.error(`loaded ${snap} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
} else {
  const base = await read(`${prefix}-n${n}-base.fvecs`, 'f');
  const config = new EdgeVecConfig(base.dim);
  config.metric = 'cosine';
  config.indexType = 'hnsw';
  config.quantization = f.quant;
  if (f.rerank) config.rerank = true;
  config.m = 16;
  config.m0 = 32;
  config.ef_construction = 200;
  index = new EdgeVec(config);
  const t = performance.now();
  for (let i = 0; i < base.count; i += 1000) {
    const c = Math.min(1000, base.count - i);
    const ids = index.insertBatchFlat(base.data.subarray(i * base.dim, (i + c) * base.dim), c);
    if (ids[0] !== i) throw new Error('ids are not row numbers');
    if (i % 10000 === 0) console.error(`built ${i}`);
  }
  console.error(`built ${base.count} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  await writeFile(snap, index.toBytes());
}
const q = Math.min(Number(f.queries), queries.count);
const dim = queries.dim;
const vec = (i) => queries.data.subarray(i * dim, (i + 1) * dim);
// --ef and --rerank-k take comma lists: every pair runs, on the same loaded index.
const pairs = f.ef.split(',').flatMap((e) => (f['rerank-k'] ?? '0').split(',').map((r) => [Number(e), Number(r)]));
const session = f.profile ? new (await import('node:inspector')).Session() : null;
const post = (method, params) => new Promise((ok, no) => session.post(method, params, (e, r) => (e ? no(e) : ok(r))));
const allIds = [];
for (const [ef, rerankK] of pairs) {
  const opts = rerankK ? { efSearch: ef, rerankK } : { efSearch: ef };
  for (let i = 0; i < Math.min(q, 200); i++) index.search(vec(i), 10, opts); // warm-up
  let evaluated = 0;
  for (let i = 0; i < 100; i++) evaluated += index.searchFiltered(vec(i), 10, { efSearch: ef }).vectorsEvaluated;
  // --profile out.cpuprofile: the V8 CPU profile of the timed searches only (not the load or build).
  if (session) {
    session.connect();
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 100 });
    await post('Profiler.start');
  }
  const times = [];
  let hits = 0;
  // CPU time as well as wall time: on a loaded box the wall p50 is mostly the scheduler's.
  const cpu0 = process.cpuUsage();
  for (let r = 0; r < Number(f.rounds); r++) {
    for (let i = 0; i < q; i++) {
      const t = performance.now();
      const res = index.search(vec(i), 10, opts);
      times.push(performance.now() - t);
      if (r === 0) {
        const want = new Set(truth.data.subarray(i * 10, i * 10 + 10));
        for (const x of res) if (want.has(x.id)) hits++;
        allIds.push(res.map((x) => x.id));
      }
    }
  }
  const cpu = process.cpuUsage(cpu0);
  if (session) {
    await writeFile(f.profile, JSON.stringify((await post('Profiler.stop')).profile));
    session.disconnect();
  }
  times.sort((a, b) => a - b);
  const pct = (p) => (times[Math.min(times.length - 1, Math.floor(p * times.length))] * 1000).toFixed(0);
  console.log(`${f.dataset} ${f.quant}${f.rerank ? '+rerank' : ''} ef ${ef}${rerankK ? ` rerankK ${rerankK}` : ''}: `
    + `p50 ${pct(0.5)} µs p99 ${pct(0.99)} µs recall@10 ${(hits / (q * 10)).toFixed(3)}`
    + ` cpu/query ${((cpu.user + cpu.system) / times.length).toFixed(0)} µs`
    + ` scored/query ${(evaluated / 100).toFixed(0)} (${times.length} searches)`);
}
if (f.ids) await writeFile(f.ids, JSON.stringify(allIds));
