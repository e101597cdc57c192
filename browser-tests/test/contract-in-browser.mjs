// Runs a contract suite (npm-package/test/*-contract.js) in the browser engine of TEAVEC_ENGINE (drivers/engines.mjs):
// each case in a page (IndexedDB) or in the page's dedicated worker (OPFS). Cases that need a small quota run where
// the driver can make one: Chromium an origin quota over CDP, Firefox a browser of its own launched with a small
// quota; WebKitGTK's driver cannot, and the test says so. `page`: the test page ('wal.html'); `api`: its window global.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { PAGE_MOUNTS } from './idb-helpers.mjs';
import { ENGINE, engine, launch } from '../drivers/engines.mjs';

const mounts = PAGE_MOUNTS;
const QUOTA = 2 * 1024 * 1024;
const NO_QUOTA = !engine.can.originQuota && !engine.can.launchQuota && `${engine.name}: ${engine.driver} cannot set a storage quota`;
// WebKitGTK's MiniBrowser keeps website data in memory under automation: no profile directory to give it.
const PERSISTENT_PROFILE = ENGINE !== 'webkit';

/** Registers the suite's hooks and one test per case and storage; returns `env` (`env.page`) for more tests. */
export function contractInBrowser({ cases, page, api, what }) {
  const env = { cleanups: [] };

  async function openPage(context, url) {
    const p = await context.newPage();
    await p.goto(`${url}/${page}`);
    await p.waitForFunction((global) => window[global] !== undefined, api, { timeout: 10_000 });
    await p.evaluate((global) => window[global].ready.then(() => true), api);
    return p;
  }

  /** A page on an origin whose storage quota is about QUOTA bytes. */
  async function pageWithSmallQuota() {
    const server = await startStaticServer({ mounts });
    env.cleanups.push(() => server.close());
    if (engine.can.originQuota) {
      const { setOriginQuota } = await import(`../drivers/${ENGINE}.mjs`);
      const p = await setOriginQuota(env.context, new URL(server.url).origin, QUOTA);
      await p.goto(`${server.url}/${page}`);
      await p.evaluate((global) => window[global].ready.then(() => true), api);
      return p;
    }
    const browser = await launch({ quotaBytes: QUOTA });
    env.cleanups.push(() => browser.close());
    return openPage(await browser.newContext(), server.url);
  }

  before(async () => {
    env.server = await startStaticServer({ mounts });
    if (PERSISTENT_PROFILE) env.profile = mkdtempSync(join(tmpdir(), `teavec-${api}-profile-`));
    env.browser = await launch(PERSISTENT_PROFILE ? { profileDir: env.profile } : {});
    env.context = PERSISTENT_PROFILE ? env.browser.defaultContext() : await env.browser.newContext();
    env.page = await openPage(env.context, env.server.url);
  });

  after(async () => {
    for (const cleanup of env.cleanups) await cleanup();
    await env.browser?.close();
    await env.server?.close();
    if (env.profile) rmSync(env.profile, { recursive: true, force: true });
  });

  for (const storage of ['indexeddb', 'opfs']) {
    describe(`${storage} ${what} in ${engine.name}`, () => {
      cases.forEach((c, index) => {
        test(c.name, { skip: c.needsQuota && NO_QUOTA }, async (t) => {
          const p = c.needsQuota ? await pageWithSmallQuota() : env.page;
          const result = await p.evaluate(([global, i, s, n]) => window[global].run(i, s, n), [api, index, storage, `contract-${index}`]);
          if (storage === 'opfs' && !engine.can.opfsSyncHandles) {
            assert.match(result.message ?? '', /NOT_SUPPORTED .*FileSystemSyncAccessHandle/, 'where OPFS sync handles are missing the library says so');
            t.skip(`${engine.name} has no FileSystemSyncAccessHandle in workers: opening is NOT_SUPPORTED (asserted)`);
            return;
          }
          assert.ok(result.ok, `${result.message}\n${result.stack}`);
          assert.deepEqual(await p.errors(), []);
        });
      });
    });
  }
  return env;
}
