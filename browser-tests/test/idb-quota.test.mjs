// Quota exhaustion in a real browser (TEAVEC_ENGINE): a small quota makes a save fail with QUOTA_EXCEEDED; the
// previous generation, the bytes in memory and the ability to save something smaller afterwards all survive.
// How the quota is made small depends on what the engine's driver can do:
//   Chromium: an origin quota over CDP (Storage.overrideQuotaForOrigin, set before the origin first stores);
//   Firefox: a browser of its own launched with dom.quotaManager.temporaryStorage.fixedLimit (a limit under
//     10 MB is also the origin group's limit), which makes Firefox report its own quota error;
//   WebKitGTK: WebKitWebDriver has no way to set a quota, and filling WebKit's default one (a share of the disk)
//     is not a test: these tests are reported as skipped with that reason.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { inPage, rawInPage, startPagesServer } from './idb-helpers.mjs';
import { ENGINE, engine, launch } from '../drivers/engines.mjs';

const MiB = 1024 * 1024;
const skip = engine.can.originQuota || engine.can.launchQuota ? false
  : `${engine.name}: ${engine.driver} cannot set a storage quota`;
let server;
let shared; // Chromium: one browser; each test sets its own origin quota in a fresh context

before(async () => {
  server = await startPagesServer();
  if (engine.can.originQuota) shared = await launch();
});

after(async () => {
  await shared?.close();
  await server?.close();
});

/** A store page whose origin may store at most about `quotaBytes`; resolves to { page, close }. */
async function pageWithQuota(quotaBytes) {
  let page;
  let close;
  if (engine.can.originQuota) {
    const context = await shared.newContext();
    const { setOriginQuota } = await import(`../drivers/${ENGINE}.mjs`);
    page = await setOriginQuota(context, new URL(server.url).origin, quotaBytes);
    close = () => context.close();
  } else {
    const browser = await launch({ quotaBytes });
    page = await browser.newPage();
    close = () => browser.close();
  }
  await page.goto(`${server.url}/idb.html`);
  await page.evaluate(() => window.idbTest.ready);
  return { page, close };
}

test('a save beyond the quota fails with QUOTA_EXCEEDED and loses nothing', { skip }, async () => {
  const { page, close } = await pageWithQuota(4 * MiB);
  const first = await inPage(page, 'save', 'quota', 1, MiB);
  assert.ok(first.ok, JSON.stringify(first.error));

  const failed = await page.evaluate(async () => {
    const { saveSnapshot } = await import('/teavec/teavec.js');
    const bytes = window.idbTest.payload(2, 8 * 1024 * 1024);
    const progress = [];
    try {
      await saveSnapshot('quota', bytes, { chunkBytes: 1024 * 1024, onProgress: (done) => progress.push(done) });
      return { ok: true };
    } catch (e) {
      return { ok: false, error: window.idbTest.errorInfo(e), progress, inMemory: window.idbTest.identify(bytes) };
    }
  });
  assert.equal(failed.ok, false, 'the 8 MiB save must not fit in a 4 MiB quota');
  assert.equal(failed.error.code, 'QUOTA_EXCEEDED', JSON.stringify(failed.error));
  assert.equal(failed.error.name, 'TeaVecError');
  assert.match(failed.error.message, /quota .*previously saved generation is intact/);
  assert.ok(failed.progress.length < 8, 'it failed part-way');
  assert.deepEqual(failed.inMemory, { k: 2, size: 8 * MiB, intact: true }, 'the caller\'s bytes are untouched');

  const loaded = await inPage(page, 'load', 'quota');
  assert.deepEqual([loaded.generation, loaded.k, loaded.intact, loaded.skipped], [1, 1, true, []]);
  const stored = await rawInPage(page, 'inspect', 'quota');
  assert.deepEqual([stored.manifests, stored.chunkGenerations], [[1], [1]], 'the partial chunks were discarded');

  const smaller = await inPage(page, 'save', 'quota', 3, MiB);
  assert.ok(smaller.ok, 'a save that fits works afterwards');
  assert.equal((await inPage(page, 'load', 'quota')).k, 3);
  await close();
});

test('a first save beyond the quota leaves nothing saved', { skip }, async () => {
  const { page, close } = await pageWithQuota(2 * MiB);
  const failed = await inPage(page, 'save', 'quota-first', 1, 6 * MiB, MiB);
  assert.equal(failed.ok, false);
  assert.equal(failed.error.code, 'QUOTA_EXCEEDED', JSON.stringify(failed.error));
  assert.equal((await inPage(page, 'load', 'quota-first')).empty, true);
  await close();
});
