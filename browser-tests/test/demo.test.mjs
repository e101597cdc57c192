// Drives the demo exactly as `make demo` serves it: build an index, search, see results.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { startDemoServer } from '../../demo-web/serve.mjs';
import { launchChromium, openPage } from './browser.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const output = join(here, '..', 'output');
let server;
let browser;

before(async () => {
  server = await startDemoServer(0);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('the demo builds an index and shows search results', async () => {
  const { page, errors } = await openPage(browser, `${server.url}/`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.fill('#count', '3000');
  await page.click('#build');
  await page.waitForFunction(() => document.querySelector('#build-status').textContent.startsWith('Indexed'));
  await page.fill('#query-id', '42');
  await page.click('#search');
  await page.waitForSelector('#results:not([hidden]) tbody tr');
  const rows = await page.$$eval('#results tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.equal(rows.length, 10);
  assert.equal(rows[0][1], '42', 'the query vector itself ranks first');
  const distances = rows.map((r) => Number(r[2]));
  assert.deepEqual([...distances].sort((a, b) => a - b), distances, 'best first');
  mkdirSync(output, { recursive: true });
  await page.screenshot({ path: join(output, 'demo.png'), fullPage: true });
  assert.deepEqual(errors, []);
});
