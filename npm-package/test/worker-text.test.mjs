// Full-text search in a Cloudflare Worker (the real workerd runtime, through miniflare): Workers cannot compile
// Wasm from bytes, so teavec-text.wasm is imported as a module like teavec.wasm and handed to init({ text }).
// Text and hybrid queries answer as in Node, also from a snapshot that holds a saved text index.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Miniflare } from 'miniflare';
import init, { Database } from '../dist/teavec.js';
import { packageDir } from './helpers.mjs';

await init();

const DOCS = {
  a: 'The river runs past the stones',
  b: 'Running rivers',
  c: 'A zebra in Bristol',
  d: 'stones and stones',
  e: 'a saw for cutting wood',
};
const vectorOf = (i) => [Math.cos(i), Math.sin(i), 1];
const QUERIES = [
  { queryTexts: ['running river', 'bristol'], mode: 'text', include: ['documents', 'distances'] },
  { queryTexts: ['stones river'], mode: 'text', where: { g: 2 }, include: [] },
  { queryTexts: ['zebra'], queryEmbeddings: [vectorOf(1)], mode: 'hybrid', nResults: 2, include: ['distances'] },
  { queryTexts: ['cutting wood'], mode: 'text', textAnalyzer: 'plain', include: [] },
];

function collection(db) {
  const c = db.createCollection({ name: 't' });
  const ids = Object.keys(DOCS);
  c.add({ ids, embeddings: ids.map((_, i) => vectorOf(i)), documents: Object.values(DOCS), metadatas: ids.map((_, i) => ({ g: 1 + (i % 2) })) });
  return c;
}

// The worker: a collection built in place, or the snapshot POSTed to it, queried in text and hybrid modes.
const WORKER = `
import init, { Database } from './teavec.js';
import wasm from './teavec.wasm';
import textWasm from './teavec-text.wasm';
const DOCS = ${JSON.stringify(DOCS)};
const QUERIES = ${JSON.stringify(QUERIES)};
const vectorOf = (i) => [Math.cos(i), Math.sin(i), 1];
${collection.toString()}
export default {
  async fetch(request) {
    try {
      await init({ module: wasm, text: ${'textWasm'} });
      const url = new URL(request.url);
      const c = url.pathname === '/snapshot'
        ? Database.fromBytes(new Uint8Array(await request.arrayBuffer())).getCollection('t')
        : collection(new Database());
      const out = [];
      for (const q of QUERIES) out.push(await c.query(q));
      return Response.json(out);
    } catch (e) {
      return Response.json({ error: String(e?.stack ?? e), code: e?.code }, { status: 500 });
    }
  },
};`;

const dist = (file) => readFileSync(join(packageDir, 'dist', file));
let mf;
let withoutText;

function miniflare(source) {
  // Every chunk of the package: text search's code is loaded by dynamic import.
  const chunks = readdirSync(join(packageDir, 'dist')).filter((f) => /^teavec.*\.js$/.test(f));
  return new Miniflare({
    compatibilityDate: '2025-09-01',
    modules: [
      { type: 'ESModule', path: 'worker.js', contents: source },
      ...chunks.map((f) => ({ type: 'ESModule', path: f, contents: dist(f).toString('utf8') })),
      { type: 'CompiledWasm', path: 'teavec.wasm', contents: dist('teavec.wasm') },
      { type: 'CompiledWasm', path: 'teavec-text.wasm', contents: dist('teavec-text.wasm') },
    ],
  });
}

before(() => {
  mf = miniflare(WORKER);
  withoutText = miniflare(WORKER.replace("import textWasm from './teavec-text.wasm';", '').replace(', text: textWasm', ''));
});
after(async () => {
  await mf?.dispose();
  await withoutText?.dispose();
});

/** What Node answers (the results as JSON: column-major fields). */
async function expected(c) {
  const out = [];
  for (const q of QUERIES) out.push(JSON.parse(JSON.stringify(await c.query(q))));
  return out;
}

test('text and hybrid queries in workerd answer as in Node', async () => {
  const want = await expected(collection(new Database()));
  const res = await mf.dispatchFetch('http://localhost/');
  const body = await res.json();
  assert.equal(res.status, 200, JSON.stringify(body));
  assert.deepEqual(body, want);
  assert.deepEqual(body[0].ids, [['b', 'a'], ['c']]);
});

test('a snapshot with a saved text index, made in Node, is searched by text in workerd', async () => {
  const db = new Database();
  const c = collection(db);
  const want = await expected(c); // builds (and so saves) both analyzers' indexes
  const res = await mf.dispatchFetch('http://localhost/snapshot', { method: 'POST', body: db.toBytes() });
  const body = await res.json();
  assert.equal(res.status, 200, JSON.stringify(body));
  assert.deepEqual(body, want);
});

test('without init({ text }) a text query in workerd fails with LOAD_FAILED, not a crash', async () => {
  const res = await withoutText.dispatchFetch('http://localhost/');
  const body = await res.json();
  assert.equal(res.status, 500);
  assert.equal(body.code, 'LOAD_FAILED', body.error);
});
