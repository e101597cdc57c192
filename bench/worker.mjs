// teavec/worker's costs and gains. Not a test: prints figures.
//  1. Node 22 (worker_threads): the hop per query, search p50/p99 µs direct vs through the worker on the same
//     index (HNSW, n × dims, seeded), and the µs the hop adds; the hop per batch insert (a batch of 1,000 into
//     copies of one index, direct vs worker).
//  2. Chromium: the page's responsiveness while n × dims vectors are inserted in batches of 1,000, directly on
//     the page (insertBatch, and insertBatchWithProgressAsync's slices) vs through the worker (plus an idle page as
//     the machine's own baseline): long tasks, the longest, the worst lateness of a 16 ms timer, build time.
//     Uses browser-tests/pages/worker-api.html. --cheap builds a cheap index there (HNSW, M 8, ef_construction 32,
//     SQ8: what the responsiveness test uses), so that 100k × 384 takes minutes, not a quarter of an hour.
//   node bench/worker.mjs [--n 10000] [--dims 384] [--queries 1000] [--build 10000] [--cheap] [--skip node|chromium]
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import init, { EdgeVec, EdgeVecConfig } from '../npm-package/dist/teavec.js';
import { loadWorkerIndex } from '../npm-package/dist/worker.js';
import { vectors } from '../npm-package/test/worker-api-cases.js';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const n = Number(arg('--n', '10000'));
const dims = Number(arg('--dims', '384'));
const queries = Number(arg('--queries', '1000'));
const build = Number(arg('--build', '10000'));
const skip = arg('--skip', '');
const cheap = process.argv.includes('--cheap');
const settings = cheap ? { indexType: 'hnsw', m: 8, ef_construction: 32, quantization: 'sq8' } : {};
const here = dirname(fileURLToPath(import.meta.url));

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
const us = (ms) => Math.round(ms * 1000);

async function timeEach(items, call) {
  const out = [];
  for (const item of items) {
    const start = performance.now();
    await call(item);
    out.push(performance.now() - start);
  }
  return out.sort((a, b) => a - b);
}

async function nodeHop() {
  await init();
  const config = Object.assign(new EdgeVecConfig(dims), { indexType: 'hnsw', ef_construction: 64, seed: 1 });
  const direct = new EdgeVec(config);
  console.error(`building ${n} × ${dims} (HNSW, efC 64) directly…`);
  const data = vectors(1, n, dims);
  for (let i = 0; i < n; i += 1000) direct.insertBatch(data.slice(i, i + 1000));
  const bytes = direct.toBytes();
  const worker = await loadWorkerIndex({ bytes });
  const qs = vectors(2, queries, dims);
  // Warm both paths first: JIT, the worker's first messages.
  for (const q of qs.slice(0, 50)) {
    direct.search(q, 10);
    await worker.search(q, 10);
  }
  const d = await timeEach(qs, (q) => direct.search(q, 10));
  const w = await timeEach(qs, (q) => worker.search(q, 10));
  console.log(`\n## Node ${process.version}: search k=10 on ${n} × ${dims} (${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)})`);
  console.log('| path | p50 µs | p99 µs |');
  console.log('|---|---|---|');
  console.log(`| direct | ${us(percentile(d, 0.5))} | ${us(percentile(d, 0.99))} |`);
  console.log(`| worker | ${us(percentile(w, 0.5))} | ${us(percentile(w, 0.99))} |`);
  console.log(`| hop added | ${us(percentile(w, 0.5) - percentile(d, 0.5))} | ${us(percentile(w, 0.99) - percentile(d, 0.99))} |`);

  const batches = Array.from({ length: 10 }, (_, i) => vectors(100 + i, 1000, dims));
  const directTimes = [];
  const workerTimes = [];
  for (const batch of batches) {
    const a = EdgeVec.fromBytes(bytes);
    let start = performance.now();
    a.insertBatch(batch);
    directTimes.push(performance.now() - start);
    a.free();
    const b = await loadWorkerIndex({ bytes });
    start = performance.now();
    await b.insertBatch(batch);
    workerTimes.push(performance.now() - start);
    await b.free();
  }
  directTimes.sort((x, y) => x - y);
  workerTimes.sort((x, y) => x - y);
  console.log(`\ninsertBatch of 1,000 × ${dims} into a copy of that index (10 batches, median): direct `
    + `${percentile(directTimes, 0.5).toFixed(1)} ms, worker ${percentile(workerTimes, 0.5).toFixed(1)} ms `
    + `(the worker inserts in ~12 ms slices and answers between them)`);
  await worker.free();
  direct.free();
}

async function chromiumResponsiveness() {
  const { startStaticServer } = await import('../scripts/static-server.mjs');
  const { launchChromium } = await import('../browser-tests/test/browser.mjs');
  const server = await startStaticServer({
    mounts: {
      '/': join(here, '..', 'browser-tests', 'pages'),
      '/teavec/': join(here, '..', 'npm-package', 'dist'),
      '/npm-test/': join(here, '..', 'npm-package', 'test'),
    },
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/worker-api.html`);
    await page.evaluate(() => window.workerApiTest.ready);
    console.log(`\n## Chromium: inserting ${build} × ${dims} in batches of 1,000, ${cheap ? 'cheap index (HNSW M 8, efC 32, SQ8)' : 'default auto index'} `
      + `(${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)})`);
    console.log('| where | build s | long tasks | longest ms | timer max late ms |');
    console.log('|---|---|---|---|---|');
    for (const where of ['idle', 'direct', 'direct-async', 'worker']) {
      console.error(`${where}…`);
      const options = where === 'idle' ? { where, n: 0, dims, batch: 1, idleMs: 10_000 } : { where, n: build, dims, batch: 1000, settings };
      const r = await page.evaluate((o) => window.workerApiTest.responsiveness(o), options);
      const label = { idle: 'idle page (10 s)', 'direct-async': 'direct, insertBatchWithProgressAsync' }[where] ?? where;
      console.log(`| ${label} | ${(r.ms / 1000).toFixed(1)} | ${r.longTasks.length} | `
        + `${Math.max(0, ...r.longTasks)} | ${r.maxLateMs} |`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

if (skip !== 'node') await nodeHop();
if (skip !== 'chromium') await chromiumResponsiveness();
