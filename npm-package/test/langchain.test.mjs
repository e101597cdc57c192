// teavec/langchain: TeaVecStore checked case by case against what LangChain's vector-store standard suite checks
// (langchain_tests VectorStoreIntegrationTests: empty store, add + search returns the documents with their ids
// and metadata and leaves the inputs alone, delete, bulk delete, delete of missing ids, idempotent add by id,
// overwrite by id, getByIds in order and with missing ids, ids from Document.id; @langchain/standard-tests has no
// JS vector-store suite and is not on the registry here), plus what this store adds: scores and filters against
// a brute-force oracle, metadata that TeaVec cannot hold as is, retriever, fromTexts / fromDocuments, MMR, and
// persistence through openDatabase. Embeddings: LangChain's own SyntheticEmbeddings (deterministic).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document } from '@langchain/core/documents';
import { SyntheticEmbeddings } from '@langchain/core/utils/testing';
import init, { Database, TeaVecError, openDatabase } from '../dist/teavec.js';
import { TeaVecStore, similarityOf } from '../dist/langchain.js';

await init();
const embeddings = new SyntheticEmbeddings({ vectorSize: 6 });
const store = (args = {}) => new TeaVecStore(embeddings, args);
const doc = (pageContent, metadata, id) => new Document({ pageContent, metadata, ...(id !== undefined ? { id } : {}) });
/** Documents as plain values, so that deepEqual compares what matters (id, content, metadata). */
const plain = (docs) => docs.map((d) => ({ id: d.id, pageContent: d.pageContent, metadata: d.metadata }));
const p = (pageContent, metadata, id) => ({ id, pageContent, metadata });

async function rejectsWith(code, promise) {
  await assert.rejects(promise, (e) => {
    assert.ok(e instanceof TeaVecError, `expected a TeaVecError, got ${e?.stack ?? e}`);
    assert.equal(e.code, code, e.message);
    return true;
  });
}

test('an empty store finds nothing', async () => {
  assert.deepEqual(await store().similaritySearch('foo', 1), []);
});

test('added documents come back from a search with their ids and metadata; the inputs are not changed', async () => {
  const s = store();
  const originals = [doc('foo', { id: 1 }), doc('bar', { id: 2 })];
  const ids = await s.addDocuments(originals);
  assert.equal(ids.length, 2);
  assert.ok(ids.every((id) => typeof id === 'string' && id.length > 0) && ids[0] !== ids[1]);
  assert.deepEqual(plain(await s.similaritySearch('bar', 2)), [p('bar', { id: 2 }, ids[1]), p('foo', { id: 1 }, ids[0])]);
  assert.deepEqual(plain(originals), [p('foo', { id: 1 }, undefined), p('bar', { id: 2 }, undefined)]);
  // A fresh store starts empty again (each store has its own in-memory database).
  assert.deepEqual(await store().similaritySearch('foo', 1), []);
});

test('delete removes documents by id, one or several; missing ids are no error', async () => {
  const s = store();
  assert.deepEqual(await s.addDocuments([doc('foo', { id: 1 }), doc('bar', { id: 2 })], { ids: ['1', '2'] }), ['1', '2']);
  await s.delete({ ids: ['1'] });
  assert.deepEqual(plain(await s.similaritySearch('foo', 1)), [p('bar', { id: 2 }, '2')]);

  const bulk = store();
  await bulk.addDocuments([doc('foo', { id: 1 }), doc('bar', { id: 2 }), doc('baz', { id: 3 })], { ids: ['1', '2', '3'] });
  await bulk.delete({ ids: ['1', '2'] });
  assert.deepEqual(plain(await bulk.similaritySearch('foo', 1)), [p('baz', { id: 3 }, '3')]);

  const empty = store();
  await empty.delete({ ids: ['1'] });
  await empty.delete({ ids: ['1', '2', '3'] });
  await bulk.delete(['1', '2', '3', 'nope']);
  assert.deepEqual(await bulk.similaritySearch('foo', 5), []);
  await rejectsWith('INVALID_ARGUMENT', bulk.delete({}));
});

test('adding the same ids twice stores them once; adding an id again replaces its content and metadata', async () => {
  const s = store();
  const documents = [doc('foo', { id: 1 }), doc('bar', { id: 2 })];
  await s.addDocuments(documents, { ids: ['1', '2'] });
  await s.addDocuments(documents, { ids: ['1', '2'] });
  assert.deepEqual(plain(await s.similaritySearch('bar', 5)), [p('bar', { id: 2 }, '2'), p('foo', { id: 1 }, '1')]);

  await s.addDocuments([doc('new foo', { id: 1, some_other_field: 'foo' })], { ids: ['1'] });
  assert.deepEqual(plain(await s.similaritySearch('new foo', 2)),
    [p('new foo', { id: 1, some_other_field: 'foo' }, '1'), p('bar', { id: 2 }, '2')]);
  // Replaced, not merged: a key the new metadata lacks is gone.
  await s.addDocuments([doc('bar', { other: true })], { ids: ['2'] });
  assert.deepEqual(plain(await s.getByIds(['2'])), [p('bar', { other: true }, '2')]);
  await s.addDocuments([doc('bar')], { ids: ['2'] });
  assert.deepEqual(plain(await s.getByIds(['2'])), [p('bar', {}, '2')]);
});

test('getByIds gives documents in the order asked, leaves out missing ids; ids come from Document.id when given', async () => {
  const s = store();
  const ids = await s.addDocuments([doc('foo', { id: 1 }), doc('bar', { id: 2 })], { ids: ['1', '2'] });
  assert.deepEqual(plain(await s.getByIds(ids)), [p('foo', { id: 1 }, '1'), p('bar', { id: 2 }, '2')]);
  assert.deepEqual(plain(await s.getByIds(['2', 'missing', '1'])), [p('bar', { id: 2 }, '2'), p('foo', { id: 1 }, '1')]);
  assert.deepEqual(await store().getByIds(['1', '2', '3']), []);

  const generated = store();
  const gen = await generated.addDocuments([doc('foo', { id: 1 }), doc('bar', { id: 2 })]);
  assert.deepEqual(plain(await generated.getByIds(gen)), [p('foo', { id: 1 }, gen[0]), p('bar', { id: 2 }, gen[1])]);

  const mixed = store();
  const got = await mixed.addDocuments([doc('foo', { id: 1 }, 'foo'), doc('bar', { id: 2 })]);
  assert.equal(got[0], 'foo');
  assert.deepEqual(plain(await mixed.getByIds(got)), [p('foo', { id: 1 }, 'foo'), p('bar', { id: 2 }, got[1])]);
  await rejectsWith('INVALID_ARGUMENT', mixed.addDocuments([doc('x')], { ids: ['a', 'b'] }));
  await rejectsWith('DUPLICATE_ID', mixed.addDocuments([doc('x'), doc('y')], { ids: ['d', 'd'] }));
  assert.deepEqual(await mixed.getByIds(['d']), [], 'a refused call stores nothing');
});

// A corpus for the oracle: words with distinct synthetic embeddings, metadata to filter on.
const WORDS = ['apple', 'banana', 'cherry', 'date', 'elder', 'fig', 'grape', 'honeydew', 'kiwi', 'lemon', 'mango',
  'nectarine', 'orange', 'papaya', 'quince', 'raspberry', 'strawberry', 'tangerine', 'ugli', 'vanilla'];
const metadataOf = (i) => ({ rank: i, group: ['red', 'green', 'blue'][i % 3], even: i % 2 === 0, tags: i % 4 === 0 ? ['x', 'y'] : ['y'] });
const cosine = (a, b) => {
  let dot = 0; let na = 0; let nb = 0;
  for (let i = 0; i < a.length; i++) { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i]; }
  return dot / Math.sqrt(na * nb);
};

async function oracle(query, keep) {
  const q = await embeddings.embedQuery(query);
  const vectors = await embeddings.embedDocuments(WORDS);
  return WORDS.map((w, i) => ({ id: `w${i}`, score: cosine(q, vectors[i]), i }))
    .filter(({ i }) => keep(metadataOf(i))).sort((a, b) => b.score - a.score);
}

test('scores are similarities, best first, equal to cosine similarity; filters (where objects and filter strings) select exactly', async () => {
  const s = await TeaVecStore.fromTexts(WORDS, WORDS.map((_, i) => metadataOf(i)), embeddings,
    { collectionOptions: { indexType: 'flat' } });
  // fromTexts made random ids: index them by word to compare with the oracle.
  const idOf = new Map();
  for (const [d] of await s.similaritySearchWithScore('apple', WORDS.length)) idOf.set(d.pageContent, d.id);
  assert.equal(idOf.size, WORDS.length);
  const cases = [
    [undefined, () => true],
    [{ group: 'red' }, (m) => m.group === 'red'],
    [{ $and: [{ rank: { $gte: 5 } }, { even: true }] }, (m) => m.rank >= 5 && m.even],
    [{ group: { $in: ['green', 'blue'] } }, (m) => m.group !== 'red'],
    ['rank < 7 AND group = "blue"', (m) => m.rank < 7 && m.group === 'blue'],
    ['tags CONTAINS "x"', (m) => m.tags.includes('x')],
  ];
  for (const query of ['cherry', 'mango', 'zzz', 'strawberry fields']) {
    for (const [filter, keep] of cases) {
      const expected = await oracle(query, keep);
      for (let a = 1; a < expected.length; a++) {
        assert.ok(expected[a - 1].score - expected[a].score > 1e-6, `the fixture has no ties (${query})`);
      }
      const got = await s.similaritySearchWithScore(query, 5, filter);
      const label = `${query} / ${JSON.stringify(filter)}`;
      assert.deepEqual(got.map(([d]) => d.pageContent), expected.slice(0, 5).map(({ i }) => WORDS[i]), label);
      got.forEach(([d, score], j) => {
        assert.ok(Math.abs(score - expected[j].score) < 1e-5, `${label}: score ${score} vs ${expected[j].score}`);
        assert.deepEqual(d.metadata, metadataOf(WORDS.indexOf(d.pageContent)));
        assert.equal(d.id, idOf.get(d.pageContent));
      });
    }
  }
  const [[best, score]] = await s.similaritySearchWithScore('kiwi', 1);
  assert.equal(best.pageContent, 'kiwi');
  assert.ok(Math.abs(score - 1) < 1e-6, 'an identical vector has similarity 1');
  await rejectsWith('INVALID_FILTER', s.similaritySearch('kiwi', 3, 'rank <'));

  // delete by filter: exactly the matching documents go.
  await s.delete({ filter: { group: 'red' } });
  const left = await s.similaritySearch('apple', WORDS.length);
  assert.deepEqual(left.map((d) => d.pageContent).sort(), WORDS.filter((_, i) => metadataOf(i).group !== 'red').sort());
});

test('scores for the l2 and dot metrics', async () => {
  assert.equal(similarityOf('cosine', 0.25), 0.75);
  assert.equal(similarityOf('l2', 3), 0.25);
  assert.equal(similarityOf('dot', -2.5), 2.5);
  for (const metric of ['l2', 'dot']) {
    const s = store({ collectionOptions: { metric, indexType: 'flat' } });
    await s.addVectors([[1, 0], [0, 2], [3, 4]], [doc('a'), doc('b'), doc('c')]);
    const got = await s.similaritySearchVectorWithScore([1, 1], 3);
    const expected = metric === 'l2'
      ? [['a', 1 / (1 + 1)], ['b', 1 / (1 + Math.SQRT2)], ['c', 1 / (1 + Math.sqrt(13))]]
      : [['c', 7], ['b', 2], ['a', 1]];
    assert.deepEqual(got.map(([d]) => d.pageContent), expected.map(([t]) => t), metric);
    got.forEach(([, score], i) => assert.ok(Math.abs(score - expected[i][1]) < 1e-5, `${metric}: ${score}`));
  }
});

test('metadata TeaVec cannot hold as is (nested objects, number arrays) comes back as it was; plain values filter', async () => {
  const s = store();
  const metadata = {
    source: 'a.txt', loc: { lines: { from: 3, to: 9 } }, pages: [1, 2], tags: ['t1', 't2'], empty: [], none: null,
    flag: false, score: 0.5, mixed: ['a', 1], nested: [{ k: 'v' }],
  };
  const [id] = await s.addDocuments([doc('foo', metadata), doc('bar', { source: 'b.txt', loc: { lines: { from: 1, to: 2 } } })]);
  const [back] = await s.getByIds([id]);
  assert.deepEqual(back.metadata, metadata);
  assert.deepEqual(plain(await s.similaritySearch('bar', 5, { source: 'a.txt' })), [p('foo', metadata, id)]);
  // The reserved key and values JSON cannot hold are refused, and nothing of the batch is stored.
  await rejectsWith('INVALID_ARGUMENT', s.addDocuments([doc('ok'), doc('x', { 'lc:json': ['y'] })]));
  await rejectsWith('INVALID_ARGUMENT', s.addDocuments([doc('ok'), doc('x', { big: 1n })]));
  await rejectsWith('INVALID_ARGUMENT', s.addDocuments([doc('ok'), doc('x', { n: Number.NaN })]));
  assert.equal((await s.similaritySearch('ok', 10)).length, 2, 'refused batches stored nothing');
});

test('asRetriever returns the k nearest documents, with a filter too', async () => {
  const s = await TeaVecStore.fromDocuments([doc('foo', { kind: 'a' }), doc('bar', { kind: 'b' }), doc('baz', { kind: 'a' })],
    embeddings);
  const retriever = s.asRetriever(2);
  assert.deepEqual((await retriever.invoke('bar')).map((d) => d.pageContent), ['bar', 'baz']);
  const filtered = s.asRetriever({ k: 2, filter: { kind: 'a' } });
  assert.deepEqual((await filtered.invoke('bar')).map((d) => d.pageContent), ['baz', 'foo']);
  const mmr = s.asRetriever({ k: 1, searchType: 'mmr', searchKwargs: { fetchK: 3, lambda: 1 } });
  assert.deepEqual((await mmr.invoke('foo')).map((d) => d.pageContent), ['foo']);
});

test('fromTexts takes one metadata per text or one for all; fromDocuments keeps Document ids', async () => {
  const one = await TeaVecStore.fromTexts(['foo', 'bar'], { source: 'same' }, embeddings);
  assert.deepEqual((await one.similaritySearch('foo', 2)).map((d) => [d.pageContent, d.metadata]),
    [['foo', { source: 'same' }], ['bar', { source: 'same' }]]);
  const each = await TeaVecStore.fromTexts(['foo', 'bar'], [{ n: 1 }, { n: 2 }], embeddings);
  assert.deepEqual((await each.similaritySearch('bar', 1)).map((d) => d.metadata), [{ n: 2 }]);
  await rejectsWith('INVALID_ARGUMENT', TeaVecStore.fromTexts(['foo', 'bar'], [{ n: 1 }], embeddings));
  const docs = await TeaVecStore.fromDocuments([doc('foo', {}, 'f'), doc('bar', {}, 'b')], embeddings);
  assert.deepEqual(plain(await docs.getByIds(['b', 'f'])), [p('bar', {}, 'b'), p('foo', {}, 'f')]);
});

test('maxMarginalRelevanceSearch prefers a different document over a duplicate of the first', async () => {
  const s = store();
  await s.addDocuments([doc('bar', {}, 'b1'), doc('bar', {}, 'b2'), doc('foo', {}, 'f')]);
  const plainSearch = (await s.similaritySearch('bar', 2)).map((d) => d.pageContent);
  assert.deepEqual(plainSearch, ['bar', 'bar']);
  const diverse = await s.maxMarginalRelevanceSearch('bar', { k: 2, fetchK: 3, lambda: 0.3 });
  assert.deepEqual(diverse.map((d) => d.pageContent), ['bar', 'foo']);
  const nearest = await s.maxMarginalRelevanceSearch('bar', { k: 2, fetchK: 3, lambda: 1 });
  assert.deepEqual(nearest.map((d) => d.pageContent), ['bar', 'bar']);
  assert.deepEqual(await store().maxMarginalRelevanceSearch('bar', { k: 2 }), []);
});

test('a store over a database opened by name: reopening sees the documents, deletes included', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'teavec-langchain-'));
  try {
    const args = { database: join(dir, 'db'), databaseOptions: { storage: 'file' }, collectionName: 'notes' };
    const s = store(args);
    await s.addDocuments([doc('foo', { loc: { from: 1 } }), doc('bar', { n: 2 }), doc('baz', { n: 3 })],
      { ids: ['1', '2', '3'] });
    await s.delete({ ids: ['3'] });
    await s.close();

    const again = await TeaVecStore.fromExistingCollection(embeddings, args);
    assert.deepEqual(plain(await again.similaritySearch('bar', 5)), [p('bar', { n: 2 }, '2'), p('foo', { loc: { from: 1 } }, '1')]);
    await again.close();

    // A collection of an opened database can be handed over; the store then leaves the database open.
    const db = await openDatabase(join(dir, 'db'), { storage: 'file' });
    const collection = db.getCollection('notes');
    const given = store({ collection });
    assert.deepEqual((await given.getByIds(['1', '2'])).map((d) => d.pageContent), ['foo', 'bar']);
    await given.close();
    assert.equal(collection.count(), 2);
    assert.deepEqual((await given.getByIds(['1'])).map((d) => d.pageContent), ['foo'], 'a given collection stays in use');
    await db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a store over a collection of an in-memory Database, and options checked', async () => {
  const db = new Database();
  const collection = db.createCollection('c', { metadata: { 'hnsw:space': 'l2' } });
  const s = store({ collection });
  await s.addDocuments([doc('foo'), doc('bar')], { ids: ['f', 'b'] });
  assert.deepEqual(collection.get({ ids: ['f'] }).documents, ['foo']);
  assert.equal((await s.ensureCollection()), collection);
  assert.throws(() => store({ collection, collectionName: 'x' }), (e) => e instanceof TeaVecError && e.code === 'INVALID_ARGUMENT');
  assert.throws(() => store({ nope: 1 }), (e) => e instanceof TeaVecError && e.code === 'INVALID_ARGUMENT');
  // The same collection reached by database + name.
  const byName = store({ database: db, collectionName: 'c' });
  assert.deepEqual((await byName.getByIds(['b'])).map((d) => d.pageContent), ['bar']);
  await rejectsWith('DIMENSION_MISMATCH', s.addVectors([[1, 2, 3]], [doc('wrong')]));
  await byName.close();
  assert.equal(collection.count(), 2, 'a database given to the store stays open');

  // The in-memory database a store made is its own: close() frees it, and the store starts again empty.
  const own = store();
  await own.addDocuments([doc('foo')]);
  const made = await own.ensureCollection();
  await own.close();
  assert.throws(() => made.count(), (e) => e instanceof TeaVecError && e.code === 'INDEX_FREED');
  assert.deepEqual(await own.similaritySearch('foo', 1), []);
});

test('a store over a teavec/worker collection: the engine in a worker thread, the same answers', async () => {
  const { openWorkerDatabase } = await import('../dist/worker.js');
  const db = await openWorkerDatabase();
  try {
    const s = store({ collection: await db.getOrCreateCollection('c') });
    await s.addDocuments([doc('foo', { loc: { from: 1 } }), doc('bar', { n: 2 }), doc('baz', { n: 3 })], { ids: ['1', '2', '3'] });
    const scored = await s.similaritySearchWithScore('bar', 3, { n: { $gte: 2 } });
    assert.deepEqual(scored.map(([d]) => [d.id, d.pageContent, d.metadata]), [['2', 'bar', { n: 2 }], ['3', 'baz', { n: 3 }]]);
    assert.ok(Math.abs(scored[0][1] - 1) < 1e-6 && scored[1][1] < scored[0][1]);
    await s.delete({ ids: ['2'] });
    assert.deepEqual(plain(await s.getByIds(['1', '2'])), [p('foo', { loc: { from: 1 } }, '1')]);
    assert.deepEqual((await s.maxMarginalRelevanceSearch('foo', { k: 1 })).map((d) => d.id), ['1']);
  } finally {
    await db.close();
  }
});

test('the example of docs/langchain.md runs as written (Node: the database is a directory)', async () => {
  const { readFileSync, writeFileSync } = await import('node:fs');
  const { execFileSync } = await import('node:child_process');
  const { pathToFileURL, fileURLToPath } = await import('node:url');
  const markdown = readFileSync(new URL('../../docs/langchain.md', import.meta.url), 'utf8');
  const example = markdown.match(/```js\n([\s\S]*?)```/)[1];
  const dist = (file) => pathToFileURL(fileURLToPath(new URL(`../dist/${file}`, import.meta.url))).href;
  const script = example
    .replace("from 'teavec/langchain'", `from '${dist('langchain.js')}'`)
    .replace("from '@langchain/core/documents'", `from '${import.meta.resolve('@langchain/core/documents')}'`)
    .replace('const store', `const { SyntheticEmbeddings } = await import('${import.meta.resolve('@langchain/core/utils/testing')}');
const embeddings = new SyntheticEmbeddings({ vectorSize: 8 });
const store`)
    + `const again = new TeaVecStore(embeddings, { database: 'notes', collectionName: 'docs' });
console.log(JSON.stringify((await again.getByIds(['n1', 'n2'])).map((d) => [d.id, d.metadata])));
await again.close();
`;
  const dir = mkdtempSync(join(tmpdir(), 'teavec-langchain-doc-'));
  try {
    writeFileSync(join(dir, 'example.mjs'), script);
    const out = execFileSync(process.execPath, ['example.mjs'], { cwd: dir, encoding: 'utf8' });
    assert.deepEqual(JSON.parse(out), [['n1', { topic: 'security', year: 2025 }]]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
