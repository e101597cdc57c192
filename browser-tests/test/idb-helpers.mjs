// Shared by the IndexedDB store tests: a static server for pages/ and the built package, and store pages.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { before, after } from 'node:test';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { launchChromium } from './browser.mjs';

const here = dirname(fileURLToPath(import.meta.url));

export function startPagesServer() {
  return startStaticServer({
    mounts: { '/': join(here, '..', 'pages'), '/teavec/': join(here, '..', '..', 'npm-package', 'dist') },
  });
}

/**
 * Registers this test file's before/after hooks: one pages server and one Chromium for all its tests, read
 * as `env.server` and `env.browser` once the tests run.
 */
export function useServerAndBrowser() {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await startPagesServer();
    env.browser = await launchChromium();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/** A page of `context` with pages/idb.html loaded and the engine initialized; `errors` collects page errors. */
export async function openStorePage(context, baseUrl) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(new Error(m.text()));
  });
  await page.goto(`${baseUrl}/idb.html`);
  await page.evaluate(() => window.idbTest.ready);
  return { page, errors };
}

/** Runs window.idbTest[method](...args) in the page. */
export function inPage(page, method, ...args) {
  return page.evaluate(([m, a]) => window.idbTest[m](...a), [method, args]);
}

export function rawInPage(page, method, ...args) {
  return page.evaluate(([m, a]) => window.idbTest.raw[m](...a), [method, args]);
}
