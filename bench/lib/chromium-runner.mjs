// Serves bench/ cross-origin isolated (COOP/COEP: performance.now() at 5 µs instead of 100 µs) and runs
// pages/peers.html in headless Chromium with a GC hook and exact heap figures for the memory column.
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../../scripts/static-server.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
  '--js-flags=--expose-gc', '--enable-precise-memory-info'];

export async function runInChromium({ specs, libs, options, dirs, log }) {
  const server = await startStaticServer({
    mounts: {
      '/': join(dirs.bench, 'pages'),
      '/lib/': join(dirs.bench, 'lib'),
      '/node_modules/': join(dirs.bench, 'node_modules'),
      '/teavec/': dirs.teavecDist,
      '/cache/': dirs.cacheDir,
      '/data/': dirs.dataDir,
    },
    headersFor: () => ({ 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' }),
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  try {
    const page = await browser.newPage();
    // The bench's own lines start with "[chromium]"; libraries' chatter (emscripten's FS logs) is dropped.
    page.on('console', (m) => {
      if (m.text().startsWith('[chromium]')) log(m.text());
      else if (m.type() === 'error') log(`[chromium console.error] ${m.text()}`);
    });
    page.on('pageerror', (e) => log(`[chromium pageerror] ${e.message}`));
    await page.goto(`${server.url}/peers.html`);
    await page.waitForFunction(() => window.benchReady === true);
    const result = await page.evaluate((cfg) => window.runBench(cfg), { specs, libs, options }, { timeout: 0 });
    if (result.error) throw new Error(result.error);
    if (!result.heapProbe) log('[chromium] no gc(): heap figures are n/a');
    return { runtime: 'Chromium', version: browser.version(), isolated: result.isolated, rows: result.rows };
  } finally {
    await browser.close();
    await server.close();
  }
}
