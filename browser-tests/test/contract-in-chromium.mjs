// Runs a contract suite (npm-package/test/*-contract.js) in real Chromium: each case in a page (IndexedDB) or
// in the page's dedicated worker (OPFS), on a disk-backed profile. Cases that need a small quota run on a second
// origin whose quota is set through CDP before the origin first touches storage (the quota is the origin's,
// shared by IndexedDB and OPFS). `page`: the test page (e.g. 'wal.html'); `api`: its window global.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { CHROMIUM } from './browser.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const mounts = {
  '/': join(here, '..', 'pages'),
  '/teavec/': join(here, '..', '..', 'npm-package', 'dist'),
  '/npm-test/': join(here, '..', '..', 'npm-package', 'test'),
};
const QUOTA = 2 * 1024 * 1024;

/** Registers the suite's hooks and one test per case and storage; returns `env` ({ page, context }) for more tests. */
export function contractInChromium({ cases, page, api, what }) {
  const env = { quotaServers: [] };

  async function openPage(url, existing = undefined) {
    const p = existing ?? await env.context.newPage();
    p.errors = [];
    p.on('pageerror', (e) => p.errors.push(e));
    await p.goto(`${url}/${page}`);
    await p.evaluate((global) => window[global].ready, api);
    return p;
  }

  /** A page on a new origin whose storage quota is QUOTA bytes. */
  async function pageWithSmallQuota() {
    const server = await startStaticServer({ mounts });
    env.quotaServers.push(server);
    const p = await env.context.newPage();
    const cdp = await env.context.newCDPSession(p);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(server.url).origin, quotaSize: QUOTA });
    return openPage(server.url, p);
  }

  before(async () => {
    env.profile = mkdtempSync(join(tmpdir(), `teavec-${api}-profile-`));
    env.server = await startStaticServer({ mounts });
    env.context = await chromium.launchPersistentContext(env.profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-dev-shm-usage'],
    });
    env.page = await openPage(env.server.url);
  });

  after(async () => {
    await env.context?.close();
    await env.server?.close();
    for (const server of env.quotaServers) await server.close();
    rmSync(env.profile, { recursive: true, force: true });
  });

  for (const storage of ['indexeddb', 'opfs']) {
    describe(`${storage} ${what}`, () => {
      cases.forEach((c, index) => {
        test(c.name, async () => {
          const p = c.needsQuota ? await pageWithSmallQuota() : env.page;
          const result = await p.evaluate(([global, i, s, n]) => window[global].run(i, s, n), [api, index, storage, `contract-${index}`]);
          assert.ok(result.ok, `${result.message}\n${result.stack}`);
          assert.deepEqual(p.errors, []);
        });
      });
    });
  }
  return env;
}
