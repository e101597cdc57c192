// The database contract (npm-package/test/database-contract.js) in real Chromium: IndexedDB in the page
// and OPFS in a dedicated worker, on a disk-backed profile. The quota case runs on a second origin whose quota
// is set small through CDP before the origin first touches storage (one such origin per storage: the quota is
// the origin's, shared by IndexedDB and OPFS).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { CHROMIUM } from './browser.mjs';
import { databaseContract } from '../../npm-package/test/database-contract.js';

const here = dirname(fileURLToPath(import.meta.url));
const mounts = {
  '/': join(here, '..', 'pages'),
  '/teavec/': join(here, '..', '..', 'npm-package', 'dist'),
  '/npm-test/': join(here, '..', '..', 'npm-package', 'test'),
};
const QUOTA = 2 * 1024 * 1024;
const env = {};

before(async () => {
  env.profile = mkdtempSync(join(tmpdir(), 'teavec-db-profile-'));
  env.server = await startStaticServer({ mounts });
  env.context = await chromium.launchPersistentContext(env.profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
  env.page = await openDatabasePage(env.server.url);
  env.quotaServers = [];
});

/** A page on a new origin whose storage quota is QUOTA bytes. */
async function pageWithSmallQuota() {
  const server = await startStaticServer({ mounts });
  env.quotaServers.push(server);
  const page = await env.context.newPage();
  const cdp = await env.context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(server.url).origin, quotaSize: QUOTA });
  return openDatabasePage(server.url, page);
}

after(async () => {
  await env.context?.close();
  await env.server?.close();
  for (const server of env.quotaServers ?? []) await server.close();
  rmSync(env.profile, { recursive: true, force: true });
});

async function openDatabasePage(url, page = undefined) {
  const p = page ?? await env.context.newPage();
  p.errors = [];
  p.on('pageerror', (e) => p.errors.push(e));
  await p.goto(`${url}/database.html`);
  await p.evaluate(() => window.databaseTest.ready);
  return p;
}

for (const storage of ['indexeddb', 'opfs']) {
  describe(`${storage} database`, () => {
    databaseContract.forEach((c, index) => {
      test(c.name, async () => {
        const page = c.needsQuota ? await pageWithSmallQuota() : env.page;
        const result = await page.evaluate(([i, s, n]) => window.databaseTest.run(i, s, n), [index, storage, `contract-${index}`]);
        assert.ok(result.ok, `${result.message}\n${result.stack}`);
        assert.deepEqual(page.errors, []);
      });
    });
  });
}

