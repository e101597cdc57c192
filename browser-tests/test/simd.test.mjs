// The Wasm SIMD kernels against the scalar fallback in a real browser (TEAVEC_ENGINE), under a strict CSP
// (compiling the kernels needs only 'wasm-unsafe-eval', like the engine itself): same data, same results to the bit.
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

test('SIMD and scalar kernels give the same results', async () => {
  const seed = Number(process.env.TEAVEC_SEED ?? Date.now() % 1e9);
  const page = await browser.newPage(`${server.url}/simd.html?seed=${seed}`);
  const result = await page.evaluate(() => window.__result);
  const errors = await page.errors();
  await page.close();
  assert.equal(result.error, undefined, result.error);
  assert.deepEqual(errors, []);
  assert.deepEqual(result.backends, ['simd', 'scalar'], `${engine.name} supports Wasm SIMD128`);
  assert.deepEqual(result.problems, [], `seed ${seed} (rerun with TEAVEC_SEED=${seed})`);
  assert.ok(result.compared >= 400, `compared ${result.compared} searches`);
});
