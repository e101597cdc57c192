// rerank: 'storage' on IndexedDB (fake-indexeddb): a read searches the codes once, fetches its candidates' rows,
// then ranks them. Counted here, through the package's sources so that the engine index's wrapper can be watched:
// engine searches and embedding calls per query (exactly one each), with the answers checked against in-memory
// re-ranking of the same seeded data (same ids in order, distances within 1e-5), before and after a checkpoint
// (rows in memory, then in IndexedDB chunks), with where, with ids, and for a get with embeddings.
// The whole feature on real IndexedDB runs in Chromium: browser-tests/test/database-storage.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import 'fake-indexeddb/auto';
import init from '../src/quantization.js';
import { Database, openDatabase } from '../src/index.js';
import { wrap } from '../src/engine.js';
import { rng, seedFor } from './helpers.mjs';

await init();

const DIM = 24;
const COUNT = 800;
const K = 8;

// Every engine index is an instance of one wrapper class: its search methods, counted.
const indexMethods = Object.getPrototypeOf(wrap('index', null));
const searches = { count: 0 };
for (const name of ['search', 'searchFiltered']) {
  const original = indexMethods[name];
  indexMethods[name] = function counted(...args) {
    searches.count++;
    return original.apply(this, args);
  };
}

/** An embedding function that counts its calls: a text's vector is a seeded function of the text. */
function countingEmbedder() {
  const embedder = {
    calls: 0,
    async generate(texts) {
      embedder.calls++;
      return texts.map((text) => {
        const random = rng([...text].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7));
        return Array.from({ length: DIM }, () => random() * 2 - 1);
      });
    },
  };
  return embedder;
}

const settings = { quantization: 'binary', indexType: 'hnsw', metric: 'l2', seed: 5, ef_search: 40 };

function sameAnswers(got, want, label) {
  assert.deepEqual(got.ids, want.ids, `${label}: ids`);
  got.distances.forEach((row, q) => row.forEach((d, i) => assert.ok(Math.abs(d - want.distances[q][i]) <= 1e-5 * Math.max(1, Math.abs(d)),
    `${label}: query ${q} distance ${i}: ${d} vs ${want.distances[q][i]}`)));
}

/** COUNT seeded vectors (the seed printed for a replay) and their ids v0, v1, … */
function seededData(t, name) {
  const seed = seedFor(name);
  t.diagnostic(`seed ${seed}`);
  const random = rng(seed);
  const data = Array.from({ length: COUNT }, () => Array.from({ length: DIM }, () => random() * 2 - 1));
  return { seed, data, ids: data.map((_, i) => `v${i}`) };
}

test("rerank 'storage' on IndexedDB: one engine search and one embedding call per query, the answers of in-memory re-ranking", async (t) => {
  const { seed, data, ids } = seededData(t, 'rerank-idb-reads');
  const metadatas = data.map((_, i) => ({ odd: i % 2 === 1 }));
  const embedder = countingEmbedder();

  const oracleDb = new Database();
  const documents = data.map((_, i) => `note ${i} about word${i % 5}`);
  const oracle = oracleDb.createCollection({ name: 'c', ...settings, rerank: true, leanGraph: true, embeddingFunction: countingEmbedder() });
  oracle.add({ ids, embeddings: data, metadatas, documents });
  const db = await openDatabase(`reads-${seed}`, { storage: 'indexeddb', checkpointBytes: 1 << 30 });
  t.after(() => db.close());
  assert.equal(db.storage, 'indexeddb');
  const c = await db.createCollection({ name: 'c', ...settings, rerank: 'storage', embeddingFunction: embedder });
  await c.add({ ids, embeddings: data, metadatas, documents });

  const texts = ['a note', 'another note'];
  const queryEmbeddings = await countingEmbedder().generate(texts);
  const counted = async (label, read) => {
    searches.count = 0;
    embedder.calls = 0;
    const answer = await read();
    return { answer, searches: searches.count, embeddings: embedder.calls, label };
  };

  for (const phase of ['rows in memory', 'rows in IndexedDB']) {
    if (phase === 'rows in IndexedDB') await db.checkpoint();
    const byTexts = await counted(phase, () => c.query({ queryTexts: texts, nResults: K }));
    assert.equal(byTexts.embeddings, 1, `${phase}: the query texts are embedded once`);
    assert.equal(byTexts.searches, texts.length, `${phase}: one engine search per query text`);
    sameAnswers(byTexts.answer, oracle.query({ queryEmbeddings, nResults: K }), `${phase}, queryTexts`);

    const where = await counted(phase, () => c.query({ queryEmbeddings: [queryEmbeddings[0]], nResults: K, where: { odd: true } }));
    assert.equal(where.searches, 1, `${phase}: one filtered engine search`);
    sameAnswers(where.answer, oracle.query({ queryEmbeddings: [queryEmbeddings[0]], nResults: K, where: { odd: true } }), `${phase}, where`);

    // ids restrict the query to those records, searched exactly on their rows: no graph search at all.
    const some = ids.filter((_, i) => i % 7 === 0);
    const byIds = await counted(phase, () => c.query({ queryEmbeddings: [queryEmbeddings[1]], nResults: K, ids: some }));
    assert.equal(byIds.searches, 1, `${phase}: one exact search among the ids`);
    sameAnswers(byIds.answer, oracle.query({ queryEmbeddings: [queryEmbeddings[1]], nResults: K, ids: some }), `${phase}, ids`);

    const got = await c.get({ ids: ['v3', 'v400', 'v799'], include: ['embeddings'] });
    assert.deepEqual(got.embeddings, oracle.get({ ids: ['v3', 'v400', 'v799'], include: ['embeddings'] }).embeddings, `${phase}: get`);
    const peeked = await c.peek({ limit: 3 });
    assert.deepEqual(peeked.embeddings, oracle.peek({ limit: 3 }).embeddings, `${phase}: peek`);

    // Hybrid: the vector side through query (re-ranked on the rows), the records through get.
    const hybrid = { queryTexts: ['word3'], mode: 'hybrid', nResults: K, where: { odd: true }, include: ['embeddings', 'documents'] };
    const fused = await counted(phase, () => c.query(hybrid));
    assert.equal(fused.embeddings, 1, `${phase}: hybrid embeds its text once`);
    const want = await oracle.query(hybrid);
    assert.deepEqual(fused.answer.ids, want.ids, `${phase}: hybrid ids`);
    assert.deepEqual(fused.answer.embeddings, want.embeddings, `${phase}: hybrid embeddings`);
    assert.deepEqual(fused.answer.documents, want.documents, `${phase}: hybrid documents`);
  }
  oracleDb.free();
});

test("rerank 'storage' on IndexedDB: a write while a query fetches its rows is seen whole or not at all", async (t) => {
  const { seed, data, ids } = seededData(t, 'rerank-idb-reads-concurrent');
  const db = await openDatabase(`reads-concurrent-${seed}`, { storage: 'indexeddb', checkpointBytes: 1 << 30 });
  t.after(() => db.close());
  const c = await db.createCollection({ name: 'c', ...settings, rerank: 'storage' });
  await c.add({ ids, embeddings: data });
  await db.checkpoint();

  // The query's own vector is record v0: deleted while its rows are fetched, the query plans again without it.
  searches.count = 0;
  const reading = c.query({ queryEmbeddings: [data[0]], nResults: K });
  const deleting = c.delete({ ids: ['v0'] });
  const [answer] = await Promise.all([reading, deleting]);
  assert.ok(!answer.ids[0].includes('v0'), `the deleted record is not in the answer: ${answer.ids[0]}`);
  assert.equal(answer.ids[0].length, K);
  assert.equal(searches.count, 2, 'planned twice: once before the delete, once after');
});
