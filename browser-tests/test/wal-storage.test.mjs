// The write-ahead log storage contract (npm-package/test/wal-contract.js) in the browser of TEAVEC_ENGINE
// (drivers/engines.mjs): IndexedDB in the page and OPFS in a dedicated worker; the quota case on an origin with a
// small quota where the driver can make one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contractInBrowser } from './contract-in-browser.mjs';
import { walContract } from '../../npm-package/test/wal-contract.js';

const env = contractInBrowser({ cases: walContract, page: 'wal.html', api: 'walTest', what: 'log storage' });

test('OPFS logs need a dedicated worker: on the main thread opening one is NOT_SUPPORTED', async () => {
  const result = await env.page.evaluate(() => window.walTest.opfsOnMainThread());
  assert.equal(result.ok, false);
  assert.equal(result.code, 'NOT_SUPPORTED');
  assert.match(result.message, /dedicated workers/);
});
