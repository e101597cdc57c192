// teavec/embeddings in Chromium, inside a module Web Worker under a strict CSP: transformers.js and
// onnxruntime-web's wasm served locally (never a CDN), the int8 all-MiniLM-L6-v2 from ../shared/data, its
// vectors close to the shared precomputed ones, and "a tool for cutting wood" finding an adze or a saw.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { launchChromium, openPage } from './browser.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const npmPackage = join(here, '..', '..', 'npm-package');
const modules = join(npmPackage, 'node_modules');
const DATA = process.env.TEAVEC_DATA ?? join(here, '..', '..', '..', 'shared', 'data');
const MODEL = 'all-MiniLM-L6-v2-onnx-q8';
const skip = !existsSync(join(DATA, MODEL, 'onnx', 'model_quantized.onnx')) && 'no ../shared/data';
let server;
let browser;

before(async () => {
  if (skip) return;
  server = await startStaticServer({
    mounts: {
      '/': join(here, '..', 'pages'),
      '/teavec/': join(npmPackage, 'dist'),
      '/transformers/': join(modules, '@huggingface', 'transformers', 'dist'),
      '/ort/': join(modules, 'onnxruntime-web', 'dist'),
      [`/models/${MODEL}/`]: join(DATA, MODEL),
      '/wordnet/': join(DATA, 'wordnet-minilm-384-angular'),
    },
    headersFor: () => ({ 'content-security-policy': "script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'" }),
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('DefaultEmbeddingFunction embeds in a Worker and finds an adze or a saw for "a tool for cutting wood"', { skip, timeout: 600_000 }, async () => {
  const { page, errors } = await openPage(browser, `${server.url}/embeddings.html`);
  const r = await page.evaluate(() => window.__result, undefined, { timeout: 600_000 });
  await page.close();
  assert.equal(r.error, undefined, r.error);
  assert.deepEqual(errors, []);
  assert.equal(r.inWorker, true);
  assert.ok(r.events.includes('ready'), `model loading reported progress: ${r.events.join(', ')}`);
  assert.equal(r.dims, 384);
  const min = Math.min(...r.cosines);
  console.log(`# model loaded in ${r.loadMs.toFixed(0)} ms; ${r.cosines.length} glosses at ${r.msPerText.toFixed(1)} ms each in the worker; min cosine to the `
    + `shared (Node-made) vectors ${min.toFixed(5)}; top 5: ${r.top5.map((t) => t.split(':')[0]).join(' | ')}`);
  assert.ok(min >= 0.99, `onnxruntime-web's int8 kernels stay close to onnxruntime-node's: min cosine ${min}`);
  assert.ok(r.top5.some((t) => /^adz\b|\bsaw\b/.test(t.split(':')[0])), `an adze or saw gloss in the top 5: ${r.top5.join(' | ')}`);

  // A collection built from the gloss texts in the worker, queried by text in each mode.
  const c = r.collection;
  const lemmas = (docs) => docs.map((t) => t.split(':')[0]);
  console.log(`# collection from text in the worker: vector ${lemmas(c.vector).join(' | ')}; hybrid ${lemmas(c.hybrid).join(' | ')}`);
  assert.equal(c.progress.at(-1), `${c.progress.at(-1).split('/')[1]}/${c.progress.at(-1).split('/')[1]}`, 'onProgress ends at total');
  for (const mode of ['vector', 'hybrid']) {
    assert.ok(lemmas(c[mode]).some((t) => /^adz\b|\bsaw\b/.test(t)), `${mode}: an adze or saw gloss in the top 5: ${c[mode].join(' | ')}`);
  }
  assert.match(c.text[0], /^adz, adze:/, 'BM25 finds the word');
  assert.ok(c.filtered.length > 0 && c.filtered.every((t) => !t.includes('adz')), 'whereDocument applies');
});
