// Chromium through playwright-core (CDP): Debian's /usr/bin/chromium, never a downloaded one.
import { launchChromium } from '../test/browser.mjs';
import { launchKillableChromium } from '../test/chromium-process.mjs';
import { ERRORS_SCRIPT, IN_PAGE_ERRORS, NotSupported } from './engines.mjs';

class ChromiumPage {
  constructor(page, onClose = async () => {}) {
    this.raw = page;
    this.driverErrors = [];
    this.pastErrors = []; // recorded in the page by pages/errors.js, kept across navigations
    this.onClose = onClose;
    page.on('pageerror', (e) => this.driverErrors.push(`uncaught ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') this.driverErrors.push(`console.error ${m.text()}`);
    });
  }

  async goto(url) {
    await this.keepInPageErrors();
    await this.raw.goto(url);
  }

  async reload() {
    await this.keepInPageErrors();
    await this.raw.reload();
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
    return (await this.raw.waitForFunction(fn, arg, { timeout, polling })).jsonValue();
  }

  async errors() {
    const current = this.raw.isClosed() ? [] : await this.raw.evaluate(IN_PAGE_ERRORS);
    return [...this.driverErrors, ...this.pastErrors, ...current];
  }

  fill(selector, text) {
    return this.raw.fill(selector, text);
  }

  type(selector, text, { delay = 0 } = {}) {
    return this.raw.locator(selector).pressSequentially(text, { delay });
  }

  click(selector) {
    return this.raw.click(selector);
  }

  async select(selector, value) {
    await this.raw.selectOption(selector, value);
  }

  textContent(selector) {
    return this.raw.textContent(selector);
  }

  async screenshot(path) {
    await this.raw.screenshot({ path, fullPage: true });
  }

  async close() {
    await this.raw.close();
    await this.onClose();
  }
}

class ChromiumContext {
  constructor(context) {
    this.raw = context;
  }

  async newPage() {
    return new ChromiumPage(await this.raw.newPage());
  }

  setOffline(on) {
    return this.raw.setOffline(on);
  }

  onRequest(listener) {
    // Context-wide: requests of the page's workers and service worker count too.
    this.raw.on('request', (r) => listener(r.url()));
  }

  close() {
    return this.raw.close();
  }
}

class ChromiumBrowser {
  constructor(browser, killable = null) {
    this.engine = 'chromium';
    this.raw = browser;
    this.version = browser.version();
    this.label = `Chromium ${this.version}`;
    this.killable = killable;
  }

  async newContext() {
    const context = await this.raw.newContext({ viewport: { width: 1100, height: 900 } });
    // Pages get pages/errors.js before their own scripts, like the pages of pages/ that load it themselves.
    await context.addInitScript(ERRORS_SCRIPT);
    return new ChromiumContext(context);
  }

  defaultContext() {
    if (!this.killable) throw new NotSupported('chromium', 'defaultContext() needs a launch with a profileDir');
    return new ChromiumContext(this.killable.context);
  }

  /** A page in a context of its own (closed with the page), optionally opened at `url`. */
  async newPage(url) {
    const context = await this.newContext();
    const page = new ChromiumPage(await context.raw.newPage(), () => context.close());
    if (url) await page.goto(url);
    return page;
  }

  /** Crashes the renderer of `page` (CDP Page.crash) and waits until Chromium reports it. */
  async crashRenderer(page) {
    const session = await page.raw.context().newCDPSession(page.raw);
    const crashed = page.raw.waitForEvent('crash');
    session.send('Page.crash').catch(() => {});
    await crashed;
  }

  async kill() {
    if (!this.killable) throw new NotSupported('chromium', 'kill() needs a persistent launch ({ profileDir })');
    await this.killable.kill();
  }

  async close() {
    if (this.killable) await this.killable.kill();
    else await this.raw.close();
  }
}

export async function launch({ profileDir, quotaBytes } = {}) {
  if (quotaBytes !== undefined) throw new NotSupported('chromium', 'no launch-time quota (an origin quota: over CDP)');
  if (profileDir) {
    const killable = await launchKillableChromium(profileDir);
    return new ChromiumBrowser(killable.browser, killable);
  }
  return new ChromiumBrowser(await launchChromium());
}

/** CDP Storage.overrideQuotaForOrigin: Chromium applies it only before the origin first uses storage. */
export async function setOriginQuota(context, origin, quotaSize) {
  const page = await context.raw.newPage();
  const cdp = await context.raw.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize });
  return new ChromiumPage(page);
}
