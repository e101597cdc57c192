// query({ queryTexts, mode: 'text' | 'hybrid' }): BM25 (teavec-text.wasm) and its rank fusion with the vector
// search. The text index is built on the first text query and then kept current by the writes: after any
// sequence of changes it answers as the same index saved and loaded does (text-snapshot.test.mjs compares
// that one with an index built from scratch).
// On the labelled WordNet lemma set (wasm-core's HybridRecallTest), hybrid recall@10 beats both sides.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import init, { Database, openDatabase, TeaVecError } from '../dist/teavec.js';
import { packageDir, rng } from './helpers.mjs';

await init();

const DATA = process.env.TEAVEC_DATA ?? join(packageDir, '..', '..', 'shared', 'data');
const WORDNET = join(DATA, 'wordnet-minilm-384-angular');
const SET = join(packageDir, '..', 'wasm-core', 'src', 'test', 'resources', 'dev', 'teavec', 'core', 'fulltext', 'wordnet-hybrid');
const noData = !existsSync(join(WORDNET, 'wordnet_minilm_base.fvecs')) && 'no ../shared/data (set TEAVEC_DATA)';

function fvecs(file) {
  const buf = readFileSync(file);
  const dim = buf.readInt32LE(0);
  const n = buf.length / (4 + 4 * dim);
  return Array.from({ length: n }, (_, i) => new Float32Array(buf.buffer, buf.byteOffset + i * (4 + 4 * dim) + 4, dim).slice());
}

const WORDS = ['river', 'rivers', 'running', 'runs', 'stone', 'stones', 'Bristol', 'zebra', 'quick', 'fox', 'café', 'CAFE'];

function randomDocument(random) {
  if (random() < 0.1) return null;
  return Array.from({ length: 1 + Math.floor(random() * 6) }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
}

const vectorOf = (i) => [Math.cos(i), Math.sin(i), 1];

test('the text index follows every write exactly: its answers equal those of an index built from scratch', async () => {
  const seed = Number(process.env.TEAVEC_SEED ?? 20261206);
  const random = rng(seed);
  const db = new Database();
  const c = db.createCollection({ name: 'words' });
  const ids = Array.from({ length: 60 }, (_, i) => `r${i}`);
  c.add({ ids, embeddings: ids.map((_, i) => vectorOf(i)), documents: ids.map(() => randomDocument(random)) });
  const queries = ['river', 'running stones', 'cafe', 'Bristol zebra', 'fox quick run', 'absent'];
  const answers = async (collection, extra = {}) => Promise.all(queries.map((q) =>
    collection.query({ queryTexts: q, mode: 'text', nResults: 8, include: ['distances'], ...extra })));
  await answers(c); // builds the index
  await c.query({ queryTexts: 'x', mode: 'text', textAnalyzer: 'plain' }); // and a second one, kept current too
  for (let round = 0; round < 12; round++) {
    const n = 1 + Math.floor(random() * 6);
    const touched = Array.from({ length: n }, () => `r${Math.floor(random() * 80)}`);
    const pick = random();
    const unique = [...new Set(touched)];
    if (pick < 0.4) {
      c.upsert({ ids: unique, embeddings: unique.map((_, i) => vectorOf(i + round)), documents: unique.map(() => randomDocument(random) ?? 'zebra') });
    } else if (pick < 0.6) {
      const live = unique.filter((id) => c.get({ ids: id }).ids.length === 1);
      if (live.length) c.update({ ids: live, documents: live.map(() => randomDocument(random) ?? 'stone') });
    } else if (pick < 0.8) {
      c.delete({ ids: unique });
    } else {
      c.delete({ whereDocument: { $contains: WORDS[Math.floor(random() * WORDS.length)] } });
    }
    const fresh = Database.fromBytes(db.toBytes()).getCollection('words');
    assert.deepEqual(JSON.stringify(await answers(c)), JSON.stringify(await answers(fresh)), `seed ${seed}, round ${round}`);
    assert.deepEqual(JSON.stringify(await answers(c, { where: {} })), JSON.stringify(await answers(fresh)),
      `seed ${seed}, round ${round}: a filter matching everything`);
    assert.deepEqual(JSON.stringify(await answers(c, { textAnalyzer: 'plain' })), JSON.stringify(await answers(fresh, { textAnalyzer: 'plain' })),
      `seed ${seed}, round ${round}: plain analyzer`);
  }
});

test('text mode: BM25 with English stems, filters on the text side, distances are negated scores', async () => {
  const c = new Database().createCollection({ name: 't' });
  c.add({
    ids: ['a', 'b', 'c', 'd', 'e'],
    embeddings: [0, 1, 2, 3, 4].map(vectorOf),
    documents: ['The river runs past the stones', 'Running rivers', 'A zebra in Bristol', 'stones and stones', null],
    metadatas: [{ g: 1 }, { g: 2 }, { g: 1 }, { g: 2 }, { g: 1 }],
  });
  const r = await c.query({ queryTexts: ['running river', 'bristol'], mode: 'text', include: ['documents', 'distances'] });
  assert.deepEqual(r.ids, [['b', 'a'], ['c']], 'stems: "running" finds "runs", "river" finds "rivers"; case folded');
  assert.ok(r.distances[0][0] < r.distances[0][1] && r.distances[0][1] < 0, 'best first, negated BM25 scores');
  assert.deepEqual(r.rows()[1], [{ id: 'c', document: 'A zebra in Bristol', distance: r.distances[1][0] }]);
  assert.deepEqual((await c.query({ queryTexts: 'stones river', mode: 'text', where: { g: 2 }, include: [] })).ids, [['d', 'b']]);
  assert.deepEqual((await c.query({ queryTexts: 'stones river', mode: 'text', whereDocument: { $not_contains: 'and' }, ids: ['a', 'd'], include: [] })).ids, [['a']]);
  assert.deepEqual((await c.query({ queryTexts: 'nothing matches', mode: 'text' })).ids, [[]]);
  const rejects = (args, code) => assert.rejects(c.query(args), (e) => e instanceof TeaVecError && e.code === code, JSON.stringify(args));
  await rejects({ queryTexts: 'x', mode: 'semantic' }, 'INVALID_ARGUMENT');
  await rejects({ queryEmbeddings: [[1, 0, 0]], mode: 'text' }, 'INVALID_ARGUMENT');
  await rejects({ queryTexts: 'x', mode: 'hybrid' }, 'INVALID_ARGUMENT'); // no embedding function
  await rejects({ queryTexts: ['x', 'y'], queryEmbeddings: [vectorOf(0)], mode: 'hybrid' }, 'INVALID_ARGUMENT');
  // Without an embedding function, hybrid takes the query's embeddings beside its texts.
  const given = await c.query({ queryTexts: ['zebra'], queryEmbeddings: [vectorOf(1)], mode: 'hybrid', nResults: 2, include: [] });
  const vectorTop = c.query({ queryEmbeddings: [vectorOf(1)], nResults: 1, include: [] }).ids[0][0];
  assert.deepEqual(new Set(given.ids[0]), new Set(['c', vectorTop]), 'the BM25 best and the vector best');
  await rejects({ queryTexts: 'x', mode: 'text', whereDocument: { $regex: '(' } }, 'INVALID_FILTER');
  await rejects({ queryTexts: 'x', mode: 'text', nResults: 0 }, 'INVALID_K');
  await rejects({ queryTexts: 'x', mode: 'text', include: ['uris'] }, 'INVALID_ARGUMENT');
  assert.throws(() => c.query({ queryTexts: 'x', mode: 'vector' }), (e) => e.code === 'INVALID_ARGUMENT', 'vector mode needs a function');
});

test('a database opened by name rebuilds its text index from the stored documents', async () => {
  const name = `text-index-${process.pid}`;
  const db = await openDatabase(name, { storage: 'memory' });
  const c = await db.createCollection({ name: 'c' });
  await c.add({ ids: ['a', 'b'], embeddings: [vectorOf(0), vectorOf(1)], documents: ['zebra crossing', 'fox den'] });
  assert.deepEqual((await c.query({ queryTexts: 'zebra', mode: 'text', include: [] })).ids, [['a']]);
  await c.update({ ids: ['a'], documents: ['fox tail'] });
  assert.deepEqual((await c.query({ queryTexts: 'fox', mode: 'text', include: [] })).ids, [['a', 'b']], 'kept current');
  await db.close();
  const again = await openDatabase(name, { storage: 'memory' });
  assert.deepEqual((await again.getCollection('c').query({ queryTexts: 'zebra', mode: 'text' })).ids, [[]]);
  assert.equal((await again.getCollection('c').query({ queryTexts: 'fox', mode: 'text' })).ids[0].length, 2);
  await again.close();
});

test('hybrid recall@10 on the labelled WordNet set beats vector-only and text-only', { skip: noData, timeout: 600_000 }, async () => {
  const base = fvecs(join(WORDNET, 'wordnet_minilm_base.fvecs'));
  const texts = readFileSync(join(WORDNET, 'wordnet_minilm_base.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).text);
  const labelled = readFileSync(join(SET, 'queries.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const queryVectors = fvecs(join(SET, 'queries.fvecs'));
  // The user's embedding function: here a lookup of the precomputed MiniLM vectors of the query texts.
  const byText = new Map(labelled.map((q, i) => [q.query, queryVectors[i]]));
  const lookup = { name: 'lookup', generate: async (list) => list.map((t) => Array.from(byText.get(t))) };
  const c = new Database().createCollection({ name: 'glosses', embeddingFunction: lookup, indexType: 'flat' });
  for (let at = 0; at < base.length; at += 5000) {
    const rows = base.slice(at, at + 5000);
    c.add({ ids: rows.map((_, i) => String(at + i)), embeddings: rows, documents: texts.slice(at, at + rows.length) });
  }
  const recall = (found, relevant) => relevant.filter((r) => found.includes(String(r))).length / Math.min(10, relevant.length);
  for (const textAnalyzer of ['english', 'plain']) {
    const sums = { vector: 0, text: 0, hybrid: 0 };
    const t0 = performance.now();
    for (const mode of Object.keys(sums)) {
      const results = await c.query({ queryTexts: labelled.map((q) => q.query), nResults: 10, mode, textAnalyzer, include: [] });
      results.ids.forEach((ids, i) => { sums[mode] += recall(ids, labelled[i].relevant); });
    }
    const ms = performance.now() - t0;
    for (const mode of Object.keys(sums)) sums[mode] /= labelled.length;
    console.log(`# hybrid set (${labelled.length} queries, 25k glosses, ${textAnalyzer} analyzer): recall@10 vector `
      + `${sums.vector.toFixed(3)}, text (BM25) ${sums.text.toFixed(3)}, hybrid (RRF) ${sums.hybrid.toFixed(3)}; `
      + `${(ms / 3 / labelled.length).toFixed(2)} ms per query (index build included)`);
    assert.ok(sums.hybrid > sums.vector && sums.hybrid > sums.text, `${textAnalyzer}: ${JSON.stringify(sums)}`);
  }
  // The text side holds the filters too: a where on the glosses' rows narrows both sides.
  const narrowed = await c.query({ queryTexts: [labelled[0].query], mode: 'hybrid', ids: labelled[0].relevant.map(String), include: [] });
  assert.deepEqual([...narrowed.ids[0]].sort(), labelled[0].relevant.map(String).sort());
});
