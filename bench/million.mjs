// 1M × 384 in one Chromium tab (issue #16; not a test, prints figures): a seeded clustered set (lib/synthetic.js,
// generated in the page in chunks, never held whole) is inserted into one HNSW index of the chosen encoding; the
// exact top-10 of the queries is kept while the chunks pass. Reports build minutes, bytes/vector (the engine's
// memoryUsage, graph included), peak RSS of the whole browser (every Chromium process, from /proc), search p50/p99
// and recall@10 per ef, and the snapshot: toBytes size and time, fromBytes time, same answers after reload.
// --set lowrank: lib/synthetic.js's embedding-like set (low-rank clusters, calibrated to WordNet-MiniLM's intrinsic
// dimensionality; bench/intrinsic.mjs) instead of the default Gaussian clusters, which are far harder.
//   node bench/million.mjs [--n 1000000] [--dims 384] [--quantization pq] [--pq-subspaces 48] [--rerank no]
//                          [--m 16] [--efc 100] [--efs 32,64,128,256] [--queries 100] [--seed 11]
// --database: the issue's case as a database instead (pages/million-db-worker.js): openDatabase on OPFS in a dedicated
// worker, a collection with rerank 'storage' (graph + codes in memory, floats read back from OPFS for the rerankK
// candidates), one ef_search (--ef) and a sweep of rerankK (--rerank-ks); reports the checkpoint, the reopen and
// bytes/vector after each.
//   node bench/million.mjs --database [--n 200000] [--quantization binary|pq|sq4] [--ef 100] [--rerank-ks 10,30,100]
//                          [--checkpoint-every 100000] (vectors between checkpoints during the build)
import { mkdtempSync, rmSync } from 'node:fs';
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
  n: Number(arg('--n', '1000000')),
  dims: Number(arg('--dims', '384')),
  quantization: arg('--quantization', 'pq'),
  pqSubspaces: arg('--pq-subspaces') === undefined ? undefined : Number(arg('--pq-subspaces')),
  rerank: arg('--rerank', 'no') === 'yes',
  m: Number(arg('--m', '16')),
  efc: Number(arg('--efc', '100')),
  efs: arg('--efs', '32,64,128,256').split(',').map(Number),
  queries: Number(arg('--queries', '100')),
  seed: Number(arg('--seed', '11')),
  set: arg('--set', 'mixture'),
  ef: Number(arg('--ef', '100')),
  rerankKs: arg('--rerank-ks', '10,30,100').split(',').map(Number),
  checkpointEvery: Number(arg('--checkpoint-every', '100000')),
};
const database = process.argv.includes('--database');

const server = await startStaticServer({
  mounts: {
    '/': join(here, 'pages'),
    '/lib/': join(here, 'lib'),
    '/teavec/': join(here, '..', 'npm-package', 'dist'),
  },
  headersFor: () => ({ 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' }),
});
const profile = mkdtempSync(join(tmpdir(), 'teavec-million-'));
const chrome = await launchKillableChromium(profile);
let peakRss = 0;
const sample = () => {
  peakRss = Math.max(peakRss, chromiumProcesses(profile).reduce((s, p) => s + p.rssBytes, 0));
};
const mb = (b) => (b / 1048576).toFixed(0);
try {
  const page = await chrome.context.newPage();
  page.on('console', (m) => {
    if (m.text().startsWith('[million]')) console.log(m.text());
  });
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(`${server.url}/${database ? 'million-db' : 'million'}.html`);
  await page.waitForFunction(() => window.benchReady === true);
  const sampler = setInterval(sample, 1000);
  const t0 = performance.now();
  const result = await page.evaluate((cfg) => (cfg.database ? window.runMillionDb(cfg) : window.runMillion(cfg)),
    { ...config, database }, { timeout: 0 });
  clearInterval(sampler);
  sample();
  if (result.error) throw new Error(result.error);
  const r = result;
  if (database) {
    console.log(`\n## ${config.n.toLocaleString('en')} × ${config.dims} as a database on OPFS in a dedicated worker `
      + `(Chromium ${chrome.browser.version()}), ${os.cpus().length} cores ${os.cpus()[0].model}, load ${os.loadavg()[0].toFixed(1)}`);
    console.log(`set ${config.set}, quantization ${config.quantization}${config.pqSubspaces ? ` (pqSubspaces ${config.pqSubspaces})` : ''}, `
      + `rerank 'storage', M ${config.m}, ef_construction ${config.efc}, ef_search ${config.ef}`);
    console.log(`build: ${(r.buildMs / 60000).toFixed(1)} min (${Math.round(config.n / (r.buildMs / 1000))} vectors/s, awaited adds `
      + `of 1,000, relaxed durability; data generation and ground truth not counted: ${(r.otherMs / 60000).toFixed(1)} min); `
      + `checkpoints during the build ${(r.midCheckpointMs / 1000).toFixed(1)} s (every ${config.checkpointEvery.toLocaleString('en')}), `
      + `final checkpoint ${(r.checkpointMs / 1000).toFixed(1)} s`);
    console.log(`memory: ${r.bytesPerVector.toFixed(0)} bytes/vector by memoryUsage() after the checkpoint (${mb(r.memoryBytes)} MB), `
      + `${r.reopenedBytesPerVector.toFixed(0)} after the reopen; peak RSS of the browser ${mb(peakRss)} MB`);
    console.log('\n| rerankK | recall@10 | p50 µs | p99 µs |\n|---:|---:|---:|---:|');
    for (const row of r.rows) console.log(`| ${row.rerankK} | ${row.recall.toFixed(3)} | ${row.p50.toFixed(0)} | ${row.p99.toFixed(0)} |`);
    console.log(`\nclose ${(r.closeMs / 1000).toFixed(1)} s, reopen ${(r.reopenMs / 1000).toFixed(1)} s, `
      + `same answers after the reopen: ${r.sameAfterReopen}`);
    console.log(`wall time ${((performance.now() - t0) / 60000).toFixed(1)} min`);
  } else {
    console.log(`\n## ${config.n.toLocaleString('en')} × ${config.dims} in one Chromium tab (Chromium ${chrome.browser.version()}), `
      + `${os.cpus().length} cores ${os.cpus()[0].model}, load ${os.loadavg()[0].toFixed(1)}`);
    console.log(`set ${config.set}, quantization ${config.quantization}${config.pqSubspaces ? ` (pqSubspaces ${config.pqSubspaces})` : ''}, `
      + `rerank ${config.rerank}, M ${config.m}, ef_construction ${config.efc}, kernels ${r.kernels}`);
    console.log(`build: ${(r.buildMs / 60000).toFixed(1)} min (${Math.round(config.n / (r.buildMs / 1000))} vectors/s; `
      + `data generation and ground truth not counted: ${(r.otherMs / 60000).toFixed(1)} min)`);
    console.log(`memory: ${r.bytesPerVector.toFixed(0)} bytes/vector by memoryUsage() (${mb(r.memoryBytes)} MB), `
      + `peak RSS of the browser ${mb(peakRss)} MB, JS heap ${r.jsHeapMB ?? 'n/a'} MB`);
    console.log('\n| ef | recall@10 | p50 µs | p99 µs |\n|---:|---:|---:|---:|');
    for (const row of r.rows) console.log(`| ${row.ef} | ${row.recall.toFixed(3)} | ${row.p50.toFixed(0)} | ${row.p99.toFixed(0)} |`);
    console.log(`\nsnapshot: ${mb(r.snapshotBytes)} MB, toBytes ${(r.toBytesMs / 1000).toFixed(1)} s, fromBytes ${(r.fromBytesMs / 1000).toFixed(1)} s, `
      + `same answers after reload: ${r.sameAfterReload}`);
    console.log(`wall time ${((performance.now() - t0) / 60000).toFixed(1)} min`);
  }
} finally {
  await chrome.kill();
  await server.close();
  rmSync(profile, { recursive: true, force: true });
}
