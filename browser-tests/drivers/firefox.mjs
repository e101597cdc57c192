// Firefox ESR through puppeteer-core over WebDriver BiDi: Debian's /usr/bin/firefox-esr, headless. puppeteer-core
// (unlike puppeteer) has no install step and launches only the executable it is given.
import { readdirSync, readFileSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { ERRORS_SCRIPT, IN_PAGE_ERRORS, NotSupported } from './engines.mjs';
import { descendants, killAll, killGroup } from './processes.mjs';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** A Firefox process's name for itself ("Web Content", "WebExtensions", "Socket Process", ...). */
function processName(pid) {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

const PREFS = {
  // navigator.storage.persist() asks the user in a door-hanger that nobody answers in a headless run; these
  // answer it (granted) the way Firefox's own tests do.
  'dom.storageManager.prompt.testing': true,
  'dom.storageManager.prompt.testing.allow': true,
};

class FirefoxPage {
  constructor(page, onClose = async () => {}) {
    this.raw = page;
    this.driverErrors = [];
    this.pastErrors = []; // recorded in the page by pages/errors.js, kept across navigations
    this.onClose = onClose;
    page.on('pageerror', (e) => this.driverErrors.push(`uncaught ${e.message ?? e}`));
    page.on('console', (m) => {
      if (m.type() === 'error') this.driverErrors.push(`console.error ${m.text()}`);
    });
  }

  async goto(url) {
    await this.keepInPageErrors();
    await this.raw.goto(url, { waitUntil: 'load' });
  }

  async reload() {
    await this.keepInPageErrors();
    await this.raw.reload({ waitUntil: 'load' });
  }

  async keepInPageErrors() {
    this.pastErrors.push(...await this.raw.evaluate(IN_PAGE_ERRORS).catch(() => []));
  }

  evaluate(fn, arg) {
    return this.raw.evaluate(fn, arg);
  }

  /** Starts `fn(arg)` in the page without waiting for it (e.g. a loop that runs until the page dies). */
  start(fn, arg) {
    this.raw.evaluate(fn, arg).catch(() => {});
  }

  async waitForFunction(fn, arg, { timeout = 30_000, polling = 50 } = {}) {
    return (await this.raw.waitForFunction(fn, { timeout, polling }, arg)).jsonValue();
  }

  async errors() {
    const current = this.raw.isClosed() ? [] : await this.raw.evaluate(IN_PAGE_ERRORS);
    return [...this.driverErrors, ...this.pastErrors, ...current];
  }

  /** Like Playwright's fill: sets the value and fires one input event. */
  fill(selector, text) {
    return this.raw.$eval(selector, (element, value) => {
      element.focus();
      element.value = value;
      element.dispatchEvent(new Event('input', { bubbles: true }));
    }, text);
  }

  type(selector, text, { delay = 0 } = {}) {
    return this.raw.type(selector, text, { delay });
  }

  click(selector) {
    return this.raw.click(selector);
  }

  async select(selector, value) {
    await this.raw.select(selector, value);
  }

  textContent(selector) {
    return this.raw.$eval(selector, (element) => element.textContent);
  }

  async screenshot(path) {
    await this.raw.screenshot({ path, fullPage: true });
  }

  async close() {
    await this.raw.close();
    await this.onClose();
  }
}

class FirefoxContext {
  constructor(context, isDefault = false) {
    this.raw = context;
    this.isDefault = isDefault;
    this.offline = false;
    this.requestListeners = [];
    this.pages = new Set();
  }

  async newPage() {
    // A window of its own: a background tab would be hidden, its timers throttled, its frames not painted.
    const raw = await this.raw.newPage({ type: 'window' });
    await raw.evaluateOnNewDocument(ERRORS_SCRIPT);
    for (const listener of this.requestListeners) raw.on('request', (r) => listener(r.url()));
    if (this.offline) await raw.setOfflineMode(true);
    const page = new FirefoxPage(raw, async () => this.pages.delete(page));
    this.pages.add(page);
    return page;
  }

  async setOffline(on) {
    this.offline = on;
    for (const page of this.pages) if (!page.raw.isClosed()) await page.raw.setOfflineMode(on);
  }

  onRequest(listener) {
    this.requestListeners.push(listener);
    for (const page of this.pages) page.raw.on('request', (r) => listener(r.url()));
  }

  async close() {
    // The default context of a browser cannot be closed; its pages can.
    if (this.isDefault) {
      for (const page of this.pages) if (!page.raw.isClosed()) await page.raw.close();
      return;
    }
    await this.raw.close();
  }
}

class FirefoxBrowser {
  constructor(browser, version, profileDir) {
    this.engine = 'firefox';
    this.raw = browser;
    this.version = version;
    this.label = `Firefox ${version}`;
    this.persistent = Boolean(profileDir);
    this.profileDir = profileDir;
    this.process = browser.process();
    this.exited = new Promise((resolve) => {
      if (this.process.exitCode !== null || this.process.signalCode !== null) resolve();
      else this.process.once('exit', resolve);
    });
  }

  async newContext() {
    return new FirefoxContext(await this.raw.createBrowserContext());
  }

  defaultContext() {
    if (!this.persistent) throw new NotSupported('firefox', 'defaultContext() needs a launch with a profileDir');
    return new FirefoxContext(this.raw.defaultBrowserContext(), true);
  }

  async newPage(url) {
    const context = await this.newContext();
    const page = await context.newPage();
    page.onClose = () => context.close();
    if (url) await page.goto(url);
    return page;
  }

  /**
   * SIGKILLs the processes that render web pages ("Web Content", or "Isolated Web Content" with site isolation), as
   * a crash of the renderer would end them; Firefox itself and its storage (in the parent process) live on, and so
   * do its other helpers (WebExtensions, socket, RDD, utility processes), whose loss breaks the WebDriver BiDi
   * session instead (tried).
   */
  async crashRenderer() {
    const content = descendants(this.process.pid)
      .filter((p) => /^(Web Content|Isolated Web Co)/.test(processName(p.pid)));
    if (killAll(content.map((p) => p.pid)) === 0) throw new Error('no Firefox web content process to kill');
  }

  async kill() {
    if (!this.persistent) throw new NotSupported('firefox', 'kill() needs a persistent launch ({ profileDir })');
    killGroup(this.process.pid);
    await this.exited;
    this.raw.disconnect().catch(() => {});
    // Once the process is gone, puppeteer puts back the prefs files it backed up at launch (x.puppeteer → x); a
    // launch on the same profile meanwhile would back them up again as they vanish. Wait until it is done.
    for (let waited = 0; readdirSync(this.profileDir).some((f) => f.endsWith('.puppeteer')); waited += 20) {
      if (waited > 10_000) throw new Error(`puppeteer did not restore the prefs of ${this.profileDir}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async close() {
    await Promise.race([this.raw.close(), new Promise((resolve) => setTimeout(resolve, 10_000))]);
    killGroup(this.process.pid);
    await this.exited;
  }
}

export async function launch({ profileDir, quotaBytes } = {}) {
  const prefs = { ...PREFS };
  // Kilobytes; Firefox gives one origin's group the whole limit when it is under 10 MB.
  if (quotaBytes !== undefined) prefs['dom.quotaManager.temporaryStorage.fixedLimit'] = Math.floor(quotaBytes / 1024);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profileDir,
    extraPrefsFirefox: prefs,
    defaultViewport: { width: 1100, height: 900 },
  });
  const version = (await browser.version()).replace(/^firefox\//, '');
  return new FirefoxBrowser(browser, version, profileDir);
}
