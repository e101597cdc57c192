// Drives the demo page as a person would (typing, choosing, clicking) through the engine-neutral pages of
// drivers/engines.mjs; shared by demo.test.mjs and bench/keystroke.mjs so both exercise the same page the same way.
import { NotSupported } from '../drivers/engines.mjs';

/** The first visit builds a 25,000-vector HNSW index in the page: minutes on a busy 2-core machine. */
export const READY_TIMEOUT_MS = 15 * 60 * 1000;

/**
 * Opens the demo in `context`. `page.errors()` lists page errors, console errors, CSP violations and failed loads;
 * `foreignRequests()` the requests to any origin other than the demo's own, from the driver's request log where it
 * has one (`requestSource` says which) and from the page's Resource Timing entries.
 */
export async function openDemo(context, url) {
  const origin = new URL(url).origin;
  const logged = [];
  let requestSource;
  try {
    context.onRequest((requestUrl) => {
      if (new URL(requestUrl).origin !== origin) logged.push(requestUrl);
    });
    requestSource = 'driver';
  } catch (e) {
    if (!(e instanceof NotSupported)) throw e;
    requestSource = 'resource timing';
  }
  const page = await context.newPage();
  await page.goto(url);
  const foreignRequests = async () => [...logged, ...await page.evaluate((o) => performance.getEntriesByType('resource')
    .map((entry) => entry.name).filter((name) => new URL(name).origin !== o), origin)];
  return { page, foreignRequests, requestSource };
}

export async function waitUntilReady(page) {
  await page.waitForFunction(() => document.body.dataset.ready === 'true' || !!document.querySelector('#status.error'),
    undefined, { timeout: READY_TIMEOUT_MS, polling: 250 });
  const failed = await page.evaluate(() => document.querySelector('#status.error')?.textContent ?? null);
  if (failed !== null) throw new Error(`the demo failed to start: ${failed}`);
  return page.evaluate(() => ({ source: document.body.dataset.indexSource, status: document.querySelector('#status').textContent }));
}

/** Chooses the part of speech ('' = all), then resolves once the results for the current query are shown. */
export async function choosePos(page, pos) {
  await page.select('#pos', pos);
  return readResultsFor(page, await page.evaluate(() => document.querySelector('#query').value), pos);
}

/** Clears the box, types `text` key by key, and resolves to the rows rendered for exactly that text. */
export async function typeQuery(page, text, { delay = 0 } = {}) {
  await page.fill('#query', '');
  await page.type('#query', text, { delay });
  return readResultsFor(page, text, await page.evaluate(() => document.querySelector('#pos').value));
}

export async function readResultsFor(page, text, pos) {
  await page.waitForFunction(([t, p]) => {
    const list = document.querySelector('#results');
    return list.dataset.query === t && list.dataset.pos === p;
  }, [text.trim(), pos], { polling: 20 });
  return page.evaluate(() => [...document.querySelectorAll('#results li')].map((li) => ({
    id: li.dataset.id,
    pos: li.dataset.pos,
    similarity: Number(li.querySelector('.score').textContent),
    text: li.querySelector('.text').textContent,
  })));
}

export async function addNote(page, text) {
  const before = Number(await page.evaluate(() => document.body.dataset.notes ?? 0));
  await page.fill('#note-text', text);
  await page.click('#add-note');
  await page.waitForFunction((n) => Number(document.body.dataset.notes ?? 0) > n || /Could not/.test(document.querySelector('#note-status').textContent),
    before);
  return page.textContent('#note-status');
}
