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

test('IndexedDB: a checkpoint of several chunks reads back exactly; one damaged chunk falls back to the older generation', async () => {
  const result = await env.page.evaluate(async () => {
    const { _openLogStorage: openLogStorage } = await import('/teavec/teavec.js');
    const name = `pieces-${Math.random()}`;
    // 4 MiB chunks (IdbSnapshotStore.DEFAULT_CHUNK_BYTES): 2 and 3 chunks, the last of each partial.
    const bytesOf = (n, k) => new Uint8Array(n).map((_, i) => (i * k + (i >> 13)) & 0xff);
    const a = bytesOf(5_000_003, 7);
    const b = bytesOf(9_000_001, 13);
    const same = (x, y) => x.length === y.length && x.every((v, i) => v === (y[i] & 0xff));
    let s = await openLogStorage(name, { storage: 'indexeddb' });
    await s.writeCheckpoint(1, 5, a);
    await s.writeCheckpoint(2, 9, b);
    await s.close();
    s = await openLogStorage(name, { storage: 'indexeddb' });
    const whole = await s.readCheckpoint();
    const recovered = (await s.recover({ pieces: true })).checkpoint.bytes;
    await s.close();
    const joined = new Int8Array(recovered.length);
    recovered.pieces.reduce((at, p) => { joined.set(p, at); return at + p.length; }, 0);
    const out = { whole: [whole.generation, whole.seq, same(b, whole.bytes)],
      pieces: [recovered.pieces.length, recovered.length, same(b, joined)] };
    // Flip one byte of generation 2's middle chunk, under its checksum.
    const { damageIdb } = await import('./wal-cases.js');
    await damageIdb(name, 2, (4 << 20) + 12345);
    s = await openLogStorage(name, { storage: 'indexeddb' });
    const fallback = await s.readCheckpoint();
    await s.close();
    out.fallback = [fallback.generation, fallback.seq, same(a, fallback.bytes), fallback.skipped.map((x) => x.generation)];
    return out;
  });
  assert.deepEqual(result.whole, [2, 9, true]);
  assert.deepEqual(result.pieces, [3, 9_000_001, true]);
  assert.deepEqual(result.fallback, [1, 5, true, [2]]);
});
