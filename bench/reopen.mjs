// Reopen of a large database in Chromium (openDatabase: newest checkpoint + log replay) next to its floor: the
// time to merely read the same stored bytes (IndexedDB getAll in one transaction; OPFS sync access handle reads)
// with nothing decoded. Not a test: prints figures. The databases are built once into a kept Chromium profile
// (served from a fixed port: storage belongs to the origin), so later runs only reopen.
//   node bench/reopen.mjs [--n 100000] [--dims 768] [--tail 1000] [--storages indexeddb,opfs] [--kinds sq8,none]
//     [--runs 3] [--profile-dir /tmp/teavec-reopen-profile] [--port 8791] [--cpu-profile out-prefix] [--rebuild]
//     [--dist dir[,dir2]] (other builds of npm-package/dist, e.g. one whose wasm keeps function names for profiles;
//     several: each run reopens with each, alternating, so that a before/after comparison sees the same load)
import { mkdirSync, rmSync, writeFileSync, readdirSync, readFileSync } from 'node:fs';
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
const N = Number(arg('--n', '100000'));
const DIMS = Number(arg('--dims', '768'));
const TAIL = Number(arg('--tail', '1000'));
const STORAGES = arg('--storages', 'indexeddb,opfs').split(',');
const KINDS = arg('--kinds', 'sq8,none').split(',');
const RUNS = Number(arg('--runs', '3'));
const PROFILE_DIR = arg('--profile-dir', join(os.tmpdir(), 'teavec-reopen-profile'));
const PORT = Number(arg('--port', '8791'));
const CPU_PROFILE = arg('--cpu-profile', '');
const DISTS = arg('--dist', join(here, '..', 'npm-package', 'dist')).split(',');
const log = (...a) => console.error('[reopen]', ...a);
const f = (x, d = 0) => (x === undefined || x === null ? 'n/a' : x.toFixed(d));

if (process.argv.includes('--rebuild')) rmSync(PROFILE_DIR, { recursive: true, force: true });
mkdirSync(PROFILE_DIR, { recursive: true });
const mounts = { '/': join(here, 'pages'), '/lib/': join(here, 'lib'), '/teavec/': DISTS[0] };
const server = await startStaticServer({ port: PORT, mounts }); // mounts are looked up per request: switchable
const rows = [];

/**
 * CPU ticks (user + system, 10 ms each) used so far by each process of the Chromium on PROFILE_DIR (its process
 * group: browser, renderers, storage service), by pid. On a loaded machine wall time mostly measures the other
 * processes; CPU time compares builds more fairly (Linux /proc).
 */
function chromiumTicks() {
  const procs = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  const stat = (pid) => {
    try {
      const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return s.slice(s.lastIndexOf(')') + 2).split(' ');
    } catch { return null; }
  };
  let group = null;
  for (const pid of procs) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(`--user-data-dir=${PROFILE_DIR}`)) {
        const st = stat(pid);
        if (st && Number(st[2]) === Number(pid)) group = Number(pid); // the group leader: the browser
      }
    } catch { /* gone */ }
  }
  const ticks = new Map();
  for (const pid of procs) {
    const st = stat(pid);
    if (st && Number(st[2]) === group) ticks.set(pid, Number(st[11]) + Number(st[12]));
  }
  return ticks;
}

/** CPU ms since `before` (chromiumTicks()): processes that exited meanwhile are left out, new ones counted whole. */
function cpuMsSince(before) {
  let ticks = 0;
  for (const [pid, t] of chromiumTicks()) ticks += t - (before.get(pid) ?? 0);
  return ticks * 10;
}
let chrome = await launchKillableChromium(PROFILE_DIR);
try {
  const version = chrome.browser.version();
  let page;
  const fresh = async () => {
    await page?.close();
    page = await chrome.context.newPage();
    await page.goto(`${server.url}/reopen.html`);
    await page.waitForFunction(() => window.reopenBenchReady === true);
  };
  const run = (where, fn, ...args) => page.evaluate(([w, fn2, a]) => window.reopenBench[w](fn2, ...a), [where, fn, args]);
  const where = (storage) => (storage === 'opfs' ? 'worker' : 'page');
  await fresh();
  for (const storage of STORAGES) {
    for (const kind of KINDS) {
      const name = `reopen-${N}-${DIMS}-${kind}`;
      if (!await run(where(storage), 'exists', storage, name)) {
        log(`building ${name} on ${storage} (once; kept in ${PROFILE_DIR})`);
        const t = performance.now();
        const built = await run(where(storage), 'build', storage, name, { n: N, dims: DIMS, quantization: kind, tail: TAIL });
        log(`built in ${f((performance.now() - t) / 1000, 1)} s`, JSON.stringify(built));
        // A restarted browser: nothing of the build is left in any cache of this process.
        await chrome.kill();
        chrome = await launchKillableChromium(PROFILE_DIR);
        page = null;
        await fresh();
      }
      for (let r = 0; r < RUNS; r++) for (const dist of DISTS) {
        mounts['/teavec/'] = dist;
        await fresh();
        let cpu = chromiumTicks();
        const floor = await run(where(storage), storage === 'opfs' ? 'opfsFloor' : 'idbFloor', name);
        floor.cpuMs = cpuMsSince(cpu);
        await fresh();
        let cdp = null;
        if (CPU_PROFILE && r === RUNS - 1) {
          cdp = await chrome.context.newCDPSession(page);
          await cdp.send('Profiler.enable');
          await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
          await cdp.send('Profiler.start');
        }
        cpu = chromiumTicks();
        const reopen = await run(where(storage), 'reopen', storage, name);
        reopen.cpuMs = cpuMsSince(cpu);
        if (cdp) {
          const { profile } = await cdp.send('Profiler.stop');
          const file = `${CPU_PROFILE}-${storage}-${kind}-${DISTS.indexOf(dist)}.cpuprofile`;
          writeFileSync(file, JSON.stringify(profile));
          log(`cpu profile → ${file}`);
        }
        log(storage, kind, DISTS.length > 1 ? dist : '', `reopen ${f(reopen.ms)} ms, floor ${f(floor.ms)} ms (${floor.bytes} B)`, JSON.stringify(reopen.phases));
        rows.push({ storage, kind, reopen, floor, dist });
      }
    }
  }
  console.log(`Reopen of ${N} × ${DIMS} (HNSW ef_construction 16, two checkpoints, a tail of ${TAIL} upserts in the log), `
    + `Chromium ${version}, ${os.cpus()[0]?.model} × ${os.cpus().length}, load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  console.log('| storage | vectors | build | reopen ms | floor ms (read the bytes only) | reopen ÷ floor | reopen CPU ms | floor CPU ms | CPU ratio | MB read | phases ms |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const { storage, kind, reopen, floor, dist } of rows) {
    console.log(`| ${storage} | ${kind === 'sq8' ? 'SQ8' : 'float32'} | ${dist.split('/').slice(-2).join('/')} | ${f(reopen.ms)} | ${f(floor.ms)} | ${f(reopen.ms / floor.ms, 2)}× | ${f(reopen.cpuMs)} | ${f(floor.cpuMs)} | ${f(reopen.cpuMs / floor.cpuMs, 2)}× `
      + `| ${f(floor.bytes / 1e6, 1)} | ${Object.entries(reopen.phases ?? {}).map(([k, v]) => `${k} ${f(v)}`).join(', ')} |`);
  }
} finally {
  await chrome.kill();
  await server.close();
}
