// TeaVec against EdgeVec, hnswlib-wasm, voy and Orama on the same data, in Node 22 and in Chromium.
// Prints markdown (the README's tables); progress goes to stderr. Flags: bench/README.md.
//   node bench/peers.mjs [--runtime node|chromium|both] [--datasets a,b] [--libs a,b] [--size N] [--full]
//                        [--variants a,b] [--pq-subspaces N|dim/D] [--rerank-k tune|beam|N]
//                        [--rounds N] [--per-round N] [--seed N] [--no-persistence] [--smoke]
//                        [--json out.json] [--markdown out.md]
//   node bench/peers.mjs --render out.json     (markdown again from a saved --json, nothing re-run)
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import { benchFlags } from './lib/cli.mjs';
import { CATALOGUE, nodeReader, prepareDatasets } from './lib/prepare-datasets.mjs';
import { ADAPTERS, pickAdapters } from './lib/adapters/index.js';
import { pqSubspacesFor } from './lib/adapters/teavec.js';
import { DEFAULTS, efHintsFrom } from './lib/peer-bench.js';
import { runPeers } from './lib/peer-run.js';
import { bundleSize } from './lib/bundle-size.mjs';
import { toMarkdown } from './lib/report.js';
import { runInChromium } from './lib/chromium-runner.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const dirs = {
  bench: here,
  cacheDir: join(here, '.cache'),
  dataDir: process.env.TEAVEC_DATA ?? join(here, '..', '..', 'shared', 'data'),
  teavecDist: join(here, '..', 'npm-package', 'dist'),
};
const packageDir = (pkg) => (pkg === 'teavec' ? dirs.teavecDist : join(here, 'node_modules', pkg));

const flags = await benchFlags(
  {
    runtime: { type: 'string', default: 'both' },
    datasets: { type: 'string' },
    libs: { type: 'string' },
    variants: { type: 'string' },
    'pq-subspaces': { type: 'string' },
    'rerank-k': { type: 'string' },
    size: { type: 'string' },
    full: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    'per-round': { type: 'string' },
    'no-persistence': { type: 'boolean', default: false },
    smoke: { type: 'boolean', default: false },
  },
  toMarkdown,
);

const defaultSets = CATALOGUE.filter((e) => !e.smokeOnly).map((e) => e.id);
const options = {
  rounds: Number(flags.rounds ?? (flags.smoke ? 1 : DEFAULTS.rounds)),
  perRound: Number(flags['per-round'] ?? DEFAULTS.perRound),
  targetRecall: DEFAULTS.targetRecall,
  full: flags.full,
  persistence: !flags['no-persistence'],
  pqSubspaces: flags['pq-subspaces'] ?? 'dim/8',
  rerankK: flags['rerank-k'] ?? 'tune',
};
if (!['tune', 'beam'].includes(options.rerankK) && !(Number.isInteger(Number(options.rerankK)) && Number(options.rerankK) > 0)) {
  throw new Error(`--rerank-k takes tune, beam or a positive integer, got ${options.rerankK}`);
}
pqSubspacesFor(options.pqSubspaces, 8); // fail fast on a malformed value
// --variants is --libs by another name (TeaVec's encodings are rows like the peers); both may be given.
const libs = [flags.libs, flags.variants].filter(Boolean).join(',') || undefined;
const datasetIds = flags.datasets ? flags.datasets.split(',') : flags.smoke ? ['smoke-1k-128'] : defaultSets;
const size = Number(flags.size ?? (flags.full ? 100_000 : 10_000));
const log = (m) => console.error(m);
pickAdapters(libs); // fail fast on unknown ids

function hardware() {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB`;
}

function nodeHeapProbe() {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc');
  return async () => {
    // Twice, a task apart: one pass can leave garbage that only the next one frees.
    gc();
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
    return process.memoryUsage().heapUsed;
  };
}

async function inNode(specs) {
  let instances = 0;
  const urlOf = (pkg, file) => pathToFileURL(join(packageDir(pkg), file)).href;
  const env = {
    runtime: 'node',
    now: () => performance.now(),
    log,
    importModule: (pkg, file, { fresh = false } = {}) => import(urlOf(pkg, file) + (fresh ? `?instance=${++instances}` : '')),
    readBytes: async (pkg, file) => new Uint8Array(await readFile(join(packageDir(pkg), file))),
    heapUsed: nodeHeapProbe(),
  };
  const rows = await runPeers({ specs, read: nodeReader(dirs), env, libs, options });
  return { runtime: 'Node', version: process.version, rows };
}

const started = performance.now();
const specs = await prepareDatasets(datasetIds, { cacheDir: dirs.cacheDir, seed: Number(flags.seed), size, log });
const bundles = {};
for (const a of ADAPTERS) bundles[a.id] = await bundleSize(a, { packageDir });

const report = { hardware: hardware(), date: new Date().toISOString(), options: { ...options, size, datasets: datasetIds }, bundles, runs: [] };

/** Writes --json / --markdown; called after each runtime too, so a later failure keeps what was measured. */
async function emit() {
  report.seconds = (performance.now() - started) / 1000;
  report.runtimes = report.runs.map((r) => `${r.runtime} ${r.version}`
    + `${r.isolated === undefined ? '' : r.isolated ? ' (cross-origin isolated)' : ' (NOT isolated: 100 µs timers)'}`);
  const markdown = `${toMarkdown(report)}\n`;
  if (flags.json) await writeFile(flags.json, JSON.stringify(report, null, 2));
  if (flags.markdown) await writeFile(flags.markdown, markdown);
  return markdown;
}

if (flags.runtime === 'node' || flags.runtime === 'both') {
  report.runs.push(await inNode(specs));
  await emit();
}
if (flags.runtime === 'chromium' || flags.runtime === 'both') {
  const previous = report.runs[0];
  const efHints = previous ? efHintsFrom(previous.rows, previous.runtime, ADAPTERS) : undefined;
  report.runs.push(await runInChromium({ specs, libs, options: { ...options, efHints }, dirs, log }));
}
console.log(await emit());
log(`peers bench: ${report.seconds.toFixed(0)} s`);

if (flags.smoke) {
  // Only failures the harness knows to expect are tolerated: hnswlib-wasm cannot load in Node.
  const unexpected = report.runs.flatMap((run) => run.rows.filter((r) => r.error && !(run.runtime === 'Node' && r.library === 'hnswlib'))
    .map((r) => `${run.runtime} ${r.library}: ${r.error}`));
  if (unexpected.length) {
    log(`smoke: FAILED\n  ${unexpected.join('\n  ')}`);
    process.exitCode = 1;
  } else {
    log(`smoke: ok (${report.runs.map((r) => `${r.runtime}: ${r.rows.length} rows`).join(', ')})`);
  }
}
