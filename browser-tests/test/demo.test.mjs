// Drives the demo exactly as `make demo` serves it, in a real browser (TEAVEC_ENGINE), in one browser profile across
// the tests, as one person would over several visits: first visit builds the index, search as you type, filter,
// notes, a reload that loads the index from IndexedDB, then a reload with the network off.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { startDemoServer } from '../../demo-web/serve.mjs';
import { ENGINE, engine, launch } from '../drivers/engines.mjs';
import { addNote, choosePos, openDemo, typeQuery, waitUntilReady } from './demo-driver.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const output = join(here, '..', 'output');
const WOOD = 'a tool for cutting wood';
const NOTE = 'Dentist appointment on Tuesday at 9, bring the insurance card';
const NOTE_QUERY = 'when is my dentist appointment';
let server;
let browser;
let context;
let demo; // { page, foreignRequests, requestSource }
const seen = {}; // results of earlier visits, compared with later ones

before(async () => {
  server = await startDemoServer(0);
  browser = await launch();
  context = await browser.newContext();
  demo = await openDemo(context, `${server.url}/`);
});

after(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

const ids = (rows) => rows.map((r) => r.id);

test('first visit: the index is built with a progress bar, and typing a query finds a tool for wood', async () => {
  const { page } = demo;
  await page.waitForFunction(() => {
    const bar = document.querySelector('#build-progress');
    return !bar.hidden && bar.dataset.what === 'build' && bar.value > 0;
  }, undefined, { timeout: 300_000, polling: 100 });
  const ready = await waitUntilReady(page);
  assert.equal(ready.source, 'built');
  assert.match(ready.status, /Index built in .* and saved to IndexedDB/);
  assert.match(ready.status, /25,000 vectors/);

  const rows = await typeQuery(page, WOOD);
  assert.equal(rows.length, 10);
  const top5 = rows.slice(0, 5).map((r) => r.text);
  assert.ok(top5.some((t) => /\badzes?\b|\bsaws?\b/i.test(t)), `an adze or a saw in the top 5:\n${top5.join('\n')}`);
  assert.match(rows[0].text, /\badz/, 'the adze gloss ranks first, as brute force over the corpus says');
  const sims = rows.map((r) => r.similarity);
  assert.deepEqual([...sims].sort((a, b) => b - a), sims, 'best first');
  assert.match(await page.textContent('#timing'), /embedding \d+\.\d ms · search \d+\.\d\d ms · render/);
  seen.wood = rows;
  seen.salt = await typeQuery(page, 'large body of salt water');
  assert.match(seen.salt[0].text, /^main, briny/);

  await typeQuery(page, WOOD);
  mkdirSync(output, { recursive: true });
  await page.screenshot(join(output, `demo-${ENGINE}.png`));
});

test('the part-of-speech filter returns only that part of speech', async () => {
  const { page } = demo;
  const verbs = await choosePos(page, 'v');
  assert.equal(verbs.length, 10);
  assert.deepEqual(new Set(verbs.map((r) => r.pos)), new Set(['v']));
  assert.ok(verbs.some((r) => /\b(cut|saw|chop|hew|whittle|carve)\b/i.test(r.text)), 'cutting verbs for cutting wood');
  const adverbs = await choosePos(page, 'r');
  assert.equal(adverbs.length, 10, 'k results even for the rarest part of speech (3% of the corpus)');
  assert.deepEqual(new Set(adverbs.map((r) => r.pos)), new Set(['r']));
  const all = await choosePos(page, '');
  assert.deepEqual(ids(all), ids(seen.wood), 'no filter: the same results as before');
});

test('a note is embedded, stored and found, alone or among WordNet', async () => {
  const { page } = demo;
  assert.match(await addNote(page, NOTE), /^Added/);
  const mixed = await typeQuery(page, NOTE_QUERY);
  assert.deepEqual([mixed[0].pos, mixed[0].text], ['note', NOTE], 'the note ranks first (cos 0.75; best gloss 0.49)');
  assert.ok(mixed.slice(1).every((r) => r.pos !== 'note'));
  const notes = await choosePos(page, 'note');
  assert.deepEqual(notes.map((r) => [r.pos, r.text]), [['note', NOTE]]);
  await choosePos(page, '');
  seen.noteQuery = mixed;
});

test('next visit: the index is loaded from IndexedDB, the note too, and results are the same', async () => {
  const { page } = demo;
  await page.reload();
  const ready = await waitUntilReady(page);
  assert.equal(ready.source, 'indexeddb');
  assert.match(ready.status, /Index loaded from IndexedDB in \d/);
  assert.match(ready.status, /25,001 vectors/);
  assert.deepEqual(ids(await typeQuery(page, WOOD)), ids(seen.wood));
  assert.deepEqual(new Set((await choosePos(page, 'v')).map((r) => r.pos)), new Set(['v']), 'metadata survived the reload');
  await choosePos(page, '');
  const mixed = await typeQuery(page, NOTE_QUERY);
  assert.deepEqual(ids(mixed), ids(seen.noteQuery));
  assert.deepEqual([mixed[0].pos, mixed[0].text], ['note', NOTE], 'the note and its text survived the reload');
});

test('offline: after a reload with the network off, search still works and returns the same results', async (t) => {
  const { page } = demo;
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null && document.body.dataset.offlineReady === 'true',
    undefined, { timeout: 300_000, polling: 250 });
  // The network is off for the demo's origin in every engine: its server is stopped, so nothing can be fetched;
  // where the driver has a network switch it is turned off too.
  const { port } = new URL(server.url);
  await Promise.race([server.close(), sleep(10_000)]);
  if (engine.can.offlineEmulation) await context.setOffline(true);
  else t.diagnostic(`${engine.name}: ${engine.driver} has no network switch; the stopped server is the network off`);
  try {
    await page.reload();
    const ready = await waitUntilReady(page);
    assert.equal(ready.source, 'indexeddb');
    assert.deepEqual(ids(await typeQuery(page, WOOD)), ids(seen.wood));
    assert.deepEqual(ids(await typeQuery(page, 'large body of salt water')), ids(seen.salt));
    assert.deepEqual((await choosePos(page, 'note')).map((r) => r.text), [NOTE]);
  } finally {
    if (engine.can.offlineEmulation) await context.setOffline(false);
    server = await startDemoServer(Number(port));
  }
});

test('nothing left the machine and nothing went wrong', async (t) => {
  t.diagnostic(`requests seen through: ${demo.requestSource === 'driver' ? `${engine.can.requestLog}, and ` : ''}`
    + 'the page\'s Resource Timing entries');
  assert.deepEqual(await demo.foreignRequests(), [], 'requests to other origins');
  assert.deepEqual(await demo.page.errors(), []);
});
