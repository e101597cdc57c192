// The write-ahead log storage contract (npm-package/test/wal-contract.js) in real Chromium: IndexedDB in the page
// and OPFS in a dedicated worker, on a disk-backed profile; the quota case on an origin with a small quota.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contractInChromium } from './contract-in-chromium.mjs';
import { walContract } from '../../npm-package/test/wal-contract.js';

const env = contractInChromium({ cases: walContract, page: 'wal.html', api: 'walTest', what: 'log storage' });

test('OPFS logs need a dedicated worker: on the main thread opening one is NOT_SUPPORTED', async () => {
  const result = await env.page.evaluate(() => window.walTest.opfsOnMainThread());
  assert.equal(result.ok, false);
  assert.equal(result.code, 'NOT_SUPPORTED');
  assert.match(result.message, /dedicated workers/);
});
