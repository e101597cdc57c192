// bench/text-ingest.mjs's exercise in Chromium (not a test; prints figures): in a module Worker, ingest N WordNet
// glosses (embedding included: all-MiniLM-L6-v2 int8 through teavec/embeddings, transformers.js and
// onnxruntime-web served locally) into a persistent collection (openDatabase: OPFS, or IndexedDB), then single
// text queries. Ingest time split into embedding (inside the model) and the rest (indexing and logging); query
// latency split into embedding and search; peak memory and CPU of the whole browser (every Chromium process,
// read from /proc while it runs).
//   node bench/text-browser.mjs [--n 5000] [--queries 50] [--batch 32] [--storage opfs] [--isolated yes]
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { startStaticServer } from '../scripts/static-server.mjs';
import { launchKillableChromium } from '../browser-tests/test/chromium-process.mjs';
import { chromiumProcesses } from './lib/chromium-procs.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const config = {
  n: Number(arg('--n', '5000')),
  queries: Number(arg('--queries', '50')),
  batch: Number(arg('--batch', '32')),
  storage: arg('--storage', 'opfs'),
};
const isolated = arg('--isolated', 'yes') === 'yes';
const DATA = arg('--data', process.env.TEAVEC_DATA ?? join(here, '..', '..', 'shared', 'data'));
const MODEL = 'all-MiniLM-L6-v2-onnx-q8';
const modules = join(here, '..', 'npm-package', 'node_modules');
if (!existsSync(join(DATA, MODEL))) throw new Error(`no model in ${DATA} (--data)`);

const server = await startStaticServer({
  mounts: {
    '/': join(here, 'pages'),
    '/teavec/': join(here, '..', 'npm-package', 'dist'),
    '/transformers/': join(modules, '@huggingface', 'transformers', 'dist'),
    '/ort/': join(modules, 'onnxruntime-web', 'dist'),
    [`/models/${MODEL}/`]: join(DATA, MODEL),
    '/wordnet/': join(DATA, 'wordnet-minilm-384-angular'),
  },
  // Cross-origin isolation lets onnxruntime-web use threads (SharedArrayBuffer); --isolated no measures without.
  headersFor: () => (isolated ? { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' } : {}),
});
const profile = mkdtempSync(join(tmpdir(), 'teavec-text-browser-'));
const chrome = await launchKillableChromium(profile);
const tick = 1000 / 100; // ms per clock tick (USER_HZ 100 on Linux)
let peakRss = 0;
let cpuAtStart = 0;
const sample = () => {
  const procs = chromiumProcesses(profile);
  peakRss = Math.max(peakRss, procs.reduce((s, p) => s + p.rssBytes, 0));
  return procs.reduce((s, p) => s + p.cpuTicks, 0);
};
let result;
let wallMs;
let cpuMs;
try {
  const page = await chrome.context.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(`${server.url}/text-ingest.html#${encodeURIComponent(JSON.stringify(config))}`);
  cpuAtStart = sample();
  const t0 = performance.now();
  let shown = 0;
  const sampler = setInterval(async () => {
    sample();
    const progress = await page.evaluate(() => window.__progress).catch(() => []);
    for (; shown < progress.length; shown++) console.error(`  ${progress[shown]}`);
  }, 500);
  try {
    result = await page.evaluate(() => window.__result, undefined, { timeout: 0 });
  } finally {
    clearInterval(sampler);
  }
  wallMs = performance.now() - t0;
  cpuMs = (sample() - cpuAtStart) * tick;
  if (result.error) throw new Error(result.error);
} finally {
  await chrome.kill();
  await server.close();
  rmSync(profile, { recursive: true, force: true });
}
const r = result;
const s = (ms) => (ms / 1000).toFixed(1);
console.log(`# text-browser: Chromium ${chrome.browser.version()}, module Worker, storage ${r.storage}, cross-origin isolated `
  + `${r.isolated}; ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, load ${os.loadavg()[0].toFixed(1)}`);
console.log(`- model load ${s(r.modelLoadMs)} s`);
console.log(`- ingest ${r.n} texts (batches of ${r.batch}, ${r.storage}, durable): ${s(r.ingestMs)} s = embedding ${s(r.embedMs)} s `
  + `+ indexing and log ${((r.ingestMs - r.embedMs) / 1000).toFixed(2)} s; ${(r.n / (r.ingestMs / 1000)).toFixed(0)} texts/s; `
  + `longest wait between progress calls ${r.longestGap.toFixed(0)} ms`);
console.log(`- text query (${r.queries}, one at a time, k 10): p50 ${r.queryP50.toFixed(1)} ms = embedding ${r.embedP50.toFixed(1)} `
  + `+ search ${r.searchP50.toFixed(2)} ms; p99 ${r.queryP99.toFixed(1)} ms; hybrid p50 ${r.hybridP50.toFixed(1)} ms `
  + `(BM25 index built by the first text query in ${r.bm25BuildMs.toFixed(0)} ms)`);
console.log(`- checkpoint ${r.checkpointMs.toFixed(0)} ms; reopen ${r.reopenMs.toFixed(0)} ms; first text query after reopen `
  + `${r.firstTextQueryAfterReopenMs.toFixed(0)} ms (the saved BM25 index decoded)`);
console.log(`- whole browser (all Chromium processes) over the run of ${s(wallMs)} s: peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB, `
  + `CPU ${s(cpuMs)} s = ${(cpuMs / wallMs * 100).toFixed(0)}% of one core`);
