// Snapshot size and encode/decode time of a large index in Node 22 (not a test; prints figures).
//   node bench/snapshot.mjs [--n 100000] [--dims 768] [--efc 16] [--m 16] [--variants float,sq8,flat]
// Synthetic seeded data (uniform in [-0.5, 0.5)); HNSW built with a small ef_construction to keep the
// build short: the snapshot holds the same structures whatever efC was (lists are a little shorter).
import os from 'node:os';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRandom } from './lib/synthetic.js';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const n = Number(arg('--n', 100000));
const dims = Number(arg('--dims', 768));
const efc = Number(arg('--efc', 16));
const m = Number(arg('--m', 16));
const variants = arg('--variants', 'float,sq8').split(','); // 'flat': exact index, no graph (fast to build)

const teavec = await import('../npm-package/dist/teavec.js');
await teavec.default();
const { EdgeVec, EdgeVecConfig } = teavec;

// Uniform in [-0.5, 0.5), from the benches' one seeded generator.
const rng = (seed) => {
  const next = createRandom(seed).next;
  return () => next() - 0.5;
};

const ms = (t0) => (performance.now() - t0).toFixed(0);
const mb = (b) => (b / 2 ** 20).toFixed(1);
console.log(`snapshot bench: ${n} × ${dims}, HNSW m ${m} efC ${efc}, Node ${process.version}, `
  + `${os.cpus()[0]?.model}, ${os.cpus().length} cores`);
for (const variant of variants) {
  const c = new EdgeVecConfig(dims);
  Object.assign(c, { indexType: variant === 'flat' ? 'flat' : 'hnsw', m, m0: 2 * m, ef_construction: efc, quantization: variant === 'sq8' ? 'sq8' : 'none' });
  const ix = new EdgeVec(c);
  const r = rng(42);
  const batch = 5000;
  let t0 = performance.now();
  for (let done = 0; done < n; done += batch) {
    const count = Math.min(batch, n - done);
    ix.insertBatchFlat(new Float32Array(count * dims).map(() => r()), count);
  }
  const buildMs = ms(t0);
  t0 = performance.now();
  const bytes = ix.toBytes();
  const encodeMs = ms(t0);
  t0 = performance.now();
  const copy = EdgeVec.fromBytes(bytes);
  const decodeMs = ms(t0);
  const dir = mkdtempSync(join(tmpdir(), 'teavec-bench-'));
  const path = join(dir, 'index.tvec');
  t0 = performance.now();
  await ix.saveToFile(path);
  const saveMs = ms(t0);
  t0 = performance.now();
  const loaded = await EdgeVec.loadFromFile(path);
  const loadMs = ms(t0);
  const q = new Float32Array(dims).map(() => r());
  const same = JSON.stringify(ix.search(q, 10)) === JSON.stringify(copy.search(q, 10))
    && JSON.stringify(ix.search(q, 10)) === JSON.stringify(loaded.search(q, 10));
  console.log(`${variant}: build ${buildMs} ms; snapshot ${mb(bytes.length)} MiB (${(bytes.length / n).toFixed(0)} B/vector), `
    + `engine memory ${mb(ix.memoryUsage())} MiB; toBytes ${encodeMs} ms, fromBytes ${decodeMs} ms; `
    + `saveToFile ${saveMs} ms (${mb(statSync(path).size)} MiB), loadFromFile ${loadMs} ms; same results: ${same}`);
  rmSync(dir, { recursive: true, force: true });
}
