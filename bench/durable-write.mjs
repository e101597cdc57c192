// Durable single upsert of a note (384-d float32 vector + small metadata), p50/p99, TeaVec openDatabase next to
// PGlite 0.5.15 + pgvector 0.0.16 doing the same INSERT … ON CONFLICT on the same storage, and the storage's bare
// floor, interleaved call by call in the same run (not a test: prints figures, asserts nothing):
//   Node              TeaVec storage 'file'         PGlite data directory (NODEFS)     write + fdatasync of 1,642 B
//   Chromium page     TeaVec storage 'indexeddb'    PGlite idb://                      strict IndexedDB put of 1,642 B
//   Chromium worker   TeaVec storage 'opfs'         PGlite opfs-ahp:// (OpfsAhpFS)     sync access handle write + flush
// The floors are bench/wal.mjs's (lib/fsync-floor.mjs, pages/wal-bench.js). Then write amplification in Node
// (bytes the process wrote per upsert, /proc/self/io wchar, and the log/data growth on disk; bytes per
// checkpoint), and the reopen time (checkpoint + a log tail) of n × 768 databases, SQ8 and float32, in Node on
// files and in Chromium on IndexedDB (page reloaded between build and reopen).
//   node bench/durable-write.mjs [--n 500] [--warm 20] [--pglite-idb-n 100] [--reopen-n 20000] [--tail 1000] [--no-pglite]
//     [--skip node,chromium,write,reopen] [--json out.json] [--prefill 10000] [--sustained 500] [--dist path/to/teavec.js]
// --prefill: records stored in the TeaVec collection before the timed upserts (HNSW from 2,000 on; default 0: a
// flat collection, where no graph link is made or deferred). --sustained: after the interleaved run, that many
// upserts back to back and the wait until their deferred graph links are made (the CPU deferral moves, counted).
// --dist: the Node runs and the Chromium pages load another build of teavec.js (a before/after comparison).
import { mkdtempSync, rmSync, readdirSync, statSync, readFileSync, existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { startStaticServer } from '../scripts/static-server.mjs';
import { launchKillableChromium } from '../browser-tests/test/chromium-process.mjs';
import { bareFileAppender } from './lib/fsync-floor.mjs';
import {
  teavecNotes, pgliteNotes, interleavedCalls, buildForReopen, secondCheckpoint, timeReopen, sustainedUpserts,
} from './lib/durable-workload.js';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const N = Number(arg('--n', '500'));
// PGlite on IndexedDB takes ~0.3 s per insert here: fewer of them keep the default run short.
const PGLITE_IDB_N = Math.min(N, Number(arg('--pglite-idb-n', '100')));
const WARM = Number(arg('--warm', '20'));
const REOPEN_N = Number(arg('--reopen-n', '20000'));
const TAIL = Number(arg('--tail', '1000'));
const PGLITE = !process.argv.includes('--no-pglite');
const SKIP = new Set(arg('--skip', '').split(',').filter(Boolean));
const PREFILL = Number(arg('--prefill', '0'));
const SUSTAINED = Number(arg('--sustained', '0'));
const DIST = arg('--dist', null);
const FLOOR_BYTES = 1642;

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const stats = (ms) => ({ p50: pct(ms, 0.5), p99: pct(ms, 0.99), mean: ms.reduce((a, b) => a + b, 0) / ms.length });
const f = (x, digits = 2) => (x === undefined || x === null || Number.isNaN(x) ? 'n/a' : x.toFixed(digits));
const results = { date: new Date().toISOString(), config: { N, WARM, PGLITE_IDB_N, REOPEN_N, TAIL, PREFILL, SUSTAINED, DIST },
  write: [], amplification: [], reopen: [], sustained: [], pendingLinks: [] };
const log = (...a) => console.error('[durable-write]', ...a);

/** Bytes this process has passed to write(2) and friends so far (Linux). */
const wchar = () => Number(/wchar: (\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))[1]);

function duBytes(dir) {
  if (!existsSync(dir)) return 0;
  let sum = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    sum += entry.isDirectory() ? duBytes(p) : statSync(p).size;
  }
  return sum;
}

/** Bytes of the log segments in a database directory. */
const logBytes = (dir) => readdirSync(dir).filter((x) => x.endsWith('.log')).reduce((sum, x) => sum + statSync(join(dir, x)).size, 0);

function writeRows(where, run) {
  const floor = run.floor ? stats(run.floor) : null;
  const teavec = run.teavec ? stats(run.teavec) : null;
  for (const [name, label] of [['teavec', 'TeaVec'], ['pglite', 'PGlite + pgvector'], ['floor', run.floorLabel]]) {
    if (!run[name]) {
      if (run.errors?.[name]) results.write.push({ where, what: label, error: run.errors[name] });
      continue;
    }
    const s = stats(run[name]);
    results.write.push({ where, what: label, ...s, perFloor: floor && name !== 'floor' ? s.p50 / floor.p50 : null,
      perTeavec: teavec && name === 'pglite' ? s.p50 / teavec.p50 : null, note: run.notes?.[name] ?? '' });
  }
}

/** The write runs in Chromium: IndexedDB in the page, OPFS in a dedicated worker. */
async function chromiumWrites(run) {
  log('chromium: IndexedDB write run (page)');
  const idb = await run('page', 'writeRun', 'indexeddb', N, WARM, PGLITE, PGLITE_IDB_N, PREFILL, SUSTAINED);
  writeRows('Chromium page, IndexedDB', { ...idb, floorLabel: `bare strict-durability put of ${FLOOR_BYTES} B`,
    notes: { pglite: PGLITE_IDB_N < N ? `its first ${PGLITE_IDB_N} rounds only (--pglite-idb-n)` : '' } });
  if (idb.pgliteCreateMs) log(`chromium: PGlite idb:// created in ${f(idb.pgliteCreateMs, 0)} ms`);
  log('chromium: OPFS write run (worker)');
  const opfs = await run('worker', 'writeRun', 'opfs', N, WARM, PGLITE, N, PREFILL, SUSTAINED);
  if (opfs.sustained) results.sustained.push({ where: 'Chromium worker, OPFS', ...opfs.sustained });
  if (idb.sustained) results.sustained.push({ where: 'Chromium page, IndexedDB', ...idb.sustained });
  results.pendingLinks.push({ where: 'Chromium page, IndexedDB', ...idb.pendingLinks }, { where: 'Chromium worker, OPFS', ...opfs.pendingLinks });
  writeRows('Chromium worker, OPFS', { ...opfs, floorLabel: `bare sync access handle write + flush of ${FLOOR_BYTES} B` });
  if (opfs.teavecSpans) {
    results.opfsSpans = Object.fromEntries(Object.entries(opfs.teavecSpans).map(([k, v]) => [k, stats(v)]));
  }
  results.crossOriginIsolated = { indexeddb: idb.isolated, opfs: opfs.isolated };
  if (opfs.pgliteCreateMs) log(`chromium: PGlite opfs-ahp:// created in ${f(opfs.pgliteCreateMs, 0)} ms`);
}

const work = mkdtempSync(join(tmpdir(), 'teavec-durable-bench-'));
try {
  const teavecModule = await import(DIST ? pathToFileURL(resolvePath(DIST)).href : '../npm-package/dist/teavec.js');
  await teavecModule.default();
  const { openDatabase } = teavecModule;
  const { PGlite } = await import('@electric-sql/pglite');
  const { vector } = await import('@electric-sql/pglite-pgvector');

  if (!SKIP.has('node') && !SKIP.has('write')) {
    // Node: interleaved, with the bytes each contender's calls wrote counted around each call.
    log('node: write run');
    const teavecDir = join(work, 'teavec-notes');
    const teavec = await teavecNotes(openDatabase, teavecDir, { storage: 'file' }, PREFILL);
    const contenders = [['teavec', teavec.upsert]];
    let pglite = null;
    const errors = {};
    if (PGLITE) {
      try {
        pglite = await pgliteNotes(PGlite, vector, join(work, 'pglite-notes'));
        contenders.push(['pglite', pglite.upsert]);
        log(`node: PGlite created in ${f(pglite.createMs, 0)} ms`);
      } catch (e) {
        errors.pglite = `${e?.message ?? e}`;
      }
    }
    const floor = bareFileAppender(join(work, 'bare.log'), FLOOR_BYTES);
    contenders.push(['floor', floor.append]);
    const written = contenders.map(() => 0);
    const disk = { teavec: duBytes(teavecDir), pglite: duBytes(join(work, 'pglite-notes')) };
    let mark = 0;
    const pending = [];
    const ms = await interleavedCalls(N, WARM, contenders.map(([, fn]) => fn), async (i, when, measured) => {
      if (when === 'before') {
        mark = wchar();
        return;
      }
      if (contenders[i][0] === 'teavec') pending.push(teavec.db.stats.pendingLinks);
      if (measured) written[i] += wchar() - mark;
      // PGlite never syncs here: the next fdatasync (ext4 journal commit) would flush its dirty pages and the
      // next contender would pay for them. sync(1), outside every timer, writes them out first.
      if (contenders[i][0] === 'pglite') execFileSync('sync');
    });
    disk.teavec = duBytes(teavecDir) - disk.teavec;
    disk.pglite = duBytes(join(work, 'pglite-notes')) - disk.pglite;
    const run = { floorLabel: `bare write + fdatasync of ${FLOOR_BYTES} B`, errors,
      notes: { pglite: 'NODEFS never calls fsync/fdatasync (strace): not durable against power loss' } };
    contenders.forEach(([name], i) => { run[name] = ms[i]; });
    writeRows('Node, files', run);
    results.pendingLinks.push({ where: 'Node, files', max: Math.max(...pending), last: pending.at(-1) });
    if (SUSTAINED > 0) results.sustained.push({ where: 'Node, files', ...await sustainedUpserts(teavec, 100_000, SUSTAINED) });
    for (const [i, [name]] of contenders.entries()) {
      results.amplification.push({ where: 'Node', what: name, bytesPerUpsert: written[i] / N,
        diskGrowthPerUpsert: name === 'floor' ? FLOOR_BYTES : disk[name] / (N + WARM) });
    }
    // Bytes per checkpoint of this small database (N + WARM notes).
    let mark2 = wchar();
    let t = performance.now();
    await teavec.db.checkpoint();
    results.amplification.push({ where: 'Node', what: `TeaVec checkpoint of ${N + WARM} notes`, checkpointBytes: wchar() - mark2,
      checkpointMs: performance.now() - t, snapshotBytes: readdirSync(teavecDir).filter((x) => x.endsWith('.tvck'))
        .map((x) => statSync(join(teavecDir, x)).size).sort((a, b) => b - a)[0] });
    if (pglite) {
      mark2 = wchar();
      t = performance.now();
      await pglite.pg.exec('CHECKPOINT');
      results.amplification.push({ where: 'Node', what: `PGlite CHECKPOINT of ${N + WARM} notes`, checkpointBytes: wchar() - mark2,
        checkpointMs: performance.now() - t });
    }
    await teavec.close();
    await pglite?.close();
    floor.close();
  }

  if (!SKIP.has('node') && !SKIP.has('reopen')) {
    for (const quantization of ['sq8', 'none']) {
      log(`node: reopen build ${REOPEN_N} × 768 ${quantization}`);
      const dir = join(work, `reopen-${quantization}`);
      const before = wchar();
      const build = await buildForReopen(openDatabase, dir, { storage: 'file' }, { n: REOPEN_N, dims: 768, quantization, tail: TAIL });
      const first = await timeReopen(openDatabase, dir, { storage: 'file' });
      const logFirst = logBytes(dir);
      const second = await secondCheckpoint(openDatabase, dir, { storage: 'file' }, { n: REOPEN_N, dims: 768, tail: TAIL });
      const reopen = await timeReopen(openDatabase, dir, { storage: 'file' });
      // Of which: loading the checkpoint's snapshot alone (Database.fromBytes of the file after its 32-byte header).
      const newest = readdirSync(dir).filter((x) => x.endsWith('.tvck')).sort().at(-1);
      const snapshot = readFileSync(join(dir, newest)).subarray(32);
      const t = performance.now();
      teavecModule.Database.fromBytes(snapshot).free();
      reopen.fromBytesMs = performance.now() - t;
      results.reopen.push({ where: 'Node, files', quantization, n: REOPEN_N, tail: TAIL, ...build, ...reopen,
        firstMs: first.ms, logFirst, logSecond: logBytes(dir), snapshotBytes: snapshot.length, secondCheckpointMs: second.checkpointMs,
        bytesWrittenByBuild: wchar() - before });
      rmSync(dir, { recursive: true, force: true });
    }
  }

  if (!SKIP.has('chromium')) {
    const server = await startStaticServer({
      mounts: {
        '/': join(here, 'pages'),
        '/lib/': join(here, 'lib'),
        '/teavec/': DIST ? dirname(resolvePath(DIST)) : join(here, '..', 'npm-package', 'dist'),
        '/pglite/': join(here, 'node_modules', '@electric-sql', 'pglite', 'dist'),
        '/pgvector/': join(here, 'node_modules', '@electric-sql', 'pglite-pgvector', 'dist'),
      },
      // Cross-origin isolated: performance.now() steps by 5 µs instead of 100 µs, finer than the figures.
      headersFor: () => ({ 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' }),
    });
    const profile = mkdtempSync(join(tmpdir(), 'teavec-durable-bench-profile-'));
    const chrome = await launchKillableChromium(profile);
    try {
      results.chromium = chrome.browser.version();
      const page = await chrome.context.newPage();
      const open = async () => {
        await page.goto(`${server.url}/durable.html`);
        await page.waitForFunction(() => window.durableBenchReady === true);
      };
      await open();
      const run = (where, fn, ...args) => page.evaluate(([w, fn2, a]) => window.durableBench[w](fn2, ...a), [where, fn, args]);
      if (!SKIP.has('write')) await chromiumWrites(run);
      if (!SKIP.has('reopen')) {
        for (const quantization of ['sq8', 'none']) {
          log(`chromium: reopen build ${REOPEN_N} × 768 ${quantization} (IndexedDB)`);
          const name = `reopen-${quantization}`;
          const build = await run('page', 'reopenBuild', 'indexeddb', name, { n: REOPEN_N, dims: 768, quantization, tail: TAIL });
          await open(); // a fresh page: nothing of the build is left in memory
          const first = await run('page', 'reopenTime', 'indexeddb', name);
          const second = await run('page', 'reopenSecondCheckpoint', 'indexeddb', name, { n: REOPEN_N, dims: 768, tail: TAIL });
          await open();
          const reopen = { ...await run('page', 'reopenTime', 'indexeddb', name), firstMs: first.ms, secondCheckpointMs: second.checkpointMs };
          results.reopen.push({ where: 'Chromium, IndexedDB', quantization, n: REOPEN_N, tail: TAIL, ...build, ...reopen });
        }
      }
    } finally {
      await chrome.kill();
      await server.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const cpu = os.cpus()[0]?.model ?? 'CPU';
console.log(`Durable single upsert (384-d float32 + small metadata), ${N} awaited upserts after ${WARM} warm-up, `
  + `interleaved call by call with the other contenders and the bare floor; Node ${process.version}`
  + `${results.chromium ? `, Chromium ${results.chromium}` : ''}, ${cpu} × ${os.cpus().length}, load average `
  + `${os.loadavg().map((x) => x.toFixed(1)).join(' ')}.`);
console.log('| where | what | p50 ms | p99 ms | mean ms | p50 ÷ floor p50 | PGlite p50 ÷ TeaVec p50 | note |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of results.write) {
  if (r.error) console.log(`| ${r.where} | ${r.what} | failed: ${r.error} | | | | | |`);
  else console.log(`| ${r.where} | ${r.what} | ${f(r.p50, 3)} | ${f(r.p99, 3)} | ${f(r.mean, 3)} | ${r.perFloor ? `${f(r.perFloor)}×` : ''} | ${r.perTeavec ? `${f(r.perTeavec, 1)}×` : ''} | ${r.note ?? ''} |`);
}
if (results.opfsSpans) {
  const { before, io, after } = results.opfsSpans;
  console.log(`\nTeaVec on OPFS, one upsert split (p50 / p99 ms): before its write ${f(before.p50, 3)} / ${f(before.p99, 3)} `
    + `(in memory: index, record encoding), write + flush ${f(io.p50, 3)} / ${f(io.p99, 3)}, after the flush until `
    + `the caller resumes ${f(after.p50, 3)} / ${f(after.p99, 3)}`);
}
if (results.pendingLinks.length > 0) {
  console.log(`\nTeaVec stats.pendingLinks after each timed upsert (cap 1,024: above it a write links the oldest itself): ${results.pendingLinks
    .map((p) => `${p.where} max ${p.max}, last ${p.last}`).join('; ')}`);
}
if (results.sustained.length > 0) {
  console.log(`\nSustained TeaVec upserts (prefill ${PREFILL}): n back to back, then the wait until every deferred graph link was made`);
  console.log('| where | n | writes ms | writes + links ms | per upsert, writes + links ms | pending after the writes |');
  console.log('|---|---|---|---|---|---|');
  for (const r of results.sustained) {
    console.log(`| ${r.where} | ${r.n} | ${f(r.writesMs, 0)} | ${f(r.totalMs, 0)} | ${f(r.totalMs / r.n, 3)} | ${r.pendingAfterWrites} |`);
  }
}
if (results.amplification.length) {
  console.log('\nWrite amplification (Node): bytes the process passed to write(2) per upsert (/proc/self/io wchar), growth on disk per upsert, bytes per checkpoint');
  console.log('| what | written per upsert B | disk growth per upsert B | checkpoint: written B | snapshot B | ms |');
  console.log('|---|---|---|---|---|---|');
  for (const a of results.amplification) {
    console.log(`| ${a.what} | ${f(a.bytesPerUpsert, 0)} | ${f(a.diskGrowthPerUpsert, 0)} | ${f(a.checkpointBytes, 0)} | ${f(a.snapshotBytes, 0)} | ${f(a.checkpointMs, 1)} |`);
  }
}
if (results.reopen.length) {
  console.log(`\nReopen of n × 768, HNSW ef_construction 16: bulk adds (batches of 1,000), a first checkpoint, ${TAIL} single upserts; `
    + `reopened ("first"); a second checkpoint (which removes the log of the bulk adds: both checkpoints hold it), ${TAIL} more `
    + 'upserts; reopened ("steady": checkpoint + the tail). openDatabase timed with the log module already loaded (module ms: loading it)');
  console.log('| where | vectors | n | add ms | checkpoint ms (1st / 2nd) | tail ms | reopen, first checkpoint + whole log ms | reopen, steady ms '
    + '| of which the snapshot alone (fromBytes) ms | log bytes (first / steady) | snapshot bytes | module ms | recovered | query after |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results.reopen) {
    console.log(`| ${r.where} | ${r.quantization === 'sq8' ? 'SQ8' : 'float32'} | ${r.n} | ${f(r.addMs, 0)} | ${f(r.checkpointMs, 0)} / `
      + `${f(r.secondCheckpointMs, 0)} | ${f(r.tailMs, 0)} | ${f(r.firstMs, 0)} | **${f(r.ms, 0)}** | ${f(r.fromBytesMs, 0)} `
      + `| ${r.logFirst ?? 'n/a'} / ${r.logSecond ?? 'n/a'} | ${r.snapshotBytes ?? 'n/a'} | ${f(r.moduleMs, 0)} `
      + `| ${r.count} records, checkpoint seq ${r.recovery.checkpointSeq}, last ${r.recovery.lastSeq} | ${r.queryOk ? 'ok' : 'FAILED'} |`);
  }
}
const json = arg('--json');
if (json) await writeFile(json, JSON.stringify(results, null, 2));
