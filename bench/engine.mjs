// Engine benchmark on ../shared/data in Node 22 and in Chromium (not a test; prints figures).
//   node bench/engine.mjs [--runtime node|chromium|both] [--json out.json] [--datasets wordnet,sift,synthetic]
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import os from 'node:os';
import { DATASETS, loadDataset } from './lib/vecs.js';
import { clusteredDataset } from './lib/synthetic.js';
import { runEngineBench, formatRows } from './lib/engine-bench.js';

const here = dirname(fileURLToPath(import.meta.url));
const dataDir = process.env.TEAVEC_DATA ?? join(here, '..', '..', 'shared', 'data');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const runtime = arg('--runtime', 'both');
// Name prefixes of the data sets to run: the real ones of ../shared/data and the synthetic clustered set.
const wanted = arg('--datasets', 'wordnet,sift,synthetic').split(',');
const isWanted = (name) => wanted.some((w) => name.startsWith(w));

function hardware() {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB`;
}

async function inNode() {
  const teavec = await import('../npm-package/dist/teavec.js');
  await teavec.default();
  const datasets = [];
  for (const spec of DATASETS.filter((d) => isWanted(d.name))) {
    datasets.push(await loadDataset(spec, (p) => readFile(join(dataDir, p))));
  }
  if (isWanted('synthetic')) datasets.push(clusteredDataset());
  return runEngineBench({ teavec, datasets, now: () => performance.now(), log: (m) => console.error(m) });
}

async function inChromium() {
  const { startStaticServer } = await import('../scripts/static-server.mjs');
  const { launchChromium } = await import('../browser-tests/test/browser.mjs');
  const server = await startStaticServer({
    mounts: {
      '/': join(here, 'pages'),
      '/lib/': join(here, 'lib'),
      '/teavec/': join(here, '..', 'npm-package', 'dist'),
      '/data/': dataDir,
    },
    // Cross-origin isolation gives performance.now() microsecond resolution instead of 100 µs.
    headersFor: () => ({ 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' }),
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    page.on('console', (m) => console.error('[chromium]', m.text()));
    await page.goto(`${server.url}/engine.html?datasets=${encodeURIComponent(wanted.join(','))}`);
    const result = await page.evaluate(() => window.__bench, undefined, { timeout: 0 });
    if (result.error) throw new Error(result.error);
    return { rows: result.rows, version: browser.version(), isolated: result.isolated };
  } finally {
    await browser.close();
    await server.close();
  }
}

const report = { hardware: hardware(), date: new Date().toISOString(), runs: [] };
if (runtime === 'node' || runtime === 'both') {
  const rows = await inNode();
  report.runs.push({ runtime: `Node ${process.version}`, rows });
  console.log(formatRows(rows, `Node ${process.version} on ${report.hardware}`));
}
if (runtime === 'chromium' || runtime === 'both') {
  const { rows, version, isolated } = await inChromium();
  report.runs.push({ runtime: `Chromium ${version}`, rows });
  console.log(formatRows(rows, `Chromium ${version} (crossOriginIsolated: ${isolated}) on ${report.hardware}`));
}
const out = arg('--json');
if (out) await writeFile(out, JSON.stringify(report, null, 2));
