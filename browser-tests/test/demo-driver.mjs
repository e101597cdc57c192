// Drives the demo page as a person would (typing, choosing, clicking); shared by demo.test.mjs and
// bench/keystroke.mjs so both exercise the same page the same way.

/** The first visit builds a 25,000-vector HNSW index in the page: minutes on a busy 2-core machine. */
export const READY_TIMEOUT_MS = 15 * 60 * 1000;

/**
 * Opens the demo in `context` and collects what should stay empty: page errors, console errors (CSP violations
 * and failed loads are console errors) and requests to any origin other than the demo's own.
 */
export async function openDemo(context, url) {
  const page = await context.newPage();
  const errors = [];
  const foreignRequests = [];
  const origin = new URL(url).origin;
  page.on('pageerror', (e) => errors.push(e));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(new Error(m.text()));
  });
  // Context-wide, so requests from the page's worker and service worker count too.
  context.on('request', (r) => {
    if (new URL(r.url()).origin !== origin) foreignRequests.push(r.url());
  });
  await page.goto(url);
  return { page, errors, foreignRequests };
}

export async function waitUntilReady(page) {
  await page.waitForFunction(() => document.body.dataset.ready === 'true' || !!document.querySelector('#status.error'),
    undefined, { timeout: READY_TIMEOUT_MS, polling: 250 });
  const failed = await page.$('#status.error');
  if (failed) throw new Error(`the demo failed to start: ${await failed.textContent()}`);
  return page.evaluate(() => ({ source: document.body.dataset.indexSource, status: document.querySelector('#status').textContent }));
}

/** Chooses the part of speech ('' = all), then resolves once the results for the current query are shown. */
export async function choosePos(page, pos) {
  await page.selectOption('#pos', pos);
  return readResultsFor(page, await page.inputValue('#query'), pos);
}

/** Clears the box, types `text` key by key, and resolves to the rows rendered for exactly that text. */
export async function typeQuery(page, text, { delay = 0 } = {}) {
  await page.fill('#query', '');
  await page.locator('#query').pressSequentially(text, { delay });
  return readResultsFor(page, text, await page.inputValue('#pos'));
}

export async function readResultsFor(page, text, pos) {
  await page.waitForFunction(([t, p]) => {
    const list = document.querySelector('#results');
    return list.dataset.query === t && list.dataset.pos === p;
  }, [text.trim(), pos], { polling: 'raf' });
  return page.$$eval('#results li', (items) => items.map((li) => ({
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
