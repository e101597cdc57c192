// What the demo server sends, checked over HTTP: the types browsers insist on (application/wasm for streaming
// compilation, a manifest type for the PWA), the strict CSP on every response, and a precache list that names every
// file the app needs offline, each of them served.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemoServer } from '../../demo-web/serve.mjs';

let server;
let precache;

before(async () => {
  server = await startDemoServer(0);
  precache = await (await fetch(`${server.url}/data/precache.json`)).json();
});

after(() => server?.close());

const head = async (path) => {
  const response = await fetch(`${server.url}${path}`);
  await response.arrayBuffer();
  return response;
};

test('WebAssembly is served as application/wasm, the manifest and modules with their own types', async () => {
  const types = {
    '/teavec/teavec.wasm': 'application/wasm',
    '/vendor/ort/ort-wasm-simd-threaded.wasm': 'application/wasm',
    '/vendor/ort/ort-wasm-simd-threaded.mjs': 'text/javascript',
    '/vendor/transformers/transformers.js': 'text/javascript',
    '/sw.js': 'text/javascript',
    '/manifest.webmanifest': 'application/manifest+json',
    '/models/all-MiniLM-L6-v2-onnx-q8/tokenizer.json': 'application/json',
  };
  for (const [path, type] of Object.entries(types)) {
    const response = await head(path);
    assert.equal(response.status, 200, path);
    assert.ok(response.headers.get('content-type').startsWith(type), `${path}: ${response.headers.get('content-type')}`);
  }
});

test('every response carries the strict CSP: same origin only, Wasm without eval', async () => {
  for (const path of ['/', '/app.js', '/teavec/teavec.js', '/data/wordnet-docs.json']) {
    const csp = (await head(path)).headers.get('content-security-policy');
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/, path);
    assert.match(csp, /connect-src 'self'/, path);
    assert.doesNotMatch(csp, /'unsafe-eval'|'unsafe-inline'|blob:|\*/, path);
  }
});

test('the precache list names the app shell, teavec, onnxruntime, transformers.js, the model and the corpus', async () => {
  assert.match(precache.version, /^[0-9a-f]{16}$/);
  for (const url of ['/', '/app.js', '/sw.js', '/manifest.webmanifest', '/worker/search-worker.js', '/teavec/teavec.js',
    '/teavec/teavec.wasm', '/vendor/ort/ort-wasm-simd-threaded.wasm', '/vendor/ort/ort-wasm-simd-threaded.mjs',
    '/vendor/transformers/transformers.js', '/models/all-MiniLM-L6-v2-onnx-q8/onnx/model_quantized.onnx',
    '/models/all-MiniLM-L6-v2-onnx-q8/tokenizer.json', '/data/wordnet-docs.json', '/data/wordnet-minilm-384.f32']) {
    assert.ok(precache.urls.includes(url), `${url} is precached`);
  }
  for (const url of precache.urls) assert.equal((await head(url)).status, 200, url);
});

test('the corpus: 25,000 WordNet glosses with a part of speech each, and their 384-d vectors', async () => {
  const docs = await (await fetch(`${server.url}/data/wordnet-docs.json`)).json();
  assert.equal(docs.count, 25000);
  assert.equal(docs.texts.length, 25000);
  assert.match(docs.pos, /^[nvar]{25000}$/);
  const vectors = new Float32Array(await (await fetch(`${server.url}/data/wordnet-minilm-384.f32`)).arrayBuffer());
  assert.equal(vectors.length, 25000 * 384);
  const row = 933;
  assert.match(docs.texts[row], /^adz, adze:/);
  const norm = Math.hypot(...vectors.subarray(row * 384, (row + 1) * 384));
  assert.ok(Math.abs(norm - 1) < 1e-4, `unit length, got ${norm}`);
});

test('paths outside the mounts are refused', async () => {
  assert.equal((await head('/../package.json')).status, 404);
  assert.equal((await head('/data/..%2f..%2fpackage.json')).status, 403);
});
