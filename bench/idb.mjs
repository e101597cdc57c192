// IndexedDB snapshot store: save and load time and throughput in Chromium on a disk-backed profile
// (not a test; prints figures).   node bench/idb.mjs [--sizes 20,100] [--runs 3]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { startStaticServer } from '../scripts/static-server.mjs';
import { launchKillableChromium } from '../browser-tests/test/chromium-process.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const sizesMB = arg('--sizes', '20,100').split(',').map(Number);
const runs = Number(arg('--runs', '3'));

const server = await startStaticServer({
  mounts: { '/': join(here, '..', 'browser-tests', 'pages'), '/teavec/': join(here, '..', 'npm-package', 'dist') },
});
const profile = mkdtempSync(join(tmpdir(), 'teavec-idb-bench-'));
const chrome = await launchKillableChromium(profile);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
try {
  const page = await chrome.context.newPage();
  await page.goto(`${server.url}/idb.html`);
  await page.evaluate(() => window.idbTest.ready);
  console.log(`IndexedDB snapshot store, Chromium ${chrome.browser.version()}, disk-backed profile, `
    + `${os.cpus()[0]?.model ?? 'CPU'} × ${os.cpus().length}; median of ${runs} (4 MiB chunks)`);
  console.log('| size | save ms | save MB/s | load ms | load MB/s |');
  console.log('|---|---|---|---|---|');
  for (const mb of sizesMB) {
    const size = mb * 1_000_000;
    const saves = [];
    const loads = [];
    for (let r = 0; r < runs; r++) {
      const saved = await page.evaluate(([s, k]) => window.idbTest.save('bench', k, s), [size, r + 1]);
      if (!saved.ok) throw new Error(JSON.stringify(saved.error));
      const loaded = await page.evaluate(() => window.idbTest.load('bench'));
      if (!loaded.intact || loaded.k !== r + 1) throw new Error('load returned the wrong bytes');
      saves.push(saved.ms);
      loads.push(loaded.ms);
    }
    const s = median(saves);
    const l = median(loads);
    console.log(`| ${mb} MB | ${s.toFixed(0)} | ${(mb / (s / 1000)).toFixed(0)} | ${l.toFixed(0)} | ${(mb / (l / 1000)).toFixed(0)} |`);
    await page.evaluate(() => window.idbTest.remove('bench'));
  }
} finally {
  await chrome.kill();
  await server.close();
  rmSync(profile, { recursive: true, force: true });
}
