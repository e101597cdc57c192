// Save and load times and snapshot sizes of TeaVec (float32 and SQ8), EdgeVec and hnswlib-wasm in Chromium
// on a disk-backed profile, page reloaded between save and load. Prints markdown; progress goes to stderr.
//   node bench/persistence.mjs [--n 100000] [--libs a,b] [--efc 32] [--ef 64] [--timeout 120] [--seed 1]
//                              [--json out.json] [--markdown out.md]
//   node bench/persistence.mjs --render out.json     (markdown again from a saved --json, nothing re-run)
import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os, { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { benchFlags } from './lib/cli.mjs';
import { prepareDatasets } from './lib/prepare-datasets.mjs';
import { pickAdapters } from './lib/adapters/index.js';
import { PERSIST_DEFAULTS } from './lib/persistence-bench.js';
import { toMarkdown } from './lib/persistence-report.js';
import { startStaticServer } from '../scripts/static-server.mjs';
import { launchKillableChromium } from '../browser-tests/test/chromium-process.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const DEFAULT_LIBS = 'teavec-f32,teavec-sq8,edgevec,hnswlib';

const flags = await benchFlags(
  {
    n: { type: 'string', default: '100000' },
    libs: { type: 'string', default: DEFAULT_LIBS },
    efc: { type: 'string', default: String(PERSIST_DEFAULTS.efConstruction) },
    ef: { type: 'string', default: String(PERSIST_DEFAULTS.efSearch) },
    timeout: { type: 'string', default: String(PERSIST_DEFAULTS.timeoutMs / 1000) },
  },
  toMarkdown,
);

const log = (m) => console.error(m);
const libs = pickAdapters(flags.libs).map((a) => a.id); // fails fast on unknown ids
const options = {
  ...PERSIST_DEFAULTS,
  efConstruction: Number(flags.efc),
  efSearch: Number(flags.ef),
  timeoutMs: Number(flags.timeout) * 1000,
};

function hardware() {
  let cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  try {
    cpu = /Model name:\s*(.+)/.exec(execFileSync('lscpu', { encoding: 'utf8' }))?.[1]?.trim() ?? cpu;
  } catch {
    // no lscpu: keep Node's name for the CPU
  }
  return `${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB`;
}

/** One library: build + save in a page, reload it, load + check in the fresh page. */
async function benchLibrary(context, url, spec, libraryId) {
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.text().startsWith('[chromium]')) log(m.text());
    else if (m.type() === 'error') log(`[chromium console.error] ${m.text().slice(0, 300)}`);
  });
  page.on('pageerror', (e) => log(`[chromium pageerror] ${e.message}`));
  const ready = () => page.waitForFunction(() => window.benchReady === true);
  try {
    await page.goto(url);
    await ready();
    const saved = await page.evaluate((c) => window.saveSide(c), { spec, libraryId, options });
    if (saved.error || saved.unsupported) return { library: libraryId, label: libraryId, ...saved };
    const { answers, ...figures } = saved;
    // A fresh JS heap and fresh module instances, as after a browser restart (IndexedDB stays).
    await page.reload();
    await ready();
    const loaded = await page.evaluate((c) => window.loadSide(c),
      { spec, libraryId, name: saved.name, meta: saved.meta, answers, options });
    if (loaded.error) return { ...figures, loadError: loaded.error.split('\n')[0] };
    return { ...figures, ...loaded };
  } finally {
    await page.close();
  }
}

const started = performance.now();
const n = Number(flags.n);
const [spec] = await prepareDatasets(['synth-100k-768'], { cacheDir: join(here, '.cache'), seed: Number(flags.seed), size: n, log });
const server = await startStaticServer({
  mounts: {
    '/': join(here, 'pages'),
    '/lib/': join(here, 'lib'),
    '/node_modules/': join(here, 'node_modules'),
    '/teavec/': join(here, '..', 'npm-package', 'dist'),
    '/cache/': join(here, '.cache'),
  },
});
// A profile on disk: Playwright's default contexts keep IndexedDB in memory (off the record).
const profile = mkdtempSync(join(tmpdir(), 'teavec-persist-bench-'));
const chrome = await launchKillableChromium(profile);
const report = { hardware: hardware(), date: new Date().toISOString(), dataset: spec.name, chromium: chrome.browser.version(), options, results: [] };
try {
  for (const libraryId of libs) {
    log(`--- ${libraryId}`);
    try {
      report.results.push(await benchLibrary(chrome.context, `${server.url}/persistence.html`, spec, libraryId));
    } catch (e) {
      report.results.push({ library: libraryId, label: libraryId, error: String(e?.message ?? e).split('\n')[0] });
    }
  }
} finally {
  await chrome.kill();
  await server.close();
  rmSync(profile, { recursive: true, force: true });
}
report.seconds = (performance.now() - started) / 1000;
const markdown = `${toMarkdown(report)}\n`;
if (flags.json) await writeFile(flags.json, JSON.stringify(report, null, 2));
if (flags.markdown) await writeFile(flags.markdown, markdown);
console.log(markdown);
log(`persistence bench: ${report.seconds.toFixed(0)} s`);
