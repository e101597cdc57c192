// TeaVec in each browser engine the tests cover (Chromium, Firefox ESR, WebKitGTK), one after the other, through
// the browser tests' driver layer (browser-tests/drivers): inserts of n seeded vectors one by one, cold (the
// first run in a fresh page) and warm (the fastest later run), with the SIMD kernels and with the scalar
// ones; search p50; toBytes/fromBytes; IndexedDB save/load; and whether the snapshots are byte-identical across
// engines. Not a test: prints figures, asserts nothing.
//   node bench/browsers.mjs [--engines chromium,firefox,webkit] [--n 2000] [--dims 64] [--runs 8] [--queries 500]
//     [--json out.json]
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import os from 'node:os';
import { startStaticServer } from '../scripts/static-server.mjs';
import { launchEngine } from '../browser-tests/drivers/engines.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const engines = arg('--engines', 'chromium,firefox,webkit').split(',');
const config = {
  n: Number(arg('--n', '2000')),
  dims: Number(arg('--dims', '64')),
  runs: Number(arg('--runs', '8')),
  queries: Number(arg('--queries', '500')),
  seed: 20261206,
};

const server = await startStaticServer({
  mounts: { '/': join(here, 'pages'), '/lib/': join(here, 'lib'), '/teavec/': join(here, '..', 'npm-package', 'dist') },
  // Cross-origin isolation gives performance.now() finer steps where the engine supports it (the table says).
  headersFor: () => ({ 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' }),
});
const rows = [];
try {
  for (const name of engines) {
    const browser = await launchEngine(name);
    try {
      for (const simd of [true, false]) {
        // A page of its own per kernel set: each starts cold.
        const page = await browser.newPage(`${server.url}/browsers.html`);
        await page.waitForFunction(() => window.bench !== undefined);
        const result = await page.evaluate((c) => window.bench.run(c), { ...config, simd });
        const errors = await page.errors();
        await page.close();
        if (errors.length) console.error(`[${browser.label}] page errors: ${errors.join('; ')}`);
        rows.push({ engine: browser.label, ...result });
        console.error(`[${browser.label}] ${result.kernels} kernels done`);
      }
    } finally {
      await browser.close();
    }
  }
} finally {
  await server.close();
}

const f = (x, digits = 0) => (x === null ? 'n/a' : x.toFixed(digits));
const { n, dims, runs } = config;
console.log(`TeaVec per browser engine: ${n} × ${dims}-d, HNSW cosine defaults, insert() one by one; `
  + `${os.cpus()[0]?.model} × ${os.cpus().length}, load average ${os.loadavg()[0].toFixed(1)}`);
console.log(`| engine | kernels | insert cold ms | insert warm ms (fastest of runs 2–${runs}) | warm vectors/s | every run, ms `
  + '| search p50 µs | toBytes ms | fromBytes ms | IndexedDB save ms | load ms | same answers after load | µs timers '
  + '| snapshot SHA-256 |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.engine} | ${r.kernels} | ${f(r.coldMs)} | ${f(r.warmMs)} | ${r.warmMs ? f(n / r.warmMs * 1000) : 'n/a'} `
    + `| ${r.insertMs.map((x) => f(x)).join(' ')} `
    + `| ${f(r.searchP50Us)} | ${f(r.toBytesMs, 1)} | ${f(r.fromBytesMs, 1)} | ${f(r.saveMs)} | ${f(r.loadMs)} `
    + `| ${r.sameAfterLoad ? 'yes' : 'NO'} | ${r.isolated ? 'yes' : 'no'} | ${r.snapshotSha256.slice(0, 12)} |`);
}
const hashes = new Set(rows.map((r) => r.snapshotSha256));
console.log(`snapshots (${rows[0]?.snapshotBytes} bytes): ${hashes.size === 1 ? 'byte-identical across every engine and kernel set'
  : `${hashes.size} different ones`}`);
const json = arg('--json');
if (json) await writeFile(json, JSON.stringify({ date: new Date().toISOString(), config, rows }, null, 2));
