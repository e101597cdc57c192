// Durable single append to the write-ahead log (~1.6 KB: one 384-d float32 vector, a key and small metadata),
// next to the bare floor of each storage in the same run (not a test; prints figures):
//   Node files   TeaVec file log          vs  write + fdatasync of the same bytes
//   Chromium     TeaVec IndexedDB log     vs  a strict-durability put of the same bytes
//   Chromium     TeaVec OPFS log (worker) vs  sync access handle write + flush
// plus, for reference, what the main thread can do with OPFS (createWritable, append, close).
//   node bench/wal.mjs [--n 300] [--warm 20]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { startStaticServer } from '../scripts/static-server.mjs';
import { launchKillableChromium } from '../browser-tests/test/chromium-process.mjs';
import { bareFileAppender } from './lib/fsync-floor.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const N = Number(arg('--n', '300'));
const WARM = Number(arg('--warm', '20'));

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const stats = (ms) => ({ p50: pct(ms, 0.5), p99: pct(ms, 0.99), mean: ms.reduce((a, b) => a + b, 0) / ms.length });
const rows = [];
function row(where, what, ms, floor) {
  const s = stats(ms);
  rows.push(`| ${where} | ${what} | ${s.p50.toFixed(3)} | ${s.p99.toFixed(3)} | ${s.mean.toFixed(3)} | `
    + `${floor ? (s.p50 / stats(floor).p50).toFixed(2) + '×' : ''} |`);
}

const work = mkdtempSync(join(tmpdir(), 'teavec-wal-bench-'));
try {
  // Node: TeaVec's file log and the bare floor (the same fs calls the log makes: write, then fdatasync),
  // interleaved append by append so that both see the same moments of a shared disk.
  const { default: init, _openLogStorage: openLogStorage } = await import('../npm-package/dist/teavec.js');
  await init();
  const storage = await openLogStorage(join(work, 'node-log'), { storage: 'file' });
  await storage.recover();
  const writer = storage.writer();
  const vector = new Float32Array(384).map((_, d) => Math.sin(d));
  const recordBytes = 1642;
  const bare = bareFileAppender(join(work, 'bare.log'), recordBytes);
  const teavecMs = [];
  const bareMs = [];
  for (let i = -WARM; i < N; i++) {
    let t = performance.now();
    await writer.writeBatch('upsert', 'notes', { keys: [`note-${i}`], dimensions: 384, vectors: vector,
      metadata: [JSON.stringify({ title: `note ${i}`, tag: 'bench', at: 1700000000000 + i })] });
    if (i >= 0) teavecMs.push(performance.now() - t);
    t = performance.now();
    await bare.append();
    if (i >= 0) bareMs.push(performance.now() - t);
  }
  bare.close();
  await writer.close();
  const segments = (await (await openLogStorage(join(work, 'node-log'), { storage: 'file' })).readLog()).segments;
  const written = Math.round(segments.reduce((s, b) => s + b.length, 0) / (N + WARM));
  row('Node', 'bare write + fdatasync', bareMs);
  row('Node', `TeaVec file log (${written} B per record)`, teavecMs, bareMs);

  // Chromium on a disk-backed profile.
  const server = await startStaticServer({
    mounts: { '/': join(here, 'pages'), '/teavec/': join(here, '..', 'npm-package', 'dist') },
  });
  const profile = mkdtempSync(join(tmpdir(), 'teavec-wal-bench-profile-'));
  const chrome = await launchKillableChromium(profile);
  let version = '';
  try {
    version = chrome.browser.version();
    const page = await chrome.context.newPage();
    await page.goto(`${server.url}/wal.html`);
    await page.waitForFunction(() => window.walBenchReady === true);
    const run = (where, fn, ...args) => page.evaluate(([w, f, a]) => window.walBench[w](f, ...a), [where, fn, args]);
    const idb = await run('page', 'indexedDbRun', N, WARM, recordBytes);
    row('Chromium', 'bare strict IndexedDB put', idb.floor);
    row('Chromium', `TeaVec IndexedDB log (${idb.recordBytes} B per record)`, idb.teavec, idb.floor);
    const opfs = await run('worker', 'opfsRun', N, WARM, recordBytes);
    row('Chromium worker', 'bare OPFS sync handle write + flush', opfs.floor);
    row('Chromium worker', `TeaVec OPFS log (${opfs.recordBytes} B per record)`, opfs.teavec, opfs.floor);
    const writable = await run('page', 'writableRun', Math.min(N, 100), 5, recordBytes);
    row('Chromium main thread', 'OPFS createWritable + append + close (reference)', writable.ms, opfs.floor);
  } finally {
    await chrome.kill();
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }
  console.log(`Durable single append of one ${recordBytes}-byte log record (384-d float32 + key + metadata), `
    + `${N} awaited appends after ${WARM} warm-up, interleaved with the bare floor; Node ${process.version}, `
    + `Chromium ${version}, ${os.cpus()[0]?.model ?? 'CPU'} × ${os.cpus().length}, load average `
    + `${os.loadavg()[0].toFixed(1)}. Ratio: p50 ÷ bare p50 of the same storage.`);
  console.log('| where | what | p50 ms | p99 ms | mean ms | ratio |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
} finally {
  rmSync(work, { recursive: true, force: true });
}
