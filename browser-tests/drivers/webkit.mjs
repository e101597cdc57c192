// WebKitGTK (the engine of Safari, as Linux ships it) through selenium-webdriver and Debian's WebKitWebDriver,
// which runs MiniBrowser in automation mode. MiniBrowser needs a display: when there is none, each driver runs
// under its own `xvfb-run -a`; scripts/test.sh runs the WebKit suite under one xvfb-run instead.
//
// Classic WebDriver differs from the other two drivers in ways this adapter hides:
// - one WebKitWebDriver serves one session, and a session is one MiniBrowser with in-memory (ephemeral) website
//   data, so a context here is a session of its own (fresh storage, like a Playwright context);
// - commands of a session run one at a time, so a long script would block every other page of the context:
//   evaluate() starts the function in the page and polls for its result, which lets pages of one context work
//   at the same time (the multi-tab tests depend on it);
// - it has no page-error events: pages/errors.js records them in the page (injected after each navigation into
//   pages that do not load it themselves, so an error before that moment is missed there);
// - values come back as JSON (undefined properties are dropped, as JSON.stringify does).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Builder, By } from 'selenium-webdriver';
import { ERRORS_SCRIPT, IN_PAGE_ERRORS, NotSupported } from './engines.mjs';
import { descendants, killGroup } from './processes.mjs';

export const WEBKIT_WEBDRIVER = process.env.WEBKIT_WEBDRIVER ?? '/usr/bin/WebKitWebDriver';
// Debian ships MiniBrowser with libwebkit2gtk-4.1-0, under the architecture's library directory.
export const MINIBROWSER = process.env.MINIBROWSER_PATH ?? readdirSync('/usr/lib')
  .map((dir) => `/usr/lib/${dir}/webkit2gtk-4.1/MiniBrowser`).find((path) => existsSync(path));
// selenium-webdriver runs its Selenium Manager (which downloads drivers and browsers) only when it starts a driver
// itself; this adapter always connects to the WebKitWebDriver it started. Should that ever change, fail instead.
process.env.SE_MANAGER_PATH = '/bin/false';
const EPHEMERAL = 'MiniBrowser in automation mode has no persistent profile (its website data is in memory)';

// Drivers are started detached (a process group of their own, so that each can be ended as a whole): if this
// process ends or is told to without closing them, take them along rather than leave MiniBrowsers and Xvfbs behind.
const live = new Set();
const endAll = () => {
  for (const pid of live) killGroup(pid);
};
process.once('exit', endAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    endAll();
    process.kill(process.pid, signal); // the default action, now that this handler is gone
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts WebKitWebDriver (under xvfb-run when there is no display) and resolves once it answers /status. */
async function startDriver() {
  const port = await freePort();
  const command = process.env.DISPLAY ? [WEBKIT_WEBDRIVER, `--port=${port}`]
    : ['xvfb-run', '-a', WEBKIT_WEBDRIVER, `--port=${port}`];
  const proc = spawn(command[0], command.slice(1), { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  live.add(proc.pid);
  exited.then(() => live.delete(proc.pid));
  const url = `http://127.0.0.1:${port}`;
  for (let waited = 0; ; waited += 50) {
    if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`WebKitWebDriver exited: ${stderr}`);
    try {
      if ((await fetch(`${url}/status`)).ok) break;
    } catch {
      // not listening yet
    }
    if (waited > 30_000) throw new Error(`WebKitWebDriver did not start: ${stderr}`);
    await sleep(50);
  }
  return { proc, url, exited, stderr: () => stderr };
}

/** One WebKitWebDriver, one session, one MiniBrowser: a browsing context with its own website data. */
class WebKitSession {
  static async start() {
    const server = await startDriver();
    const capabilities = {
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
    };
    const driver = await new Builder().usingServer(server.url).withCapabilities(capabilities).build();
    const session = new WebKitSession(server, driver);
    session.keeper = await driver.getWindowHandle();
    session.current = session.keeper;
    await driver.manage().window().setRect({ width: 1100, height: 900 });
    const caps = await driver.getCapabilities();
    session.version = caps.get('browserVersion');
    return session;
  }

  constructor(server, driver) {
    this.server = server;
    this.driver = driver;
    this.queue = Promise.resolve();
    this.closed = false;
  }

  /** Runs `fn(driver)` once the commands queued before it are done, in window `handle` if given. */
  run(handle, fn) {
    const next = this.queue.then(async () => {
      if (handle && handle !== this.current) {
        await this.driver.switchTo().window(handle);
        this.current = handle;
      }
      return fn(this.driver);
    });
    this.queue = next.catch(() => {});
    return next;
  }

  /**
   * A new top-level window, not a tab: a background tab is hidden (throttled timers, no frames, so screenshots
   * never return). The first window of the session (the keeper) is never handed out, so closing every page
   * leaves the session, and with it the website data, alive.
   */
  async newWindow() {
    return this.run(null, async (driver) => {
      if (this.current !== this.keeper) {
        await driver.switchTo().window(this.keeper);
        this.current = this.keeper;
      }
      await driver.switchTo().newWindow('window');
      this.current = await driver.getWindowHandle();
      return this.current;
    });
  }

  async close() {
    if (this.closed) return;
    this.closed = true;
    await Promise.race([this.queue.then(() => this.driver.quit()).catch(() => {}), sleep(10_000)]);
    // SIGTERM to WebKitWebDriver alone lets xvfb-run (when there is one) stop its Xvfb and remove its files.
    const { proc } = this.server;
    const drivers = process.env.DISPLAY ? [proc.pid]
      : descendants(proc.pid).filter((p) => p.args[0] === WEBKIT_WEBDRIVER).map((p) => p.pid);
    for (const pid of drivers) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch (e) {
        if (e.code !== 'ESRCH') throw e;
      }
    }
    const done = await Promise.race([this.server.exited.then(() => true), sleep(5_000).then(() => false)]);
    if (!done) {
      killGroup(this.server.proc.pid);
      await this.server.exited;
    }
  }
}

const START = `
  const [arg, id] = arguments;
  const calls = (window.__teavecCalls ??= {});
  calls[id] = { done: false };
  Promise.resolve().then(() => (%FN%)(arg)).then(
    (value) => { calls[id] = { done: true, json: value === undefined ? undefined : JSON.stringify(value) }; },
    (e) => {
      calls[id] = { done: true, error: e instanceof Error ? e.name + ': ' + e.message + ' (' + e.stack + ')' : String(e) };
    });`;
// POLL leaves the settled call in place and FORGET removes it once its answer arrived: WebKitWebDriver now and then
// fails to hand a script's result over ("Could not parse script result"), and a poll is then simply asked again.
const POLL = `
  const call = (window.__teavecCalls ?? {})[arguments[0]];
  if (!call) return { lost: true };
  return call.done ? call : null;`;
const FORGET = 'delete (window.__teavecCalls ?? {})[arguments[0]];';
let calls = 0;

/**
 * Runs a navigation, then waits for the new document's load event: WebKitWebDriver sometimes answers a navigation
 * while the new document is still 'interactive' or, on a reload, the old one is still there. The old document is
 * marked first so that it cannot be mistaken for the new one, and what pages/errors.js recorded in it is kept in
 * `pastErrors`. Then pages/errors.js goes into the new one.
 */
async function navigate(driver, go, pastErrors) {
  pastErrors.push(...await driver.executeScript('window.__teavecLeaving = true; return window.__teavecErrors ?? [];'));
  await go();
  const deadline = Date.now() + 60_000;
  while (!await driver.executeScript('return !window.__teavecLeaving && document.readyState === "complete";')) {
    if (Date.now() > deadline) throw new Error(`WebKit: ${await driver.getCurrentUrl()} did not finish loading`);
    await sleep(20);
  }
  await driver.executeScript(ERRORS_SCRIPT);
}

class WebKitPage {
  constructor(session, handle, onClose = async () => {}) {
    this.session = session;
    this.handle = handle;
    this.onClose = onClose;
    this.closed = false;
    this.pastErrors = [];
  }

  run(fn) {
    return this.session.run(this.handle, fn);
  }

  async goto(url) {
    await this.run((driver) => navigate(driver, () => driver.get(url), this.pastErrors));
  }

  async reload() {
    await this.run((driver) => navigate(driver, () => driver.navigate().refresh(), this.pastErrors));
  }

  /** Starts `fn(arg)` in the page without waiting for it (e.g. a loop that runs until the page dies). */
  async start(fn, arg) {
    const id = `c${++calls}`;
    await this.run((driver) => driver.executeScript(START.replace('%FN%', fn.toString()), arg ?? null, id));
    return id;
  }

  /** Starts `fn(arg)` in the page, then polls for its settled value (see the file comment). */
  async evaluate(fn, arg) {
    const id = await this.start(fn, arg);
    let unparsed = 0;
    for (let wait = 0; ; wait = Math.min(100, wait * 2 || 2)) {
      if (wait) await sleep(wait);
      let call;
      try {
        call = await this.run((driver) => driver.executeScript(POLL, id));
      } catch (e) {
        if (/Could not parse script result/.test(e?.message ?? '') && ++unparsed < 5) continue;
        throw e;
      }
      if (call === null) continue;
      if (call.done) await this.run((driver) => driver.executeScript(FORGET, id));
      if (call.lost) throw new Error('the page navigated or reloaded before the evaluated function settled');
      if (call.error !== undefined && call.error !== null) throw new Error(`evaluate failed in WebKit: ${call.error}`);
      return call.json === undefined || call.json === null ? undefined : JSON.parse(call.json);
    }
  }

  async waitForFunction(fn, arg, { timeout = 30_000, polling = 50 } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const value = await this.evaluate(fn, arg);
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`waitForFunction timed out after ${timeout} ms: ${fn}`);
      await sleep(polling);
    }
  }

  async errors() {
    return [...this.pastErrors, ...(this.closed ? [] : await this.evaluate(IN_PAGE_ERRORS))];
  }

  fill(selector, text) {
    return this.run(async (driver) => {
      const element = await driver.findElement(By.css(selector));
      await element.clear();
      if (text) await element.sendKeys(text);
    });
  }

  /** Types `text` into the element; with `delay`, key by key with that many ms between keys. */
  async type(selector, text, { delay = 0 } = {}) {
    if (!delay) {
      await this.run(async (driver) => (await driver.findElement(By.css(selector))).sendKeys(text));
      return;
    }
    for (const key of text) {
      await this.run(async (driver) => (await driver.findElement(By.css(selector))).sendKeys(key));
      await sleep(delay);
    }
  }

  click(selector) {
    return this.run(async (driver) => (await driver.findElement(By.css(selector))).click());
  }

  select(selector, value) {
    const option = By.css(`${selector} option[value="${value}"]`);
    return this.run(async (driver) => (await driver.findElement(option)).click());
  }

  textContent(selector) {
    return this.evaluate((s) => document.querySelector(s).textContent, selector);
  }

  /** The viewport only: classic WebDriver has no full-page screenshot. */
  async screenshot(path) {
    // WebKitWebDriver grabs the last painted frame: let the page paint what it shows now first.
    await this.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const png = await this.run((driver) => driver.takeScreenshot());
    await writeFile(path, Buffer.from(png, 'base64'));
  }

  async close() {
    if (this.closed) return;
    this.closed = true;
    await this.run(async (driver) => {
      await driver.close();
      await driver.switchTo().window(this.session.keeper);
      this.session.current = this.session.keeper;
    });
    await this.onClose();
  }
}

class WebKitContext {
  constructor(session) {
    this.session = session;
  }

  async newPage() {
    return new WebKitPage(this.session, await this.session.newWindow());
  }

  async setOffline() {
    throw new NotSupported('webkit', 'classic WebDriver has no network emulation');
  }

  onRequest() {
    throw new NotSupported('webkit', 'classic WebDriver has no network events');
  }

  close() {
    return this.session.close();
  }
}

class WebKitBrowser {
  constructor(first) {
    this.engine = 'webkit';
    this.first = first;
    this.version = first.version;
    this.label = `WebKitGTK ${this.version}`;
    this.sessions = new Set([first]);
  }

  async newContext() {
    // The first session was started to learn the version; the first context to be asked for gets it.
    const session = this.first ?? await WebKitSession.start();
    this.first = null;
    this.sessions.add(session);
    return new WebKitContext(session);
  }

  defaultContext() {
    throw new NotSupported('webkit', EPHEMERAL);
  }

  async newPage(url) {
    const context = await this.newContext();
    const page = await context.newPage();
    page.onClose = async () => {
      await context.close();
      this.sessions.delete(context.session);
    };
    if (url) await page.goto(url);
    return page;
  }

  async crashRenderer() {
    // Tried: SIGKILL of a page's WebKitWebProcess makes WebKitWebDriver delete the session ("session deleted because
    // of page crash or hang"), MiniBrowser and its in-memory website data with it, even when another window is
    // the current one; there is nothing left to load from.
    throw new NotSupported('webkit', 'WebKitWebDriver ends the session (and the storage) when a web process dies');
  }

  async kill() {
    throw new NotSupported('webkit', `${EPHEMERAL}: nothing survives a browser kill`);
  }

  async close() {
    await Promise.all([...this.sessions].map((s) => s.close()));
    this.sessions.clear();
  }
}

export async function launch({ profileDir, quotaBytes } = {}) {
  if (profileDir) {
    throw new NotSupported('webkit', EPHEMERAL);
  }
  if (quotaBytes !== undefined) throw new NotSupported('webkit', 'WebKitWebDriver cannot set a storage quota');
  return new WebKitBrowser(await WebKitSession.start());
}
