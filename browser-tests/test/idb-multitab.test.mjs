// Several pages of one origin on one snapshot name: no acknowledged write lost, every save announced to the
// other pages, and another page upgrading or deleting the database is never blocked by TeaVec.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, openStorePage, inPage } from './idb-helpers.mjs';
import { ENGINE } from '../drivers/engines.mjs';

// Fewer in the engines after Chromium, to keep `make test` within its time budget; still hundreds of interleavings.
const WRITES = Number(process.env.TEAVEC_WRITES ?? (ENGINE === 'chromium' ? 1000 : 400));
const env = useServerAndBrowser();

test(`two pages write ${WRITES} times to one name, interleaved: no acknowledged write is lost`, async () => {
  const context = await env.browser.newContext();
  const a = await openStorePage(context, env.server.url);
  const b = await openStorePage(context, env.server.url);
  const watcher = await openStorePage(context, env.server.url);
  for (const p of [a, b, watcher]) await p.evaluate(() => void window.idbTest.listen('shared'));
  // Page a saves the even k, page b the odd k, both at once; sizes vary so saves take different times.
  const ks = (parity) => Array.from({ length: WRITES / 2 }, (_, i) => 2 * i + parity + 1);
  const [ra, rb] = await Promise.all([
    a.evaluate((k) => window.idbTest.writeMany('shared', k, 3000), ks(1)),
    b.evaluate((k) => window.idbTest.writeMany('shared', k, 9000), ks(0)),
  ]);
  assert.deepEqual(ra.violations, [], 'page a read back something older than its own acknowledged save');
  assert.deepEqual(rb.violations, [], 'page b read back something older than its own acknowledged save');

  const acks = [...ra.acks, ...rb.acks];
  assert.equal(acks.length, WRITES);
  const generations = acks.map(([, g]) => g).sort((x, y) => x - y);
  assert.deepEqual(generations, Array.from({ length: WRITES }, (_, i) => i + 1),
    'every save got its own generation, numbered 1..n without gaps (the lock serializes writers)');
  const interleaved = [...ra.acks.map(([, g]) => g)].sort((x, y) => x - y);
  assert.ok(interleaved.at(-1) - interleaved[0] > WRITES / 2, 'the two pages really interleaved');

  const [newestK, newestGeneration] = acks.reduce((best, ack) => (ack[1] > best[1] ? ack : best));
  const final = await inPage(watcher, 'load', 'shared');
  assert.deepEqual([final.generation, final.k, final.intact], [newestGeneration, newestK, true],
    'the final state is the newest acknowledged save');

  await watcher.waitForFunction((n) => window.idbTest.messages.length >= n, WRITES);
  for (const p of [a, b, watcher]) {
    const messages = await p.evaluate(() => window.idbTest.messages);
    const announced = messages.filter((m) => m.type === 'saved' && m.name === 'shared').map((m) => m.generation);
    assert.deepEqual([...announced].sort((x, y) => x - y), generations, 'every save was announced on the BroadcastChannel');
  }
  for (const p of [a, b, watcher]) assert.deepEqual(await p.errors(), []);
  await context.close();
});

/** Starts a long save in `page` (many small chunks) and resolves once its first chunk is committed. */
async function startLongSave(page, name, size = 24_000_000) {
  await page.evaluate(([n, bytes]) => {
    window.longSave = { progress: 0 };
    window.longSave.done = window.idbTest.saveTracked(n, 7, bytes, 16 * 1024, window.longSave);
  }, [name, size]);
  await page.waitForFunction(() => window.longSave.progress > 0);
}

test('saves of one name from two pages run one at a time (Web Locks)', async () => {
  const context = await env.browser.newContext();
  const writer = await openStorePage(context, env.server.url);
  const other = await openStorePage(context, env.server.url);
  // Big enough to still be running in the fastest engine (Firefox writes ~5 MB/s in 16 KB chunks).
  await startLongSave(writer, 'locked', 16_000_000);
  const held = await other.evaluate(async () => (await navigator.locks.query()).held.map((l) => [l.name, l.mode]));
  assert.deepEqual(held, [['teavec:locked', 'exclusive']]);
  await other.evaluate(() => {
    window.shortSave = { progress: 0 };
    window.shortSave.done = window.idbTest.saveTracked('locked', 8, 1000, undefined, window.shortSave);
  });
  await other.waitForFunction(async () => (await navigator.locks.query()).pending
    .some((l) => l.name === 'teavec:locked'));
  const [long, short] = await Promise.all([
    writer.evaluate(async () => ({ ...await window.longSave.done, lastChunkAt: window.longSave.lastAt })),
    other.evaluate(async () => ({ ...await window.shortSave.done, firstChunkAt: window.shortSave.firstAt })),
  ]);
  assert.ok(long.ok && short.ok, JSON.stringify([long.error, short.error]));
  // Both pages stamp with the same wall clock: the short save wrote its chunk only after the long one wrote its
  // last (Node sees the two results arrive through separate connections, in no reliable order).
  assert.ok(short.firstChunkAt >= long.lastChunkAt,
    `the small save waited for the lock instead of overtaking (${short.firstChunkAt} < ${long.lastChunkAt})`);
  assert.equal(short.result.generation, long.result.generation + 1);
  await context.close();
});

for (const [what, act] of [
  ['deletes', (name) => new Promise((resolve) => {
    const r = indexedDB.deleteDatabase(`teavec:${name}`);
    let blocked = false;
    r.onblocked = () => { blocked = true; };
    r.onsuccess = () => resolve({ ok: true, blocked });
    r.onerror = () => resolve({ ok: false, error: String(r.error) });
  })],
  ['upgrades', (name) => new Promise((resolve) => {
    const r = indexedDB.open(`teavec:${name}`, 2);
    let blocked = false;
    r.onblocked = () => { blocked = true; };
    r.onupgradeneeded = () => r.result.createObjectStore('from-a-newer-version');
    r.onsuccess = () => {
      r.result.close();
      resolve({ ok: true, blocked });
    };
    r.onerror = () => resolve({ ok: false, error: String(r.error) });
  })],
]) {
  test(`a page that ${what} the database while another page saves is not blocked; the save fails cleanly`, async () => {
    const context = await env.browser.newContext();
    const writer = await openStorePage(context, env.server.url);
    const other = await openStorePage(context, env.server.url);
    const name = `versionchange-${what}`;
    assert.ok((await inPage(writer, 'save', name, 1, 5000)).ok);
    await startLongSave(writer, name);
    const outcome = await other.evaluate(act, name);
    assert.deepEqual(outcome, { ok: true, blocked: false }, 'the writer closed its connection on versionchange');
    const save = await writer.evaluate(() => window.longSave.done);
    assert.equal(save.ok, false, 'the interrupted save is not acknowledged');
    assert.equal(save.error.code, 'STORAGE_ERROR');
    assert.match(save.error.message, /upgrading or deleting/);
    if (what === 'deletes') {
      assert.equal((await inPage(writer, 'load', name)).empty, true);
      const again = await inPage(writer, 'save', name, 8, 5000);
      assert.ok(again.ok, 'saving works again afterwards');
    } else {
      const load = await inPage(writer, 'load', name);
      assert.equal(load.error.code, 'STORAGE_ERROR');
      assert.match(load.error.message, /newer version/);
    }
    assert.deepEqual(await writer.errors(), []);
    await context.close();
  });
}

test('deleteSnapshot gives up with STORAGE_ERROR when a foreign connection ignores versionchange', async () => {
  const context = await env.browser.newContext();
  const page = await openStorePage(context, env.server.url);
  assert.ok((await inPage(page, 'save', 'held', 1, 5000)).ok);
  const holder = await context.newPage();
  await holder.goto(`${env.server.url}/idb.html`);
  await holder.evaluate(() => new Promise((resolve) => {
    const r = indexedDB.open('teavec:held');
    r.onsuccess = () => {
      window.held = r.result; // no onversionchange handler: it never closes
      resolve();
    };
  }));
  const removed = await inPage(page, 'remove', 'held');
  assert.equal(removed.ok, false);
  assert.equal(removed.error.code, 'STORAGE_ERROR');
  assert.match(removed.error.message, /ignores versionchange/);
  await holder.evaluate(() => window.held.close());
  await page.waitForFunction(async () => (await indexedDB.databases()).every((d) => d.name !== 'teavec:held'));
  await context.close();
});
