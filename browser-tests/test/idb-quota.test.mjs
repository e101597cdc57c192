// Quota exhaustion in real Chromium: a small per-origin quota (CDP Storage.overrideQuotaForOrigin, set before
// the origin first touches storage) makes a save fail with QUOTA_EXCEEDED; the previous generation, the bytes in
// memory and the ability to save something smaller afterwards all survive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, inPage, rawInPage } from './idb-helpers.mjs';

const MiB = 1024 * 1024;
const env = useServerAndBrowser();

async function pageWithQuota(quotaSize) {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(env.server.url).origin, quotaSize });
  await page.goto(`${env.server.url}/idb.html`);
  await page.evaluate(() => window.idbTest.ready);
  return { context, page };
}

test('a save beyond the quota fails with QUOTA_EXCEEDED and loses nothing', async () => {
  const { context, page } = await pageWithQuota(4 * MiB);
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
  assert.equal(failed.error.code, 'QUOTA_EXCEEDED');
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
  await context.close();
});

test('a first save beyond the quota leaves nothing saved', async () => {
  const { context, page } = await pageWithQuota(2 * MiB);
  const failed = await inPage(page, 'save', 'quota-first', 1, 6 * MiB, MiB);
  assert.equal(failed.ok, false);
  assert.equal(failed.error.code, 'QUOTA_EXCEEDED');
  assert.equal((await inPage(page, 'load', 'quota-first')).empty, true);
  await context.close();
});
