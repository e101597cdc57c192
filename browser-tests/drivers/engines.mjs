// The browser engine the browser tests drive, chosen by TEAVEC_ENGINE: chromium (the default), firefox or webkit,
// each the Debian package driven by an npm driver that never downloads a browser or a driver of its own:
//   chromium  /usr/bin/chromium                playwright-core over CDP
//   firefox   /usr/bin/firefox-esr (headless)  puppeteer-core over WebDriver BiDi
//   webkit    WebKitGTK's MiniBrowser          selenium-webdriver to Debian's WebKitWebDriver, under xvfb-run
// Every adapter offers the same small API (below), so one test file runs on all three; what an engine or its
// driver cannot do is listed in `can` and the tests say so instead of silently skipping.
//
// Browser: engine, label ('Firefox 153.8.0esr'), newContext(), newPage(url?) (a page in a context of its own,
//   closed with it), defaultContext() (the profile of a persistent launch), crashRenderer(page), kill(), close().
// Context: newPage(), close(), setOffline(on), onRequest(listener(url)).
// Page: goto(url), reload(), evaluate(fn, arg), start(fn, arg) (no waiting for it),
//   waitForFunction(fn, arg, { timeout, polling }), errors(), fill/type/click/select/textContent(selector, ...),
//   screenshot(path), close().
//   evaluate and waitForFunction take a self-contained function and one JSON-able argument and return JSON-able
//   values (typed arrays must be turned into arrays in the page). errors() lists what should never happen in a
//   test page: uncaught errors, unhandled rejections, console.error, CSP violations, failed script loads, as the
//   driver reports them and as pages/errors.js records them in the page.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ENGINES = {
  chromium: {
    name: 'Chromium',
    driver: 'playwright-core (CDP)',
    can: {
      // How a crash test can end a page that is saving: close its tab, kill its renderer, SIGKILL the browser.
      crashKinds: ['page close', 'renderer crash', 'browser kill'],
      // An origin quota set by the driver (CDP Storage.overrideQuotaForOrigin, before the origin first stores).
      originQuota: true,
      // A quota for the whole profile set at launch.
      launchQuota: false,
      // The driver's own "network off" switch (every engine can also stop the server).
      offlineEmulation: true,
      // Requests of the page, its workers and its service worker, as the driver sees them.
      requestLog: 'every request of the context (page, workers, service worker)',
      // OPFS synchronous access handles in dedicated workers (the fast OPFS storage of openDatabase).
      opfsSyncHandles: true,
    },
  },
  firefox: {
    name: 'Firefox',
    driver: 'puppeteer-core (WebDriver BiDi)',
    can: {
      // Renderer crash: SIGKILL of its web content processes (no driver command for it). Browser kill: SIGKILL of
      // the process group on a persistent profile.
      crashKinds: ['page close', 'renderer crash', 'browser kill'],
      originQuota: false,
      // dom.quotaManager.temporaryStorage.fixedLimit: the whole temporary storage, so also the origin's group.
      launchQuota: true,
      offlineEmulation: true,
      requestLog: 'requests of the page (WebDriver BiDi network events)',
      opfsSyncHandles: true,
    },
  },
  webkit: {
    name: 'WebKitGTK',
    driver: 'selenium-webdriver (WebKitWebDriver, classic WebDriver)',
    can: {
      // MiniBrowser in automation mode keeps website data in memory only (an ephemeral session): no browser kill,
      // since nothing can survive the browser, and no renderer crash, since WebKitWebDriver then deletes the
      // session and the browser with it (tried: SIGKILL of a WebKitWebProcess).
      crashKinds: ['page close'],
      originQuota: false,
      launchQuota: false,
      offlineEmulation: false,
      requestLog: 'the page\'s Resource Timing entries (classic WebDriver has no network events)',
      // WebKitGTK 2.50's MiniBrowser has no FileSystemSyncAccessHandle in workers: OPFS databases are NOT_SUPPORTED.
      opfsSyncHandles: false,
    },
  },
};

export const ENGINE = process.env.TEAVEC_ENGINE || 'chromium';
if (!ENGINES[ENGINE]) throw new Error(`TEAVEC_ENGINE=${ENGINE}: expected one of ${Object.keys(ENGINES).join(', ')}`);
export const engine = ENGINES[ENGINE];

/** pages/errors.js, for pages that do not load it themselves (the demo). */
export const ERRORS_SCRIPT = readFileSync(fileURLToPath(new URL('../pages/errors.js', import.meta.url)), 'utf8');

/** An engine or driver limit, thrown by adapters so that tests can tell it from a failure. */
export class NotSupported extends Error {
  constructor(engineName, what) {
    super(`${ENGINES[engineName].name}: ${what}`);
    this.name = 'NotSupported';
  }
}

/**
 * Launches the engine of TEAVEC_ENGINE. `profileDir`: a persistent profile that survives kill() (crash tests);
 * `quotaBytes`: the storage quota of the whole profile where `can.launchQuota`.
 */
export function launch(options = {}) {
  return launchEngine(ENGINE, options);
}

/** Launches the engine `name` (chromium, firefox or webkit), whatever TEAVEC_ENGINE says (for benchmarks). */
export async function launchEngine(name, options = {}) {
  if (!ENGINES[name]) throw new Error(`unknown engine ${name}: expected one of ${Object.keys(ENGINES).join(', ')}`);
  const adapter = await import(`./${name}.mjs`);
  return adapter.launch(options);
}

/** Reads the in-page error list of pages/errors.js ([] when the page has none, e.g. about:blank). */
export const IN_PAGE_ERRORS = () => (window.__teavecErrors ?? []).slice();
