// Crash safety of the IndexedDB snapshot store: a page saves a changing payload in a loop and is torn down at
// random moments (tab closed, renderer crashed, whole browser SIGKILLed). After every crash a fresh page must
// load exactly the last acknowledged save or the one in flight, byte for byte; never a mix, never older.
// Seeded: TEAVEC_SEED=<n> repeats a run; TEAVEC_CRASHES=<n> changes the count (default 120).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { launchKillableChromium } from './chromium-process.mjs';
import { rng } from '../../npm-package/test/random.js';

const here = dirname(fileURLToPath(import.meta.url));
const SEED = Number(process.env.TEAVEC_SEED ?? (Date.now() % 2147483647));
const CRASHES = Number(process.env.TEAVEC_CRASHES ?? 120);
const NAME = 'crash-test';
// Sizes and chunking make one save a few dozen transactions, so crashes land in every step of the protocol.
const MIN_BYTES = 1;
const MAX_BYTES = 1536 * 1024;
const CHUNK_BYTES = 64 * 1024;
const MAX_DELAY_MS = 700;

let server;
let profile;

before(async () => {
  server = await startStaticServer({
    mounts: { '/': join(here, '..', 'pages'), '/teavec/': join(here, '..', '..', 'npm-package', 'dist') },
  });
  profile = mkdtempSync(join(tmpdir(), 'teavec-idb-crash-'));
});

after(async () => {
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

async function openStorePage(context, onAck) {
  const page = await context.newPage();
  await page.exposeBinding('__ack', (_source, k, generation) => onAck(k, generation));
  await page.goto(`${server.url}/idb.html`);
  await page.evaluate(() => window.idbTest.ready);
  return page;
}

test(`crashes at ${CRASHES} random moments of saves never yield a corrupt or lost generation`, async (t) => {
  t.diagnostic(`seed ${SEED} (repeat with TEAVEC_SEED=${SEED})`);
  console.log(`idb-crash: seed ${SEED}`);
  const next = rng(SEED); // places the crashes
  let chrome = await launchKillableChromium(profile);
  let acked = 0; // the newest save k known to be complete (0: none yet)
  let lastCrash = 'none'; // how the previous round ended, for the failure message
  const tally = {
    close: 0, rendererCrash: 0, browserKill: 0, loadedAcked: 0, loadedInFlight: 0, savesAcked: 0, partialSavesSeen: 0,
  };
  try {
    for (let round = 0; round <= CRASHES; round++) {
      let alive = true;
      let ackedThisRound = acked;
      const page = await openStorePage(chrome.context, (k) => {
        if (alive) {
          ackedThisRound = Math.max(ackedThisRound, k);
          tally.savesAcked++;
        }
      });
      const stored = await page.evaluate((name) => window.idbTest.raw.inspect(name), NAME);
      if (stored?.chunkGenerations.some((g) => !stored.manifests.includes(g))) tally.partialSavesSeen++;
      const loaded = await page.evaluate((name) => window.idbTest.load(name), NAME);
      const where = `seed ${SEED}, round ${round}, acked k=${acked}, after ${lastCrash}`;
      assert.ok(loaded.ok, `load failed (${where}): ${JSON.stringify(loaded.error)}`);
      if (acked === 0 && loaded.empty) {
        // Nothing acknowledged and nothing committed yet: fine.
      } else {
        if (loaded.empty) {
          // Which databases the origin still has tells a lost generation from storage the browser dropped.
          const databases = await page.evaluate(async () => (await indexedDB.databases()).map((d) => `${d.name}@${d.version}`));
          assert.fail(`an acknowledged save was lost (${where}); the origin's databases: ${JSON.stringify(databases)}`);
        }
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
        assert.equal(after.manifests.length, 2, JSON.stringify(after));
        assert.deepEqual(after.chunkGenerations, after.manifests, 'no chunks of uncommitted saves remain');
        await page.close();
        break;
      }

      page.evaluate(({ name, from, min, max, chunk }) => window.idbTest.saveLoop(name, from, min, max, chunk),
        { name: NAME, from: acked + 1, min: MIN_BYTES, max: MAX_BYTES, chunk: CHUNK_BYTES }).catch(() => {});
      await sleep(Math.floor(next() * MAX_DELAY_MS));
      const how = next();
      if (how < 0.6) {
        tally.close++;
        lastCrash = 'page close';
        await page.close();
      } else if (how < 0.9) {
        tally.rendererCrash++;
        lastCrash = 'renderer crash';
        const session = await chrome.context.newCDPSession(page);
        const crashed = page.waitForEvent('crash');
        session.send('Page.crash').catch(() => {});
        await crashed;
        await page.close().catch(() => {});
      } else {
        tally.browserKill++;
        lastCrash = 'browser SIGKILL';
        await chrome.kill();
        chrome = await launchKillableChromium(profile);
      }
      alive = false;
      acked = ackedThisRound;
    }
  } finally {
    await chrome.kill();
  }
  t.diagnostic(JSON.stringify(tally));
  console.log('idb-crash:', JSON.stringify(tally));
  assert.equal(tally.close + tally.rendererCrash + tally.browserKill, CRASHES);
  assert.ok(tally.savesAcked > CRASHES / 4, 'saves completed between crashes, so crashes hit real saves');
  assert.ok(tally.loadedInFlight > 0, 'some crashes came after a commit but before its acknowledgement');
  assert.ok(tally.partialSavesSeen > 0, 'some crashes came in the middle of writing chunks');
});
