// The heavy case, run once: 25k WordNet × MiniLM vectors (384-d, cosine) with metadata and glosses
// pushed from a local collection; SolrCloud's answers against the shared ground truth and the local
// engine's exact answers; a filtered subset pulled into a local hot cache; deletes and updates both ways.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Database } from '../../../npm-package/dist/teavec.js';
import { push, pull } from '../../../npm-package/dist/solr.js';
import { ctx, remote } from '../context.mjs';
import { loadWordnet, slice, recallAt } from '../wordnet.mjs';

const ALL = ['embeddings', 'metadatas', 'documents'];
// The adverbs (~3%): a hot cache small enough to stay an exact scan locally (under the auto index's threshold).
const SUBSET = { pos: 'r' };
const s = {};

test('push 25k WordNet vectors with metadata and glosses', { timeout: 600000 }, async (t) => {
  s.w = loadWordnet();
  const n = s.w.ids.length;
  assert.equal(n, 25000);
  // 2 shards of 1 replica: the volume is indexed once per shard (replicas are exercised by faults.mjs;
  // the benchmark measures 2 × 2).
  await ctx.cluster.createCollection('wordnet', { dimensions: s.w.d, shards: 2, replicas: 1 });
  // Flat: the local collection's answers are exact, the oracle for filtered queries below.
  s.local = new Database().createCollection({ name: 'wordnet', indexType: 'flat' });
  s.local.add(slice(s.w, 0, n));
  s.solr = remote('wordnet');
  const stats = await push(s.local, s.solr);
  t.diagnostic(`push: ${n} records in ${stats.ms} ms = ${Math.round(n / (stats.ms / 1000))} records/s (${stats.retries} retries)`);
  assert.equal(stats.sent, n);
  assert.equal(stats.unchanged, 0);
  assert.equal(await s.solr.count(), n);
  const sample = s.w.ids.filter((_, i) => i % 1250 === 7);
  assert.deepEqual(await s.solr.get({ ids: sample, include: ALL }), s.local.get({ ids: sample, include: ALL }),
    'records come back as they went: float32 embeddings, metadata, glosses');
});

test('SolrCloud knn agrees with the exact answers: recall@10 ≥ 0.95 against the shared ground truth', { timeout: 300000 }, async (t) => {
  const row = new Map(s.w.ids.map((id, i) => [id, i]));
  const queries = s.w.queries.slice(0, 500);
  const r = await s.solr.query({ queryEmbeddings: queries, nResults: 10, include: [] });
  const recall = recallAt(10, r.ids.map((ids) => ids.map((id) => row.get(id))), s.w.truth);
  const exact = s.local.query({ queryEmbeddings: s.w.queries.slice(0, 100), nResults: 10, include: [] });
  const localRecall = recallAt(10, exact.ids.map((ids) => ids.map((id) => row.get(id))), s.w.truth.slice(0, 100));
  t.diagnostic(`recall@10 over ${r.ids.length} queries: SolrCloud ${recall.toFixed(4)} (knn topK = efSearch 50 per shard); `
    + `local exact scan ${localRecall.toFixed(4)}`);
  assert.ok(localRecall >= 0.999, 'the local flat collection is exact (the oracle is sound)');
  assert.ok(recall >= 0.95, `recall@10 ${recall}`);
});

test('... and with metadata filters, against the local engine\'s exact filtered answers', { timeout: 300000 }, async (t) => {
  const queries = s.w.queries.slice(0, 60);
  const filters = [
    { pos: 'v' },
    { lemmas: { $gte: 3 } },
    { $or: [{ words: { $contains: 'set' } }, { $and: [{ pos: { $in: ['a', 's'] } }, { offset: { $lt: 1500000 } }] }] },
  ];
  for (const where of filters) {
    const matching = s.local.get({ where, include: [] }).ids.length;
    const exact = s.local.query({ queryEmbeddings: queries, nResults: 10, where, include: [] });
    const r = await s.solr.query({ queryEmbeddings: queries, nResults: 10, where, include: [] });
    const recall = recallAt(10, r.ids, exact.ids);
    t.diagnostic(`${JSON.stringify(where)}: ${matching} of 25000 match, recall@10 ${recall.toFixed(4)}`);
    assert.ok(recall >= 0.95, `${JSON.stringify(where)}: recall@10 ${recall}`);
  }
});

test('pull a filtered subset into a local collection: offline it answers like SolrCloud', { timeout: 300000 }, async (t) => {
  s.cache = new Database().createCollection({ name: 'cache' });
  const stats = await pull(s.solr, s.cache, { where: SUBSET });
  const expected = s.local.get({ where: SUBSET, include: [] }).ids.length;
  t.diagnostic(`pull: ${stats.pulled} records (${JSON.stringify(SUBSET)}) in ${stats.ms} ms`);
  assert.equal(stats.pulled, expected);
  assert.equal(s.cache.count(), expected);
  // Queries inside the subset: the cache alone (no network) against SolrCloud with the subset's filter.
  const queries = s.w.queries.slice(100, 200);
  const offline = s.cache.query({ queryEmbeddings: queries, nResults: 10, include: ['distances'] });
  const online = await s.solr.query({ queryEmbeddings: queries, nResults: 10, where: SUBSET, include: ['distances'] });
  const same = offline.ids.filter((ids, q) => ids.join() === online.ids[q].join()).length;
  const overlap = recallAt(10, offline.ids, online.ids);
  t.diagnostic(`offline vs SolrCloud: ${same} of ${queries.length} top-10 lists identical, overlap ${overlap.toFixed(4)}`);
  assert.ok(overlap >= 0.99, `overlap ${overlap}`);
  offline.ids.forEach((ids, q) => ids.forEach((id, i) => {
    const j = online.ids[q].indexOf(id);
    if (j >= 0) assert.ok(Math.abs(offline.distances[q][i] - online.distances[q][j]) < 1e-5, `${id}: same distance`);
  }));
  // A query with a further filter inside the subset.
  const narrower = { $and: [SUBSET, { lemmas: { $gte: 2 } }] };
  const a = s.cache.query({ queryEmbeddings: queries.slice(0, 20), nResults: 5, where: narrower, include: [] });
  const b = await s.solr.query({ queryEmbeddings: queries.slice(0, 20), nResults: 5, where: narrower, include: [] });
  assert.ok(recallAt(5, a.ids, b.ids) >= 0.99);
  const again = await pull(s.solr, s.cache, { where: SUBSET });
  assert.equal(again.pulled, 0);
  assert.equal(again.unchanged, expected);
});

test('deletes and updates propagate both ways (last writer wins; deletes leave tombstones)', { timeout: 300000 }, async (t) => {
  const subset = s.local.get({ where: SUBSET, include: ['metadatas'] });
  const removed = subset.ids.slice(0, 30);
  const changed = subset.ids.slice(30, 60);
  // SolrCloud side: delete 30 of the cached records, move 30 others out of the subset.
  assert.deepEqual(await s.solr.delete({ ids: removed }), removed);
  await s.solr.update({ ids: changed, metadatas: changed.map((_, i) => ({ ...subset.metadatas[30 + i], pos: 'x' })) });
  assert.equal(await s.solr.count(), 25000 - 30);
  assert.deepEqual((await s.solr.get({ ids: removed })).ids, []);
  assert.deepEqual((await s.solr.get({ where: { pos: 'x' }, include: [] })).ids, [...changed].sort());
  const hits = await s.solr.query({ queryEmbeddings: removed.map((id) => s.w.vectors[s.w.ids.indexOf(id)]), nResults: 3, include: [] });
  assert.ok(hits.ids.every((ids, q) => !ids.includes(removed[q])), 'deleted records are not found');
  // Into the cache: remote deletes delete, remote changes win.
  const cached = await pull(s.solr, s.cache, { where: SUBSET });
  t.diagnostic(`pull after remote changes: ${JSON.stringify({ ...cached, localOnly: cached.localOnly.length, missing: cached.missing.length })}`);
  assert.equal(cached.deleted, 30);
  assert.equal(cached.pulled, 30);
  assert.deepEqual(s.cache.get({ ids: removed }).ids, []);
  assert.deepEqual(s.cache.get({ where: { pos: 'x' }, include: [] }).ids.sort(), [...changed].sort());

  // Local side (the full collection): delete 20, edit 20, push as a mirror.
  const all = s.local.get({ where: { pos: 'n' }, include: ['metadatas'], limit: 40 });
  const gone = all.ids.slice(0, 20);
  const edited = all.ids.slice(20, 40);
  s.local.delete({ ids: gone });
  s.local.update({ ids: edited, metadatas: all.metadatas.slice(20, 40).map((m) => ({ ...m, edited: true })) });
  const pushed = await push(s.local, s.solr, { mirror: true });
  t.diagnostic(`mirror push: sent ${pushed.sent}, deleted ${pushed.deleted}, skipped ${pushed.skippedDeleted.length} deleted remotely`);
  assert.deepEqual([...pushed.skippedDeleted].sort(), [...removed].sort(), 'a remote delete wins over a copy of unknown age');
  assert.equal(pushed.deleted, 20);
  assert.equal(pushed.sent, 50, 'the 20 local edits and the 30 records edited remotely: a diff push makes local content win');
  assert.equal(await s.solr.count(), 25000 - 30 - 20);
  assert.deepEqual((await s.solr.get({ ids: gone })).ids, []);
  assert.ok((await s.solr.get({ ids: edited })).metadatas.every((m) => m.edited === true));
  assert.deepEqual((await s.solr.get({ where: { pos: 'x' }, include: [] })).ids, []);
});
