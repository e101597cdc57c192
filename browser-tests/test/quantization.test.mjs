// teavec/quantization's engine (teavec-quantization.wasm and its SIMD kernels) in a real browser (TEAVEC_ENGINE):
// float16, sq4, binary and pq indexes answer like a brute-force oracle and survive a snapshot and IndexedDB.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { launch, engine } from '../drivers/engines.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const npmPackage = join(here, '..', '..', 'npm-package');
let server;
let browser;

before(async () => {
  server = await startStaticServer({
    mounts: { '/': join(here, '..', 'pages'), '/teavec/': join(npmPackage, 'dist'), '/npm-test/': join(npmPackage, 'test') },
    headersFor: () => ({ 'content-security-policy': "script-src 'self' 'wasm-unsafe-eval'" }),
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('every extended encoding: recall against the oracle, snapshot and IndexedDB round trips', async () => {
  const seed = Number(process.env.TEAVEC_SEED ?? Date.now() % 1e9);
  const page = await browser.newPage(`${server.url}/quantization.html?seed=${seed}`);
  const result = await page.evaluate(() => window.__result);
  const errors = await page.errors();
  await page.close();
  assert.equal(result.error, undefined, result.error);
  assert.deepEqual(errors, []);
  assert.equal(result.kernels, 'simd', `${engine.name} runs the extended engine's SIMD kernels`);
  for (const [quantization, r] of Object.entries(result.encodings)) {
    assert.ok(r.recall >= 0.9, `${engine.name}, ${quantization}: recall ${r.recall} (seed ${seed}, rerun with TEAVEC_SEED=${seed})`);
    assert.ok(r.sameFromBytes, `${quantization}: same answers after toBytes/fromBytes`);
    assert.ok(r.sameFromIdb, `${quantization}: same answers after save/load through IndexedDB`);
  }
  assert.deepEqual(Object.keys(result.encodings), ['float16', 'sq4', 'binary', 'pq']);
});
