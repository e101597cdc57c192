// The `auto` index's flat → HNSW switch on the caller's thread: n × dims vectors inserted one insert() call
// at a time through the direct API (Node), default auto settings; prints the longest single call, where it
// happened, the p99 and the total. Not a test: prints figures (the tests assert the structural bound:
// vectors graphed per call, see wasm-core AutoIndexSwitchTest and npm-package/test/auto-switch.test.mjs).
//   node bench/auto-switch.mjs [--n 10000] [--dims 384] [--seed 1]
import os from 'node:os';
import init, { EdgeVec, EdgeVecConfig } from '../npm-package/dist/teavec.js';
import { vectors } from '../npm-package/test/worker-api-cases.js';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const n = Number(arg('--n', '10000'));
const dims = Number(arg('--dims', '384'));
const seed = Number(arg('--seed', '1'));

await init();
const index = new EdgeVec(Object.assign(new EdgeVecConfig(dims), { seed }));
const data = vectors(seed, n, dims);
const times = new Float64Array(n);
const started = performance.now();
for (let i = 0; i < n; i++) {
  const t = performance.now();
  index.insert(data[i]);
  times[i] = performance.now() - t;
}
const total = performance.now() - started;
let worst = 0;
for (let i = 1; i < n; i++) if (times[i] > times[worst]) worst = i;
const sorted = Float64Array.from(times).sort();
const over = (ms) => times.filter((t) => t > ms).length;
console.log(`## auto index, ${n} × ${dims} single insert() calls, Node ${process.version} (${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)})`);
console.log('| longest call ms | at insert # | p99 ms | p50 ms | calls > 16 ms | calls > 50 ms | total s |');
console.log('|---|---|---|---|---|---|---|');
console.log(`| ${times[worst].toFixed(1)} | ${worst + 1} | ${sorted[Math.floor(0.99 * n)].toFixed(2)} | ${sorted[Math.floor(0.5 * n)].toFixed(2)} | `
  + `${over(16)} | ${over(50)} | ${(total / 1000).toFixed(1)} |`);
const top = [...times.keys()].sort((a, b) => times[b] - times[a]).slice(0, 5);
console.log(`\nlongest five: ${top.map((i) => `#${i + 1} ${times[i].toFixed(1)} ms`).join(', ')}`);
// The switch window: from the threshold (2,000) to where the handover has caught up (about 2,000 / 3 inserts later).
const window = times.slice(1999, 2800);
console.log(`during the switch (inserts 2,000-2,800): longest ${Math.max(...window).toFixed(1)} ms, `
  + `mean ${(window.reduce((a, b) => a + b, 0) / window.length).toFixed(2)} ms`);
index.free();

// The same switch in one call, as the insert reaching the threshold did it before the switch was stepped:
// advanceBuild(all) on a second index right after its 2,000th insert.
const once = new EdgeVec(Object.assign(new EdgeVecConfig(dims), { seed }));
for (let i = 0; i < Math.min(n, 2000); i++) once.insert(data[i]);
const t0 = performance.now();
once.advanceBuild(2 ** 31 - 1);
console.log(`the whole switch in one call (what insert #2,000 cost before): ${(performance.now() - t0).toFixed(1)} ms`);
once.free();
