// Embedding functions with teavec/worker: a function cannot cross postMessage, so it runs on the calling side
// (src/worker-embeddings.js). The same collection calls run on the direct Database and on openWorkerDatabase
// (in memory and by name) and must answer alike; the worker's collection saves the function's name and config.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import init, { Database, TeaVecError, openDatabase } from '../dist/teavec.js';
import { openWorkerDatabase } from '../dist/worker.js';
import { registerEmbeddingFunction } from '../dist/embeddings.js';
import { letterVectors } from './letter-embeddings.js';

await init();
const dirs = mkdtempSync(join(tmpdir(), 'teavec-worker-ef-'));
after(() => rmSync(dirs, { recursive: true, force: true }));

/** A plain-object embedding function (letter counts, normalised) that counts its calls here. */
function letters() {
  const ef = {
    name: 'letters',
    calls: 0,
    async generate(texts) {
      ef.calls++;
      return letterVectors(texts);
    },
    getConfig: () => ({ alphabet: 26 }),
  };
  return ef;
}

const DOCS = ['apple pie', 'zebra crossing', 'quiet quokka', 'banana bread'];
const IDS = ['a', 'z', 'q', 'b'];

/** The calls under test, on a database `db` (direct or worker); returns what they answered. */
async function scenario(db, ef) {
  const c = await db.createCollection({ name: 'texts', embeddingFunction: ef });
  const progress = [];
  await c.add({ ids: IDS.slice(0, 3), documents: DOCS.slice(0, 3), embeddingBatchSize: 2, onProgress: (d, t) => progress.push([d, t]) });
  await c.upsert({ ids: ['b'], documents: [DOCS[3]] });
  await c.update({ ids: ['q'], documents: ['quiet quokka quest'] });
  const byText = await c.query({ queryTexts: ['zebra crossing', 'apple pie'], nResults: 1 });
  const byVector = await c.query({ queryEmbeddings: [(await ef.generate(['bread']))[0]], nResults: 1 });
  const hybrid = await c.query({ queryTexts: 'zebra crossing', mode: 'hybrid', nResults: 1 });
  const stored = await c.get({ ids: ['z'], include: ['embeddings', 'documents'] });
  // Listed collections embed with the function too (the calling side remembers it by collection name).
  const [listed] = await db.listCollections();
  const viaListed = await listed.query({ queryTexts: 'banana', nResults: 1 });
  return {
    progress, byText: byText.ids, hybrid: hybrid.ids, byVector: byVector.ids, viaListed: viaListed.ids, documents: stored.documents,
    embedding: Array.from(stored.embeddings[0], (x) => Math.round(x * 1e6) / 1e6), count: await c.count(),
  };
}

test('a plain-object embedding function works through the worker as on the direct API (it runs on the calling side)', async () => {
  const directEf = letters();
  const direct = await scenario(new Database(), directEf);
  assert.deepEqual(direct.byText, [['z'], ['a']]);
  assert.deepEqual(direct.byVector, [['b']]);
  for (const open of [() => openWorkerDatabase(), () => openWorkerDatabase(join(dirs, 'by-name'), { storage: 'file' })]) {
    const ef = letters();
    const db = await open();
    const got = await scenario(db, ef);
    assert.deepEqual(got, direct);
    assert.equal(ef.calls, directEf.calls, 'every embedding was made by the function on this side');
    await db.close();
  }
});

test('the worker saves the function\'s name and config; a reopened collection takes the function again', async () => {
  const name = join(dirs, 'saved');
  const db = await openWorkerDatabase(name, { storage: 'file' });
  await (await db.createCollection({ name: 'texts', embeddingFunction: letters() })).add({ ids: ['a'], documents: ['apple'] });
  await db.close();
  // Read back directly: the collection names "letters" with its config, which the registry builds it from.
  const direct = await openDatabase(name, { storage: 'file' });
  await assert.rejects(direct.getCollection('texts').query({ queryTexts: 'apple' }),
    (e) => e.code === 'INVALID_CONFIG' && e.message.includes('"letters", which is not registered'));
  let config;
  registerEmbeddingFunction('letters', (c) => { config = c; return letters(); });
  assert.deepEqual((await direct.getCollection('texts').query({ queryTexts: 'apple', nResults: 1 })).ids, [['a']]);
  assert.deepEqual(config, { alphabet: 26 });
  await direct.close();
  const again = await openWorkerDatabase(name, { storage: 'file' });
  const ef = letters();
  const c = await again.getCollection({ name: 'texts', embeddingFunction: ef });
  assert.deepEqual((await c.query({ queryTexts: 'apple', nResults: 1 })).ids, [['a']]);
  assert.equal(ef.calls, 1);
  await assert.rejects(again.getCollection({ name: 'texts', embeddingFunction: { ...letters(), name: 'other' } }),
    (e) => e instanceof TeaVecError && e.code === 'INVALID_CONFIG');
  await again.close();
});

test('what cannot be an embedding function is refused with the direct API\'s code, not DataCloneError', async () => {
  const db = await openWorkerDatabase();
  await assert.rejects(db.createCollection({ name: 'f', embeddingFunction: (texts) => texts }),
    (e) => e instanceof TeaVecError && e.code === 'INVALID_ARGUMENT');
  await assert.rejects(db.createCollection({ name: 'g', embeddingFunction: { generate: 1 } }),
    (e) => e instanceof TeaVecError && e.code === 'INVALID_ARGUMENT');
  // The (name, options) form takes it too.
  const named = await db.getOrCreateCollection('two-args', { embeddingFunction: letters() });
  await named.add({ ids: ['x'], documents: ['xylophone'] });
  assert.deepEqual((await named.query({ queryTexts: 'xylophone', nResults: 1 })).ids, [['x']]);
  // A failing function rejects with EMBEDDING_FAILED before anything is stored.
  const broken = { name: 'broken', generate: async () => { throw new Error('model offline'); } };
  const c = await db.createCollection({ name: 'h', embeddingFunction: broken });
  await assert.rejects(c.add({ ids: ['x'], documents: ['x'] }), (e) => e.code === 'EMBEDDING_FAILED' && /model offline/.test(e.message));
  assert.equal(await c.count(), 0);
  await db.close();
});
