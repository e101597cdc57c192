// rerank: 'storage' against rerank: true (floats in memory) in a database opened by name (issue #16; not a test,
// prints figures; bench/lib/rerank-storage-run.js): Node storage 'file', or with --chromium a dedicated worker of
// Chromium on OPFS. Bytes/vector after a checkpoint (memoryUsage: index + rows kept in memory), build s, query
// p50/p99, recall@10 against the exact top 10.
//   node bench/rerank-storage.mjs [--n 10000] [--dims 384] [--quantization binary,pq] [--queries 200] [--ef 100] [--rerank-k 30] [--chromium]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { runRerankStorage, rerankStorageTable } from './lib/rerank-storage-run.js';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const config = {
  n: Number(arg('--n', '10000')),
  dim: Number(arg('--dims', '384')),
  encodings: arg('--quantization', 'binary,pq').split(','),
  queryCount: Number(arg('--queries', '200')),
  ef: Number(arg('--ef', '100')),
  rerankK: arg('--rerank-k') === undefined ? undefined : Number(arg('--rerank-k')),
};
const chromium = process.argv.includes('--chromium');
const loadBefore = loadavg()[0];
let rows;
let where;
if (!chromium) {
  const { default: init } = await import('../npm-package/dist/quantization.js');
  const { openDatabase } = await import('../npm-package/dist/teavec.js');
  await init();
  const dir = mkdtempSync(join(tmpdir(), 'teavec-bench-rerank-'));
  try {
    rows = await runRerankStorage(openDatabase, { ...config, name: join(dir, 'db'), storage: 'file' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  where = `Node ${process.version}, storage 'file'`;
} else {
  const { startStaticServer } = await import('../scripts/static-server.mjs');
  const { launchKillableChromium } = await import('../browser-tests/test/chromium-process.mjs');
  const server = await startStaticServer({
    mounts: { '/': join(here, 'pages'), '/lib/': join(here, 'lib'), '/teavec/': join(here, '..', 'npm-package', 'dist') },
    // Cross-origin isolated: performance.now() at full resolution (not the 100 µs steps of a plain page).
    headersFor: () => ({ 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' }),
  });
  const profile = mkdtempSync(join(tmpdir(), 'teavec-rerank-storage-'));
  const chrome = await launchKillableChromium(profile);
  try {
    const page = await chrome.context.newPage();
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    await page.goto(`${server.url}/rerank-storage.html`);
    await page.waitForFunction(() => window.rerankStorage !== undefined);
    rows = await page.evaluate((cfg) => window.rerankStorage(cfg), { ...config, name: 'bench', storage: 'opfs' }, { timeout: 0 });
    where = `Chromium ${chrome.browser.version()} dedicated worker, storage 'opfs'`;
  } finally {
    await chrome.kill();
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
console.log(`rerank storage bench: ${config.n} × ${config.dim}, ${config.queryCount} queries, ef_search ${config.ef}, `
  + `rerankK ${config.rerankK ?? 'the beam'}, ${where}, `
  + `load ${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)} (shared 2-core box)`);
console.log(rerankStorageTable(rows));
