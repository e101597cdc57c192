// The Collection API on SolrCloud against a local collection doing the same calls: the local engine is
// the oracle for results, filters and distances.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Database } from '../../../npm-package/dist/teavec.js';
import { rng } from '../../../npm-package/test/random.js';
import { push } from '../../../npm-package/dist/solr.js';
import { ctx, remote, rejectsWith } from '../context.mjs';

const DIM = 8;
const ALL = ['embeddings', 'metadatas', 'documents'];
const sorted = (ids) => [...ids].sort();

function vector(next) {
  return Array.from({ length: DIM }, () => Math.fround(next() * 2 - 1));
}

/** A record's metadata with every value type (strings, numbers, booleans, string lists, null, absent). */
function metadata(next, i) {
  const pick = (list) => list[Math.floor(next() * list.length)];
  const m = {};
  if (next() < 0.9) m.color = pick(['red', 'green', 'blue', 'Red', 'red wine', 1, ['red', 'blue'], null]);
  if (next() < 0.9) m.size = pick([1, 2, 2.5, -3, 0, 10, 'big', true]);
  if (next() < 0.8) m.flag = pick([true, false, 'true']);
  if (next() < 0.7) m.tags = pick([['a'], ['a', 'b'], ['b', 'c d'], [], 'a']);
  if (next() < 0.5) m['part of speech'] = pick(['n', 'v', 'a', 'ü*?']);
  m.i = i;
  return m;
}

const POOLS = {
  color: ['red', 'green', 'blue', 'Red', 'red wine', 're', 1],
  size: [1, 2, 2.5, -3, 0, 10, 'big'],
  flag: [true, false, 'true'],
  tags: ['a', 'b', 'c d', ''],
  'part of speech': ['n', 'v', 'a', 'ü*?'],
  i: [0, 17, 150, 200, 399, 1000],
  missing: ['x', 1],
};
const ANY = ['red', 'a', 'n', '', 'ü*?', 1, 2.5, -3, 0, 150, true, false, 'true'];

/** A random where object over those keys, with literals of every type (so cross-type comparisons occur). */
function where(next, depth = 0) {
  const pick = (list) => list[Math.floor(next() * list.length)];
  if (depth < 2 && next() < 0.3) {
    const parts = Array.from({ length: 1 + Math.floor(next() * 3) }, () => where(next, depth + 1));
    return { [pick(['$and', '$or'])]: parts };
  }
  const key = pick(Object.keys(POOLS));
  // Mostly values the key holds; sometimes any value (types that never match, substrings, case).
  const literal = () => (next() < 0.75 ? pick(POOLS[key]) : pick(ANY));
  const op = pick(['eq', '$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$contains']);
  if (op === 'eq') return { [key]: literal() };
  if (op === '$in' || op === '$nin') return { [key]: { [op]: Array.from({ length: 1 + Math.floor(next() * 3) }, literal) } };
  if (op.startsWith('$g') || op.startsWith('$l')) {
    const bound = literal();
    return { [key]: { [op]: typeof bound === 'boolean' ? 2 : bound } };
  }
  return { [key]: { [op]: literal() } };
}

test('add, get, upsert, update, delete and count do what they do on a local collection', { timeout: 120000 }, async () => {
  await ctx.cluster.createCollection('api', { dimensions: DIM, shards: 2, replicas: 1 });
  const solr = remote('api');
  const local = new Database().createCollection({ name: 'api', dimensions: DIM });
  const next = rng(7);
  const both = async (call) => [await call(local), await call(solr)];
  const same = async (label, call) => {
    const [l, s] = await both(call);
    assert.deepEqual(s, l, label);
    return s;
  };
  const records = { ids: ['a', 'b', 'c', 'd'], embeddings: [0, 1, 2, 3].map(() => vector(next)),
    metadatas: [{ k: 'x', n: 1 }, null, { k: 'y', l: ['p'] }, { n: 2 }], documents: ['alpha beta', null, 'gamma', 'delta'] };
  await both((c) => c.add(records));
  assert.deepEqual(await solr.info(), { dimensions: DIM, metric: 'cosine' });
  await same('count', (c) => c.count());
  await same('get by ids keeps their order', (c) => c.get({ ids: ['d', 'a', 'zz', 'b'], include: ALL }));
  const dup = await rejectsWith(solr.add({ ids: ['e', 'a'], embeddings: [vector(next), vector(next)] }), 'DUPLICATE_ID');
  assert.match(dup.message, /"a" already exists/);
  await same('a refused add writes nothing', (c) => c.count());
  await rejectsWith(solr.add({ ids: ['f', 'f'], embeddings: [vector(next), vector(next)] }), 'DUPLICATE_ID');
  const [va, ve, vc, vb] = [vector(next), vector(next), vector(next), vector(next)];
  await both((c) => c.upsert({ ids: ['a', 'e'], embeddings: [va, ve] }));
  await same('upsert keeps what it is not given', (c) => c.get({ ids: ['a', 'e'], include: ALL }));
  await both((c) => c.upsert({ ids: ['c'], embeddings: [vc], metadatas: [{}], documents: ['new'] }));
  await same('an empty metadata object clears it', (c) => c.get({ ids: ['c'], include: ALL }));
  await rejectsWith(solr.update({ ids: ['a', 'nope'], metadatas: [{ k: 'z' }, { k: 'z' }] }), 'UNKNOWN_ID');
  await both((c) => c.update({ ids: ['a', 'd'], metadatas: [{ k: 'z' }, { k: 'z', n: 5 }] }));
  await both((c) => c.update({ ids: ['b'], embeddings: [vb], documents: ['beta'] }));
  await same('update changes only what it is given', (c) => c.get({ ids: ['a', 'b', 'c', 'd', 'e'], include: ALL }));
  await same('get by where', async (c) => sorted((await c.get({ where: { k: 'z' }, include: [] })).ids));
  await same('get by ids and where', async (c) => (await c.get({ ids: ['d', 'b', 'a'], where: { k: 'z' }, include: [] })).ids);
  const q = [vector(next), vector(next)];
  const [lq, sq] = await both((c) => c.query({ queryEmbeddings: q, nResults: 4, where: { n: { $gte: 1 } }, include: ['distances', 'metadatas'] }));
  assert.deepEqual(sq.ids, lq.ids);
  assert.deepEqual(sq.metadatas, lq.metadatas);
  sq.distances.flat().forEach((d, i) => assert.ok(Math.abs(d - lq.distances.flat()[i]) < 1e-5, `distance ${d} vs ${lq.distances.flat()[i]}`));
  await same('delete by ids returns what it deleted', (c) => c.delete({ ids: ['e', 'nope'] }));
  await same('delete by where', async (c) => sorted(await c.delete({ where: { k: 'z' } })));
  await same('what is left', (c) => c.get({ ids: ['a', 'b', 'c', 'd', 'e'], include: ALL }));
  await same('count after deletes (tombstones are not records)', (c) => c.count());
  const odd = { ids: ['x,y', 'back\\slash', 'space id', 'ü"q*'], embeddings: [0, 1, 2, 3].map(() => vector(next)),
    metadatas: [{ k: 'odd' }, { k: 'odd' }, { k: 'odd' }, { k: 'odd' }] };
  await both((c) => c.add(odd));
  await same('ids with commas, backslashes, spaces, quotes', (c) => c.get({ ids: [...odd.ids].reverse(), include: ALL }));
  await same('the same through a filter', async (c) => (await c.get({ ids: odd.ids, where: { k: 'odd' }, include: [] })).ids);
  await same('and deleted', async (c) => sorted(await c.delete({ ids: odd.ids.slice(0, 2) })));
  await same('what is left of them', async (c) => (await c.get({ ids: odd.ids, include: [] })).ids);
  const peek = await solr.peek({ limit: 1 });
  assert.equal(peek.ids.length, 1);
  assert.equal(peek.embeddings[0].length, DIM);
});

test('bad input fails as locally and changes nothing', { timeout: 60000 }, async () => {
  const solr = remote('api');
  const before = await solr.count();
  await rejectsWith(solr.add({ ids: ['x'], embeddings: [[1, 2]] }), 'DIMENSION_MISMATCH');
  await rejectsWith(solr.add({ ids: ['x'], embeddings: [new Array(DIM).fill(0)] }), 'INVALID_VECTOR');
  await rejectsWith(solr.add({ ids: ['x'], embeddings: [[1, 2, 3, 4, 5, 6, 7, NaN]] }), 'INVALID_VECTOR');
  await rejectsWith(solr.add({ ids: ['x'], embeddings: [new Array(DIM).fill(1)], metadatas: [{ f: () => 1 }] }), 'INVALID_ARGUMENT');
  await rejectsWith(solr.add({ ids: [''], embeddings: [new Array(DIM).fill(1)] }), 'INVALID_ARGUMENT');
  await rejectsWith(solr.add({ ids: ['x'], embeddings: [new Array(DIM).fill(1)], metadatas: [{ s: 'é'.repeat(20000) }] }), 'NOT_SUPPORTED');
  await rejectsWith(solr.query({ queryEmbeddings: [new Array(DIM).fill(1)], nResults: 0 }), 'INVALID_K');
  await rejectsWith(solr.query({ queryTexts: ['no embedding function'] }), 'INVALID_ARGUMENT');
  const bad = await rejectsWith(solr.get({ where: { pos: { $near: 1 } } }), 'INVALID_FILTER');
  assert.equal(bad.filter.slice(0, bad.position), '{"pos":{');
  await rejectsWith(solr.get({ where: { $and: [] } }), 'INVALID_FILTER');
  await rejectsWith(solr.get({ where: { pos: null } }), 'INVALID_FILTER');
  await rejectsWith(solr.get({ where: 'pos = "n"' }), 'NOT_SUPPORTED');
  await rejectsWith(solr.get({ whereDocument: { $regex: 'a.*' } }), 'NOT_SUPPORTED');
  await rejectsWith(solr.get({ whereDocument: { $contains: '' } }), 'INVALID_FILTER');
  await rejectsWith(remote('no_such_collection').count(), 'NOT_FOUND');
  assert.equal(await solr.count(), before);
});

test('where filters select exactly what the local engine selects (200 seeded random filters)', { timeout: 120000 }, async (t) => {
  await ctx.cluster.createCollection('filters', { dimensions: DIM, shards: 2, replicas: 1 });
  const seed = 20261206;
  const next = rng(seed);
  const n = 400;
  const records = { ids: [], embeddings: [], metadatas: [] };
  for (let i = 0; i < n; i++) {
    records.ids.push(`r${i}`);
    records.embeddings.push(vector(next));
    records.metadatas.push(metadata(next, i));
  }
  const local = new Database().createCollection({ name: 'filters', dimensions: DIM });
  local.add(records);
  const solr = remote('filters', { batchSize: 200 });
  await solr.add(records);
  let nonEmpty = 0;
  for (let f = 0; f < 200; f++) {
    const w = where(next);
    const expected = sorted(local.get({ where: w, include: [] }).ids);
    const found = sorted((await solr.get({ where: w, include: [] })).ids);
    assert.deepEqual(found, expected, `seed ${seed}, filter ${f}: ${JSON.stringify(w)}`);
    if (expected.length > 0 && expected.length < n) nonEmpty++;
  }
  t.diagnostic(`${nonEmpty} of 200 filters selected a proper, non-empty subset`);
  assert.ok(nonEmpty > 80, 'the filters are not trivial');
  // A filtered query is the local filtered query.
  const q = vector(next);
  const w = { $or: [{ color: { $in: ['red', 'blue'] } }, { tags: { $contains: 'a' } }] };
  const [l, s] = [local.query({ queryEmbeddings: q, nResults: 10, where: w }), await solr.query({ queryEmbeddings: q, nResults: 10, where: w })];
  assert.deepEqual(s.ids, l.ids);
});

test('distances are TeaVec distances under cosine, l2 and dot', { timeout: 90000 }, async () => {
  const next = rng(11);
  for (const metric of ['l2', 'dot']) {
    await ctx.cluster.createCollection(`metric_${metric}`, { dimensions: DIM, metric, shards: 1, replicas: 1 });
  }
  for (const [name, metric] of [['filters', 'cosine'], ['metric_l2', 'l2'], ['metric_dot', 'dot']]) {
    const solr = remote(name);
    assert.equal((await solr.info()).metric, metric);
    const local = new Database().createCollection({ name, metric, indexType: 'flat' });
    if (name === 'filters') {
      const all = await solr.get({ include: ['embeddings'] });
      local.add({ ids: all.ids, embeddings: all.embeddings });
    } else {
      const records = { ids: Array.from({ length: 50 }, (_, i) => `m${i}`), embeddings: Array.from({ length: 50 }, () => vector(next).map((x) => 3 * x)) };
      local.add(records);
      await solr.add(records);
    }
    const queries = Array.from({ length: 5 }, () => vector(next));
    const l = local.query({ queryEmbeddings: queries, nResults: 5, include: ['distances'] });
    // Solr's HNSW searches with a beam of topK = efSearch: 50 ≥ the 50 records makes it exact here.
    const s = await solr.query({ queryEmbeddings: queries, nResults: 5, include: ['distances'], efSearch: 50 });
    assert.deepEqual(s.ids, l.ids, metric);
    s.distances.flat().forEach((d, i) => {
      const want = l.distances.flat()[i];
      assert.ok(Math.abs(d - want) <= 1e-4 * Math.max(1, Math.abs(want)), `${metric}: ${d} vs ${want}`);
    });
  }
});

test('whereDocument matches words; queryTexts go through the embedding function; dead nodes are skipped', { timeout: 60000 }, async () => {
  const texts = { 'a tool for cutting wood': [1, 0, 0, 0, 0, 0, 0, 0.1], 'salt water': [0, 1, 0, 0, 0, 0, 0, 0.1] };
  const embeddingFunction = { generate: async (list) => list.map((t) => texts[t] ?? [0, 0, 1, 0, 0, 0, 0, 0]) };
  // The first URL is a closed port: requests go on to the next node.
  const solr = remote('api', { embeddingFunction, url: ['http://127.0.0.1:9/solr', ...ctx.cluster.urls] });
  await solr.upsert({ ids: ['adze', 'sea', 'other'], documents: ['a tool for cutting wood', 'salt water', 'The Wood Cutter'] });
  assert.ok(solr.retries >= 1, 'the closed port was tried and left');
  const r = await solr.query({ queryTexts: ['salt water'], nResults: 1 });
  assert.deepEqual(r.ids, [['sea']]);
  const byWords = async (whereDocument) => sorted((await solr.get({ whereDocument, include: [] })).ids);
  assert.deepEqual(await byWords({ $contains: 'WOOD' }), ['adze', 'other']);
  assert.deepEqual(await byWords({ $contains: 'cutting wood' }), ['adze']);
  assert.deepEqual(await byWords({ $and: [{ $contains: 'wood' }, { $not_contains: 'tool' }] }), ['other']);
  assert.deepEqual(await byWords({ $or: [{ $contains: 'salt' }, { $contains: 'cutter' }] }), ['other', 'sea']);
  const near = await solr.query({ queryTexts: ['a tool for cutting wood'], nResults: 3, whereDocument: { $contains: 'cutter' } });
  assert.deepEqual(near.ids, [['other']]);
  assert.deepEqual(await solr.delete({ whereDocument: { $contains: 'wood' }, where: { k: { $ne: 'q' } } }), []);
});

test('push from a change feed: its sequence numbers give the watermark, versions decide (last writer wins)', { timeout: 60000 }, async () => {
  const solr = remote('api');
  const next = rng(23);
  const t0 = Date.now() * 1000; // versions are microseconds since the epoch
  const put = (id, seq, dv, gen) => ({ op: 'put', id, seq, version: t0 + dv, embedding: vector(next), metadata: { gen }, document: null });
  /** A feed over a list of changes, as one over the write-ahead log will be: the changes after `since`. */
  const feed = (changes) => ({ async* changes(since) { yield changes.filter((c) => c.seq > (since ?? 0)); } });
  const log = [
    put('feed-x', 1, 10, 1),
    put('feed-y', 2, 10, 1),
    { op: 'delete', id: 'feed-x', seq: 3, version: t0 + 20 },
    put('feed-x', 4, 15, 2), // older than the delete: the tombstone keeps it out
    put('feed-y', 5, 5, 2), // older than what is stored: dropped
  ];
  const first = await push(null, solr, { feed: feed(log) });
  assert.equal(first.watermark, 5);
  assert.deepEqual((await solr.get({ ids: ['feed-x', 'feed-y'] })).metadatas, [{ gen: 1 }]);
  assert.deepEqual((await solr.get({ ids: ['feed-x', 'feed-y'], include: [] })).ids, ['feed-y']);
  const again = await push(null, solr, { feed: feed(log), since: first.watermark });
  assert.equal(again.sent, 0, 'nothing after the watermark');
  assert.equal(again.watermark, 5);
  log.push(put('feed-x', 6, 30, 3)); // newer than the delete: back
  const third = await push(null, solr, { feed: feed(log), since: again.watermark });
  assert.equal(third.watermark, 6);
  assert.deepEqual((await solr.get({ ids: ['feed-x'] })).metadatas, [{ gen: 3 }]);
  // Sent twice (a retry after a lost answer): the same version is a no-op.
  await push(null, solr, { feed: feed(log.slice(-1)) });
  assert.deepEqual((await solr.get({ ids: ['feed-x'] })).metadatas, [{ gen: 3 }]);
});
