// EdgeVec.save / EdgeVec.load through real IndexedDB in a real browser (TEAVEC_ENGINE): build an index with
// metadata, string ids, in-place updates and deletes; save; reload the page; load; every answer must be identical
// (1,000 queries in Chromium, 300 in the other engines; filtered searches, metadata, keys), for float32 and SQ8.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startPagesServer } from './idb-helpers.mjs';
import { ENGINE, launch } from '../drivers/engines.mjs';

// Fewer queries in the engines after Chromium, to keep `make test` within its time budget (WebKit starts each
// context with cold Wasm code, several times slower until it is optimised).
const QUERIES = ENGINE === 'chromium' ? 1000 : 300;
let server;
let browser;

before(async () => {
  server = await startPagesServer();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function ready(page) {
  await page.waitForFunction(() => window.ready === true, undefined, { timeout: 60_000 });
}

for (const quantization of ['none', 'sq8']) {
  test(`save, reload the page, load: identical answers (${quantization})`, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/persist.html`);
    await ready(page);
    const spec = { seed: quantization === 'sq8' ? 7 : 3, count: 1200, dims: 24, quantization, queries: QUERIES };
    const name = `persist-${quantization}`;
    const before = await page.evaluate(([n, s]) => window.persist.saveFresh(n, s), [name, spec]);
    assert.equal(before.saved.generation >= 1, true);
    assert.deepEqual(before.progress.at(-1), [before.saved.bytes, before.saved.bytes]);
    assert.equal(before.answers.search.length, QUERIES);
    assert.ok(before.answers.filtered.every((r) => r.length === 10), 'filtered searches return k');
    assert.deepEqual(before.answers.keys.slice(3), [null]);
    assert.deepEqual(before.answers.stored, { cat: 9, tag: 'updated' });

    await page.reload();
    await ready(page);
    const afterLoad = await page.evaluate(([n, s]) => window.persist.loadAndAnswer(n, s), [name, spec]);
    assert.deepEqual(afterLoad.answers, before.answers);
    assert.deepEqual(afterLoad.progress.at(-1), [before.saved.bytes, before.saved.bytes]);
    assert.deepEqual(await page.errors(), []);
    await context.close();
  });
}

test('load of a name never saved fails with NOT_FOUND', async () => {
  const page = await browser.newPage(`${server.url}/persist.html`);
  await ready(page);
  assert.equal(await page.evaluate(() => window.persist.loadMissing('never-saved')), 'NOT_FOUND');
  assert.deepEqual(await page.errors(), []);
  await page.close();
});
