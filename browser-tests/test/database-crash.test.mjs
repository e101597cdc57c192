// Crash safety of a database opened by name, in the browser of TEAVEC_ENGINE (drivers/engines.mjs): a writer makes
// awaited changes (upserts, updates, deletes, collection metadata changes, checkpoints racing them), each
// acknowledged to this test over HTTP once its promise resolved, and is torn down at random moments: the tab
// closed, its renderer crashed, or the whole browser SIGKILLed on its disk profile — the kinds the engine's driver
// allows (`can.crashKinds`: all three in Chromium and Firefox, page close in WebKitGTK, whose automation session
// keeps website data in memory). After each crash a fresh page reopens the database: it must hold exactly the
// state after the last acknowledged change or after the one in flight (never less, never a half-applied change)
// and pass checkIntegrity. IndexedDB in the page, OPFS in a dedicated worker.
// Seeded: TEAVEC_SEED=<n> repeats a run; TEAVEC_CRASHES=<n> changes the count per storage (default 40 in Chromium,
// 12 in the other engines, for the time budget).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startPagesServer } from './idb-helpers.mjs';
import { ENGINE, engine, launch } from '../drivers/engines.mjs';
import { rng } from '../../npm-package/test/random.js';

const SEED = Number(process.env.TEAVEC_SEED ?? (Date.now() % 2147483647));
const CRASHES = Number(process.env.TEAVEC_CRASHES ?? (ENGINE === 'chromium' ? 40 : 12));
const MAX_DELAY_MS = 600;
const WEIGHTS = { 'page close': 0.5, 'renderer crash': 0.35, 'browser kill': 0.15 };
const KINDS = engine.can.crashKinds.map((kind) => [kind, WEIGHTS[kind]]);
const PERSISTENT = engine.can.crashKinds.includes('browser kill');

let server;
let acks;
let onAck = () => {};
let profile;

before(async () => {
  server = await startPagesServer();
  acks = createServer((req, res) => {
    onAck(Number(new URL(req.url, 'http://127.0.0.1').searchParams.get('k')));
    res.writeHead(204, { 'access-control-allow-origin': '*' });
    res.end();
  });
  await new Promise((resolve) => acks.listen(0, '127.0.0.1', resolve));
  if (PERSISTENT) profile = mkdtempSync(join(tmpdir(), 'teavec-db-crash-'));
});

after(async () => {
  await server?.close();
  acks?.closeAllConnections();
  await new Promise((resolve) => (acks ? acks.close(resolve) : resolve()));
  if (profile) rmSync(profile, { recursive: true, force: true });
});

function kindFor(x) {
  let at = x * KINDS.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [kind, weight] of KINDS) {
    at -= weight;
    if (at < 0) return kind;
  }
  return KINDS.at(-1)[0];
}

async function openCrashPage(context) {
  const page = await context.newPage();
  await page.goto(`${server.url}/database-crash.html`);
  await page.waitForFunction(() => window.dbCrash !== undefined, undefined, { timeout: 10_000 });
  await page.evaluate(() => window.dbCrash.ready);
  return page;
}

for (const storage of ['indexeddb', 'opfs']) {
  test(`${storage}: ${CRASHES} crashes (${engine.can.crashKinds.join(', ')}) in ${engine.name} never lose an acknowledged change`,
    async (t) => {
      const seed = SEED + (storage === 'opfs' ? 1 : 0);
      t.diagnostic(`seed ${seed} (repeat with TEAVEC_SEED=${SEED})`);
      const name = `crash-${storage}`;
      const next = rng(seed);
      let browser = await launch(PERSISTENT ? { profileDir: profile } : {});
      // Without a persistent profile the storage lives as long as this one context.
      let context = PERSISTENT ? browser.defaultContext() : await browser.newContext();
      let acked = 0;
      const tally = { 'page close': 0, 'renderer crash': 0, 'browser kill': 0, atAcked: 0, inFlight: 0, changesAcked: 0, replayed: 0 };
      try {
        for (let round = 0; round <= CRASHES; round++) {
          let alive = true;
          let ackedThisRound = acked;
          onAck = (k) => {
            if (alive && k > ackedThisRound) {
              ackedThisRound = k;
              tally.changesAcked++;
            }
          };
          const page = await openCrashPage(context);
          const where = `seed ${seed}, round ${round}, acknowledged ${acked}`;
          const found = await page.evaluate(([s, n, st, from, to]) => window.dbCrash.check(s, n, st, from, to),
            [seed, name, storage, acked, acked + 1]);
          if (storage === 'opfs' && !engine.can.opfsSyncHandles) {
            assert.match(found.message ?? '', /NOT_SUPPORTED .*FileSystemSyncAccessHandle/, 'where OPFS sync handles are missing the library says so');
            t.skip(`${engine.name} has no FileSystemSyncAccessHandle in workers: opening is NOT_SUPPORTED (asserted)`);
            return;
          }
          assert.ok(found.ok, `${where}: ${found.message}`);
          if (found.m === acked) tally.atAcked++;
          else tally.inFlight++;
          tally.replayed += found.recovery.replayed;
          acked = found.m;
          ackedThisRound = acked;
          if (round === CRASHES) {
            await page.close();
            break;
          }
          await page.evaluate(([s, n, st, from, url]) => { window.dbCrash.start(s, n, st, from, url); },
            [seed, name, storage, acked, `http://127.0.0.1:${acks.address().port}/`]);
          await sleep(Math.floor(next() * MAX_DELAY_MS));
          const kind = kindFor(next());
          tally[kind]++;
          if (kind === 'page close') {
            await page.close();
          } else if (kind === 'renderer crash') {
            await browser.crashRenderer(page);
            await page.close().catch(() => {});
          } else {
            await browser.kill();
            browser = await launch({ profileDir: profile });
            context = browser.defaultContext();
          }
          alive = false;
          acked = ackedThisRound;
        }
      } finally {
        await browser.close();
      }
      t.diagnostic(JSON.stringify(tally));
      console.log(`database-crash ${storage}:`, JSON.stringify(tally));
      assert.ok(tally.changesAcked > CRASHES, 'changes completed between crashes, so crashes hit a working writer');
      assert.ok(tally.inFlight > 0, 'some crashes came after a change was durable but before its acknowledgement');
    });
}

test(`two tabs in ${engine.name}: a follower applies the writer's changes as they become durable; the writer tab closed mid-write loses nothing`,
  async (t) => {
    const seed = SEED + 2;
    t.diagnostic(`seed ${seed}`);
    const name = 'two-tabs';
    const browser = await launch(PERSISTENT ? { profileDir: profile } : {});
    const context = PERSISTENT ? browser.defaultContext() : await browser.newContext();
    let acked = 0;
    let writing = true;
    onAck = (k) => { if (writing) acked = Math.max(acked, k); };
    try {
      const writer = await openCrashPage(context);
      await writer.evaluate(([s, n, url]) => { window.dbCrash.start(s, n, 'indexeddb', 0, url); },
        [seed, name, `http://127.0.0.1:${acks.address().port}/`]);
      while (acked < 20) await sleep(20);
      const reader = await openCrashPage(context);
      assert.equal(await reader.evaluate((n) => window.dbCrash.follow(n, 'indexeddb'), name), true, 'the second tab opens read-only');
      const start = await reader.evaluate(([s, upTo]) => window.dbCrash.followed(s, upTo), [seed, acked + 1]);
      assert.ok(start >= 20, `the follower starts from what is durable (${start})`);
      const target = acked + 30;
      while (acked < target) await sleep(20);
      let seen = -1;
      for (let i = 0; i < 100 && seen < target; i++) {
        seen = await reader.evaluate(([s, upTo]) => window.dbCrash.followed(s, upTo), [seed, acked + 1]);
        await sleep(20);
      }
      assert.ok(seen >= target, `the follower applied the writer's later changes (${start} → ${seen}, writer at ${acked})`);
      await writer.close();
      writing = false;
      const after = await reader.evaluate(([s, upTo]) => window.dbCrash.followed(s, upTo), [seed, acked + 1]);
      assert.ok(after >= seen && after <= acked + 1, `the follower holds a prefix (${after}) after the writer tab closed at ${acked}`);
      const check = await (await openCrashPage(context)).evaluate(([s, n, from, to]) => window.dbCrash.check(s, n, 'indexeddb', from, to),
        [seed, name, acked, acked + 1]);
      assert.ok(check.ok, `a new writer tab (the lock is free again) finds every acknowledged change: ${check.message}`);
      t.diagnostic(`follower ${start} → ${seen}; writer closed at ${acked}; reopened at ${check.m}`);
    } finally {
      await browser.close();
    }
  });
