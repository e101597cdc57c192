// The built bundle in a real browser (TEAVEC_ENGINE: Chromium, Firefox or WebKit): once as a plain page, once under
// a strict CSP that forbids eval.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { launch } from '../drivers/engines.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const STRICT_CSP = "script-src 'self' 'wasm-unsafe-eval'";
let server;
let browser;

before(async () => {
  server = await startStaticServer({
    mounts: { '/': join(here, '..', 'pages'), '/teavec/': join(here, '..', '..', 'npm-package', 'dist') },
  });
  // The same pages again from a second server that sends the strict policy with every response.
  server.strict = await startStaticServer({
    mounts: { '/': join(here, '..', 'pages'), '/teavec/': join(here, '..', '..', 'npm-package', 'dist') },
    headersFor: () => ({ 'content-security-policy': STRICT_CSP }),
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await server?.strict?.close();
});

// basic.js tries eval() on purpose to learn whether the page allows it; under the strict CSP that attempt is the
// one violation the page may report (pages/errors.js records it in every engine; Firefox also as an error).
const evalProbe = (e) => /Content-Security-Policy/.test(e) && /eval/.test(e);

async function runBasicPage(baseUrl, { strict }) {
  const page = await browser.newPage(`${baseUrl}/basic.html`);
  const result = await page.evaluate(() => window.__result);
  const errors = await page.errors();
  await page.close();
  assert.equal(result.error, undefined, result.error);
  if (strict) assert.ok(errors.some(evalProbe), `the eval probe's violation is recorded: ${JSON.stringify(errors)}`);
  assert.deepEqual(errors.filter((e) => !evalProbe(e)), []);
  return result;
}

function checkResults(result) {
  assert.equal(result.idType, 'number');
  assert.equal(result.size, 2);
  assert.deepEqual(result.results.map((r) => r.id), [0, 1]);
  assert.ok(result.results[0].score < 1e-6 && result.results[1].score > result.results[0].score);
  assert.deepEqual(result.nearest, [2, 0, 3]);
  assert.deepEqual(result.codes, ['DIMENSION_MISMATCH', 'INVALID_VECTOR', 'INVALID_K']);
}

test('a page imports the bundle, inserts and searches', async () => {
  const result = await runBasicPage(server.url, { strict: false });
  assert.equal(result.evalAllowed, true, 'the plain page allows eval');
  checkResults(result);
});

test('the same page works under a strict CSP (no unsafe-eval)', async () => {
  const result = await runBasicPage(server.strict.url, { strict: true });
  assert.equal(result.evalAllowed, false, 'the CSP must really forbid eval, or this test proves nothing');
  checkResults(result);
});
