// The npm browser drivers drive Debian's browsers and never fetch one of their own: nothing in the installed
// dependency tree runs an install script (where puppeteer and playwright would download browsers), and the
// processes a launch starts are Debian's executables, not copies from a download cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ENGINE, engine, launch } from '../drivers/engines.mjs';
import { descendants } from '../drivers/processes.mjs';

const lock = JSON.parse(readFileSync(fileURLToPath(new URL('../package-lock.json', import.meta.url)), 'utf8'));

// The executables each engine's launch may start (Debian's /usr/bin/chromium is a script that runs the first).
const DEBIAN = {
  chromium: [/^\/usr\/lib\/chromium\/(chromium|chrome_crashpad_handler)$/],
  firefox: [/^\/usr\/lib\/firefox-esr\/firefox-esr$/],
  webkit: [/^\/usr\/bin\/WebKitWebDriver$/, /^\/usr\/lib\/[\w-]+\/webkit2gtk-4\.1\/(MiniBrowser|WebKit\w+Process)$/,
    /^\/usr\/bin\/(Xvfb|Xorg)$/, /^\/usr\/bin\/(bash|dash|xauth)$/],
};

test('no package of the browser tests runs an install script, and the drivers are the -core and plain packages', () => {
  const packages = Object.entries(lock.packages).filter(([path]) => path.startsWith('node_modules/'));
  // setup.sh installs with --ignore-scripts. The bundler fixtures' esbuild and wrangler's workerd have install
  // scripts that only check the platform binary their optional dependency (@esbuild/linux-x64,
  // @cloudflare/workerd-linux-64) already ships; both run without them (consumers.test.mjs). Anything else is new.
  const binaryCheckers = ['node_modules/esbuild', 'node_modules/workerd'];
  assert.deepEqual(packages.filter(([path, p]) => p.hasInstallScript && !binaryCheckers.includes(path)).map(([path]) => path), []);
  const names = packages.map(([path]) => path.replace(/^.*node_modules\//, ''));
  for (const downloader of ['puppeteer', 'playwright', 'chromedriver', 'geckodriver']) {
    assert.ok(!names.includes(downloader), `${downloader} (which downloads browsers or drivers) is not installed`);
  }
  for (const driver of ['playwright-core', 'puppeteer-core', 'selenium-webdriver']) {
    assert.ok(names.includes(driver), driver);
  }
});

test(`a ${engine.name} launch starts Debian's executables only`, async () => {
  const browser = await launch();
  try {
    const page = await browser.newPage('about:blank');
    assert.equal(await page.evaluate(() => 1 + 1), 2);
    const executables = [...new Set(descendants(process.pid).map(({ pid }) => {
      try {
        return readlinkSync(`/proc/${pid}/exe`);
      } catch {
        return null; // exited meanwhile
      }
    }).filter((exe) => exe !== null && exe !== process.execPath))];
    assert.ok(executables.length > 0, 'the browser runs as a child of this process');
    const foreign = executables.filter((exe) => !DEBIAN[ENGINE].some((re) => re.test(exe)));
    assert.deepEqual(foreign, [], `${browser.label}: every process is a Debian executable (${executables.join(', ')})`);
    await page.close();
  } finally {
    await browser.close();
  }
});
