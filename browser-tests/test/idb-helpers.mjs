// Shared by the IndexedDB store tests: a static server for pages/ and the built package, and store pages.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { readdirSync, statSync } from 'node:fs';
import { before, after } from 'node:test';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { launch } from '../drivers/engines.mjs';

const here = dirname(fileURLToPath(import.meta.url));

export function startPagesServer() {
  return startStaticServer({
    mounts: { '/': join(here, '..', 'pages'), '/teavec/': join(here, '..', '..', 'npm-package', 'dist') },
  });
}

/**
 * Registers this test file's before/after hooks: one pages server and one browser (of TEAVEC_ENGINE) for all its
 * tests, read as `env.server` and `env.browser` once the tests run.
 */
export function useServerAndBrowser() {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await startPagesServer();
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/** A page of `context` with pages/idb.html loaded and the engine initialized; `page.errors()` lists its errors. */
export async function openStorePage(context, baseUrl) {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/idb.html`);
  // Module scripts have run by the load event; waiting for them anyway costs nothing and rules out a driver that
  // reports the load early.
  await page.waitForFunction(() => window.idbTest !== undefined, undefined, { timeout: 10_000 });
  await page.evaluate(() => window.idbTest.ready);
  return page;
}

/** Runs window.idbTest[method](...args) in the page. */
export function inPage(page, method, ...args) {
  return page.evaluate(([m, a]) => window.idbTest[m](...a), [method, args]);
}

export function rawInPage(page, method, ...args) {
  return page.evaluate(([m, a]) => window.idbTest.raw[m](...a), [method, args]);
}

/** Every file under `dir` as 'relative/path size' lines, sorted; [] when `dir` does not exist. */
export function listFiles(dir) {
  const out = [];
  const walk = (sub) => {
    let entries;
    try {
      entries = readdirSync(join(dir, sub), { withFileTypes: true });
    } catch (e) {
      if (e.code === 'ENOENT') return;
      throw e;
    }
    for (const entry of entries) {
      const path = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path);
      else out.push(`${path} ${statSync(join(dir, path), { throwIfNoEntry: false })?.size ?? 'gone'}`);
    }
  };
  walk('');
  return out.sort();
}
