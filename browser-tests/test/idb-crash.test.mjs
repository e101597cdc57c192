// Crash safety of the IndexedDB snapshot store: a page saves a changing payload in a loop and is torn down at
// random moments. After every crash a fresh page must load exactly the last acknowledged save or the one in
// flight, byte for byte; never a mix, never older.
// The crash kinds are those the engine's driver allows (drivers/engines.mjs, `can.crashKinds`):
//   page close      the tab is closed (every engine);
//   renderer crash  Chromium: CDP Page.crash; Firefox: SIGKILL of its web content processes;
//   browser kill    the whole browser SIGKILLed and started again on the same profile: Chromium and Firefox.
// WebKitGTK gets page closes only: MiniBrowser in automation mode keeps website data in memory, so nothing
// survives a browser kill, and WebKitWebDriver deletes the session (and the browser) when a web process dies. The
// test says so in its output.
// A save is acknowledged when the page has told this test over HTTP (the page awaits the answer before it goes
// on), the same way in every engine.
// Seeded: TEAVEC_SEED=<n> repeats a run; TEAVEC_CRASHES=<n> changes the count (default: 120 in Chromium, 30 in the
// other engines, which keeps `make test` within its time budget); TEAVEC_CRASH_KINDS='browser kill' (a comma list)
// limits the kinds, to repeat one cheaply in a loop. TEAVEC_CRASH_EVIDENCE=<dir> keeps a copy of the origin's
// IndexedDB files as every browser kill left them (<dir>/last-kill) and moves it to <dir>/loss-<seed>-<round> when a
// save is lost (docs/indexeddb.md, "The lost acknowledged save"). TEAVEC_CRASH_TEAR_ROUNDS=<n,n...> (Chromium) tears
// the LevelDB log after the browser kills of those rounds, as a kill landing inside LevelDB's writes does, to
// exercise the STORAGE_LOST path.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { leveldbLogTail, listFiles, startPagesServer, tearLeveldbLog } from './idb-helpers.mjs';
import { descendants } from '../drivers/processes.mjs';
import { ENGINE, engine, launch } from '../drivers/engines.mjs';
import { rng } from '../../npm-package/test/random.js';

const SEED = Number(process.env.TEAVEC_SEED ?? (Date.now() % 2147483647));
const CRASHES = Number(process.env.TEAVEC_CRASHES ?? (ENGINE === 'chromium' ? 120 : 30));
const NAME = 'crash-test';
// Sizes and chunking make one save a few dozen transactions, so crashes land in every step of the protocol.
const MIN_BYTES = 1;
const MAX_BYTES = 1536 * 1024;
const CHUNK_BYTES = 64 * 1024;
const MAX_DELAY_MS = 700;
// The page waits this long between a save's commit and its acknowledgement, so that enough crashes land in that
// window (the load must then return the save in flight) even in the engines with fewer rounds.
const ACK_DELAY_MS = 30;
// The fewest crashes for which the test checks that they landed in every step of a save.
const SPREAD_CHECK_MIN_CRASHES = 30;
// How often each kind of crash is chosen, among the kinds the engine allows.
const WEIGHTS = { 'page close': 0.6, 'renderer crash': 0.3, 'browser kill': 0.1 };
const ONLY = process.env.TEAVEC_CRASH_KINDS?.split(',').map((k) => k.trim()).filter(Boolean);
for (const kind of ONLY ?? []) {
  if (!WEIGHTS[kind]) throw new Error(`TEAVEC_CRASH_KINDS: unknown kind '${kind}', expected ${Object.keys(WEIGHTS).join(', ')}`);
}
const KINDS = engine.can.crashKinds.filter((kind) => !ONLY || ONLY.includes(kind));
if (KINDS.length === 0) throw new Error(`TEAVEC_CRASH_KINDS=${ONLY}: none of them is possible in ${engine.name}`);
const EVIDENCE = process.env.TEAVEC_CRASH_EVIDENCE;
const TEAR_ROUNDS = new Set((process.env.TEAVEC_CRASH_TEAR_ROUNDS ?? '').split(',').filter(Boolean).map(Number));
const PERSISTENT = KINDS.includes('browser kill');

let server;
let acks; // the acknowledgement endpoint: records (k, generation) before it answers
let onAck = () => {};
let profile;

before(async () => {
  server = await startPagesServer();
  acks = createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    onAck(Number(url.searchParams.get('k')), Number(url.searchParams.get('generation')));
    res.writeHead(204, { 'access-control-allow-origin': '*' });
    res.end();
  });
  await new Promise((resolve) => acks.listen(0, '127.0.0.1', resolve));
  if (PERSISTENT) profile = mkdtempSync(join(tmpdir(), `teavec-idb-crash-${ENGINE}-`));
});

after(async () => {
  await server?.close();
  acks?.closeAllConnections();
  await new Promise((resolve) => (acks ? acks.close(resolve) : resolve()));
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Picks a crash kind from `x` in [0, 1). */
function kindFor(x) {
  const total = KINDS.reduce((sum, kind) => sum + WEIGHTS[kind], 0);
  let at = x * total;
  for (const kind of KINDS) {
    at -= WEIGHTS[kind];
    if (at < 0) return kind;
  }
  return KINDS.at(-1);
}

/** Where the profile keeps the origins' IndexedDB files. */
function storageDir() {
  return ENGINE === 'chromium' ? join(profile, 'Default', 'IndexedDB') : join(profile, 'storage', 'default');
}

/** The state letter of a process (R, S, D, Z...) from /proc, or null once it is gone (reaped). */
function processState(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ')[0];
  } catch {
    return null;
  }
}

/**
 * SIGKILLs the browser and describes what the kill left: which of its processes still ran (not yet dead, not a
 * zombie) when kill() returned, and the origin's IndexedDB files. With TEAVEC_CRASH_EVIDENCE the files are also
 * copied, before the next browser can touch them.
 */
async function killBrowser(browser, round, lastAckAt) {
  const processes = descendants(process.pid);
  const killedAt = Date.now();
  await browser.kill();
  if (TEAR_ROUNDS.has(round)) {
    const log = listFiles(storageDir()).map((line) => line.split(' ')[0]).find((f) => /\.leveldb\/\d+\.log$/.test(f));
    if (log) tearLeveldbLog(join(storageDir(), dirname(log)));
  }
  const running = processes.map((p) => ({ ...p, state: processState(p.pid) }))
    .filter((p) => p.state !== null && p.state !== 'Z')
    .map((p) => `${p.pid} ${p.state} ${p.args.find((a) => a.startsWith('--utility-sub-type=')) ?? p.args.find((a) => a.startsWith('--type=')) ?? p.args[0]}`);
  const files = listFiles(storageDir());
  // Chromium only: leveldb logs that end inside a record (the kill landed within leveldb's writes).
  const tornLogs = ENGINE !== 'chromium' ? [] : files.map((line) => line.split(' ')[0])
    .filter((path) => /\.leveldb\/\d+\.log$/.test(path))
    .map((path) => ({ path, ...leveldbLogTail(join(storageDir(), path)) }))
    .filter((log) => log.tornAt !== null);
  const report = {
    round, msFromLastAckToKill: lastAckAt ? killedAt - lastAckAt : null, msToKill: Date.now() - killedAt, running,
    tornLogs, files,
  };
  if (EVIDENCE) {
    const copy = join(EVIDENCE, 'last-kill');
    rmSync(copy, { recursive: true, force: true });
    mkdirSync(copy, { recursive: true });
    if (existsSync(storageDir())) cpSync(storageDir(), join(copy, 'IndexedDB'), { recursive: true });
    writeFileSync(join(copy, 'kill.json'), JSON.stringify(report, null, 2));
  }
  return report;
}

async function startBrowser() {
  const browser = await launch(PERSISTENT ? { profileDir: profile } : {});
  // Without a persistent profile the storage lives as long as this one context (WebKit: one MiniBrowser).
  const context = PERSISTENT ? browser.defaultContext() : await browser.newContext();
  return { browser, context };
}

async function openStorePage(context) {
  const page = await context.newPage();
  await page.goto(`${server.url}/idb.html`);
  await page.waitForFunction(() => window.idbTest !== undefined, undefined, { timeout: 10_000 });
  await page.evaluate(() => window.idbTest.ready);
  await page.evaluate(({ url, delay }) => {
    window.__ack = async (k, generation) => {
      await new Promise((resolve) => setTimeout(resolve, delay));
      await fetch(`${url}/?k=${k}&generation=${generation}`, { cache: 'no-store' });
    };
  }, { url: `http://127.0.0.1:${acks.address().port}`, delay: ACK_DELAY_MS });
  return page;
}

const TITLE = `crashes (${KINDS.join(', ')}) at ${CRASHES} random moments of saves never yield a corrupt or lost generation`;

test(TITLE, async (t) => {
  t.diagnostic(`seed ${SEED} (repeat with TEAVEC_SEED=${SEED}); crash kinds in ${engine.name}: ${KINDS.join(', ')}`);
  for (const kind of Object.keys(WEIGHTS).filter((k) => !KINDS.includes(k))) {
    t.diagnostic(`no ${kind} in ${engine.name}: its driver cannot do it and keep the website data (drivers/engines.mjs)`);
  }
  console.log(`idb-crash: seed ${SEED}`);
  const next = rng(SEED); // places the crashes
  let { browser, context } = await startBrowser();
  let acked = 0; // the newest save k known to be complete (0: none yet)
  let lastCrash = 'none'; // how the previous round ended, for the failure message
  let lastKill = null; // what the last browser kill left (killBrowser)
  let lastAckAt = 0;
  let tornKillRounds = []; // rounds whose browser kill left a torn LevelDB log, since the last reported loss
  let lossReported = false; // a STORAGE_LOST report stands (nothing saved since)
  const tally = {
    close: 0, rendererCrash: 0, browserKill: 0, killsLeavingProcesses: 0, killsTearingTheLog: 0, storageLostReported: 0, loadedAcked: 0,
    loadedInFlight: 0, savesAcked: 0, partialSavesSeen: 0,
  };
  try {
    for (let round = 0; round <= CRASHES; round++) {
      let alive = true;
      let ackedThisRound = acked;
      onAck = (k) => {
        if (alive) {
          ackedThisRound = Math.max(ackedThisRound, k);
          lastAckAt = Date.now();
          tally.savesAcked++;
        }
      };
      const page = await openStorePage(context).catch((e) => {
        throw new Error(`no page opened (seed ${SEED}, round ${round}, after ${lastCrash}): ${e.message}`, { cause: e });
      });
      // The store opens first: Chromium reports data it discarded to the first open after it only.
      const loaded = await page.evaluate((name) => window.idbTest.load(name), NAME);
      const stored = await page.evaluate((name) => window.idbTest.raw.inspect(name), NAME);
      if (stored?.chunkGenerations.some((g) => !stored.manifests.includes(g))) tally.partialSavesSeen++;
      const where = `seed ${SEED}, round ${round}, acked k=${acked}, after ${lastCrash}`;
      const lost = !loaded.ok && loaded.error.code === 'STORAGE_LOST';
      assert.ok(loaded.ok || lost, `load failed (${where}): ${JSON.stringify(loaded.error)}`);
      const describeLoss = async () => {
        // Which databases the origin still has tells a lost generation from storage the browser dropped.
        const databases = await page.evaluate(async () => (await indexedDB.databases()).map((d) => `${d.name}@${d.version}`));
        const evidence = { databases, lastKill, tornKillRounds, filesNow: PERSISTENT ? listFiles(storageDir()) : null };
        if (EVIDENCE && lastCrash === 'browser kill') {
          const kept = join(EVIDENCE, `loss-${SEED}-${round}`);
          renameSync(join(EVIDENCE, 'last-kill'), kept);
          if (existsSync(storageDir())) cpSync(storageDir(), join(kept, 'IndexedDB-after-reopen'), { recursive: true });
          writeFileSync(join(kept, 'loss.json'), JSON.stringify({ where, loaded, ...evidence }, null, 2));
        }
        return JSON.stringify(evidence);
      };
      if (lost) {
        // Chromium discarded the origin's IndexedDB and the store reported it (docs/indexeddb.md, "The lost
        // acknowledged save"). Allowed only as that known mechanism: right after a browser kill, with an earlier
        // kill (since the last loss) having torn Chromium's LevelDB log. The report stands until a save, so it
        // is counted once.
        if (acked > 0 || !lossReported) {
          tally.storageLostReported++;
          const evidence = await describeLoss();
          assert.equal(lastCrash, 'browser kill', `STORAGE_LOST without a browser kill (${where}): ${evidence}`);
          assert.ok(tornKillRounds.length > 0,
            `STORAGE_LOST, but no kill since the last loss tore the LevelDB log: another cause (${where}): ${evidence}`);
          console.log(`idb-crash: STORAGE_LOST reported (${where}); log torn by the kills of rounds ${tornKillRounds}`);
        }
        lossReported = true;
        tornKillRounds = [];
        acked = 0;
        ackedThisRound = 0;
      } else if (acked === 0 && loaded.empty) {
        // Nothing acknowledged and nothing committed yet: fine.
      } else {
        if (loaded.empty) assert.fail(`an acknowledged save was lost (${where}): ${await describeLoss()}`);
        assert.ok(loaded.intact, `corrupt load: bytes do not match save k=${loaded.k} (${where})`);
        assert.deepEqual(loaded.skipped, [], `a newer generation failed to verify (${where})`);
        assert.ok(loaded.k === acked || loaded.k === acked + 1,
          `loaded save k=${loaded.k}, expected ${acked} (acknowledged) or ${acked + 1} (in flight) (${where})`);
        if (loaded.k === acked) tally.loadedAcked++;
        else tally.loadedInFlight++;
        acked = loaded.k;
        ackedThisRound = acked;
      }
      if (round === CRASHES) {
        // One clean save removes what the crashed ones left behind and keeps two generations.
        const saved = await page.evaluate(({ name, k }) => window.idbTest.save(name, k, 4096), { name: NAME, k: acked + 1 });
        assert.ok(saved.ok, JSON.stringify(saved.error));
        const after = await page.evaluate((name) => window.idbTest.raw.inspect(name), NAME);
        // Two generations, unless storage the browser discarded left none before this save.
        assert.equal(after.manifests.length, Math.min(2, (stored?.manifests.length ?? 0) + 1), JSON.stringify(after));
        assert.deepEqual(after.chunkGenerations, after.manifests, 'no chunks of uncommitted saves remain');
        await page.close();
        break;
      }

      await page.start(({ name, from, min, max, chunk }) => window.idbTest.saveLoop(name, from, min, max, chunk),
        { name: NAME, from: acked + 1, min: MIN_BYTES, max: MAX_BYTES, chunk: CHUNK_BYTES });
      await sleep(Math.floor(next() * MAX_DELAY_MS));
      lastCrash = kindFor(next());
      if (lastCrash === 'page close') {
        tally.close++;
        await page.close();
      } else if (lastCrash === 'renderer crash') {
        tally.rendererCrash++;
        await browser.crashRenderer(page);
        await page.close().catch(() => {});
      } else {
        tally.browserKill++;
        lastKill = await killBrowser(browser, round, lastAckAt);
        if (lastKill.running.length > 0) tally.killsLeavingProcesses++;
        if (lastKill.tornLogs.length > 0) {
          tally.killsTearingTheLog++;
          tornKillRounds.push(round);
        }
        ({ browser, context } = await startBrowser());
      }
      alive = false;
      acked = ackedThisRound;
    }
  } finally {
    await browser.close();
  }
  t.diagnostic(JSON.stringify(tally));
  console.log('idb-crash:', JSON.stringify(tally));
  assert.equal(tally.close + tally.rendererCrash + tally.browserKill, CRASHES);
  // Whether the crashes hit every step of a save: a statistical check, meaningful from a few dozen crashes on (a
  // short loop of TEAVEC_CRASHES=8 on a loaded box may miss a window).
  if (CRASHES < SPREAD_CHECK_MIN_CRASHES) {
    t.diagnostic(`crash spread not checked: fewer than ${SPREAD_CHECK_MIN_CRASHES} crashes`);
    return;
  }
  assert.ok(tally.savesAcked > CRASHES / 4, 'saves completed between crashes, so crashes hit real saves');
  assert.ok(tally.loadedInFlight > 0, 'some crashes came after a commit but before its acknowledgement');
  assert.ok(tally.partialSavesSeen > 0, 'some crashes came in the middle of writing chunks');
});
