// Filters of every operator, in both grammars, against a brute-force JS evaluation on a seeded random
// data set; filtered search returning min(k, matches) at every selectivity, on flat and HNSW indexes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importPacked, seedFor, rng } from './helpers.mjs';
import { randomTools, randomRecord, randomTree, evaluate, toFilterString, toWhere, LEAVES, WHERE_LEAVES } from './filter-model.mjs';

const teavec = await importPacked();
const { EdgeVec, EdgeVecConfig, Database } = teavec;
await teavec.default();

const seed = seedFor('filters');
const t = randomTools(seed);
const DIMS = 8;
const N = 400;

const vectors = Array.from({ length: N }, () => Float32Array.from({ length: DIMS }, () => t.r() * 2 - 1));
const records = Array.from({ length: N }, () => randomRecord(t));
const flat = new EdgeVec(Object.assign(new EdgeVecConfig(DIMS), { metric: 'l2', indexType: 'flat' }));
flat.insertBatchWithMetadata(vectors, records);
const db = new Database();
const collection = db.createCollection({ name: 'filters', metric: 'l2', indexType: 'flat' });
collection.add({ ids: records.map((_, i) => `r${i}`), embeddings: vectors, metadatas: records });
const query = new Float32Array(DIMS);

const expectedIds = (tree) => records.flatMap((rec, id) => (evaluate(tree, rec) ? [id] : []));
const sorted = (ids) => [...ids].sort((a, b) => a - b);

function checkString(tree) {
  const text = toFilterString(t, tree);
  const got = sorted(flat.searchWithFilter(query, text, N).map((r) => r.id));
  assert.deepEqual(got, expectedIds(tree), `seed ${seed}: filter ${text}`);
}

function checkWhere(tree) {
  const where = toWhere(t, tree);
  const expected = expectedIds(tree);
  const label = `seed ${seed}: where ${JSON.stringify(where)}`;
  assert.deepEqual(sorted(flat.searchWithFilter(query, where, N).map((r) => r.id)), expected, label);
  assert.deepEqual(collection.get({ where, include: [] }).ids, expected.map((id) => `r${id}`), `${label} (collection.get)`);
}

for (const op of Object.keys(LEAVES)) {
  test(`string grammar: ${op} agrees with the brute-force evaluation`, () => {
    for (let i = 0; i < 40; i++) checkString(LEAVES[op](t));
  });
}

for (const op of WHERE_LEAVES) {
  test(`where objects: ${op} agrees with the brute-force evaluation`, () => {
    for (let i = 0; i < 40; i++) checkWhere(LEAVES[op](t));
  });
}

test('string grammar: random AND/OR/NOT trees', () => {
  for (let i = 0; i < 150; i++) checkString(randomTree(t, 3, Object.keys(LEAVES)));
});

test('where objects: random $and/$or trees', () => {
  for (let i = 0; i < 150; i++) checkWhere(randomTree(t, 3, WHERE_LEAVES, false));
});

test('every spelling of the string grammar, and where shorthands', () => {
  const spelled = [
    ['price >= 10 and price < 20', { op: 'and', children: [{ op: 'ge', field: 'price', value: 10 }, { op: 'lt', field: 'price', value: 20 }] }],
    ['price >= 10 && price < 20 || cat == "gpu"', { op: 'or', children: [{ op: 'and', children: [{ op: 'ge', field: 'price', value: 10 }, { op: 'lt', field: 'price', value: 20 }] }, { op: 'eq', field: 'cat', value: 'gpu' }] }],
    ['!(cat = \'gpu\') Or NOT active = true', { op: 'or', children: [{ op: 'not', child: { op: 'eq', field: 'cat', value: 'gpu' } }, { op: 'not', child: { op: 'eq', field: 'active', value: true } }] }],
    ['cat in ("gpu", "cpu")', { op: 'in', field: 'cat', values: ['gpu', 'cpu'] }],
    ['cat not in ["gpu"]', { op: 'notIn', field: 'cat', values: ['gpu'] }],
    ['tags IN ["sale", "eco"]', { op: 'in', field: 'tags', values: ['sale', 'eco'] }],
    ['price between 5 and 50.5', { op: 'between', field: 'price', lo: 5, hi: 50.5 }],
    ['name like "a%a_"', { op: 'like', field: 'name', value: 'a%a_' }],
    ['name LIKE "Al%" OR name LIKE "_et%"', { op: 'or', children: [{ op: 'like', field: 'name', value: 'Al%' }, { op: 'like', field: 'name', value: '_et%' }] }],
    ['name starts_with "be" OR name ends_with "1"', { op: 'or', children: [{ op: 'startsWith', field: 'name', value: 'be' }, { op: 'endsWith', field: 'name', value: '1' }] }],
    ['tags contains "hot" AND name CONTAINS "a"', { op: 'and', children: [{ op: 'contains', field: 'tags', value: 'hot' }, { op: 'contains', field: 'name', value: 'a' }] }],
    ['cat is null', { op: 'isNull', field: 'cat' }],
    ['cat Is Not Null', { op: 'isNotNull', field: 'cat' }],
    ['cat = NULL', { op: 'isNull', field: 'cat' }],
    ['cat != null', { op: 'isNotNull', field: 'cat' }],
    ['active = FALSE', { op: 'eq', field: 'active', value: false }],
    ['price > -1e1 AND price <= 2.5E1', { op: 'and', children: [{ op: 'gt', field: 'price', value: -10 }, { op: 'le', field: 'price', value: 25 }] }],
    ['name = "o\\\'neil" OR name = \'say "hi"\'', { op: 'or', children: [{ op: 'eq', field: 'name', value: "o'neil" }, { op: 'eq', field: 'name', value: 'say "hi"' }] }],
    ['((((cat = "ram"))))', { op: 'eq', field: 'cat', value: 'ram' }],
    ['mixed > 4', { op: 'gt', field: 'mixed', value: 4 }],
    ['mixed > "4"', { op: 'gt', field: 'mixed', value: '4' }],
    ['absent != 1 OR NOT absent = 1', { op: 'or', children: [{ op: 'ne', field: 'absent', value: 1 }, { op: 'not', child: { op: 'eq', field: 'absent', value: 1 } }] }],
  ];
  for (const [text, tree] of spelled) {
    assert.deepEqual(sorted(flat.searchWithFilter(query, text, N).map((r) => r.id)), expectedIds(tree), `seed ${seed}: ${text}`);
  }
  const wheres = [
    [{}, null],
    [{ cat: 'gpu', active: true }, { op: 'and', children: [{ op: 'eq', field: 'cat', value: 'gpu' }, { op: 'eq', field: 'active', value: true }] }],
    [{ price: { $gte: 10, $lt: 20 } }, { op: 'and', children: [{ op: 'ge', field: 'price', value: 10 }, { op: 'lt', field: 'price', value: 20 }] }],
    [{ cat: { $ne: 'gpu' } }, { op: 'ne', field: 'cat', value: 'gpu' }],
    [{ cat: { $nin: ['gpu', 'cpu'] } }, { op: 'notIn', field: 'cat', values: ['gpu', 'cpu'] }],
    [{ tags: { $contains: 'eco' } }, { op: 'contains', field: 'tags', value: 'eco' }],
    [{ $or: [{ cat: 'gpu' }, { price: { $lte: 3 } }] }, { op: 'or', children: [{ op: 'eq', field: 'cat', value: 'gpu' }, { op: 'le', field: 'price', value: 3 }] }],
  ];
  for (const [where, tree] of wheres) {
    const expected = tree === null ? records.map((_, i) => i) : expectedIds(tree);
    assert.deepEqual(sorted(flat.searchWithFilter(query, where, N).map((r) => r.id)), expected, JSON.stringify(where));
  }
});

test('filtered search returns min(k, matches), best first, at every selectivity (flat, HNSW, SQ8, after deletes)', () => {
  const r = rng(seed + 1);
  const n = 3000;
  const dims = 16;
  const data = Array.from({ length: n }, () => Float32Array.from({ length: dims }, () => r() * 2 - 1));
  const dist = (a, b) => Math.sqrt(a.reduce((s, x, i) => s + (x - b[i]) ** 2, 0));
  for (const settings of [{ indexType: 'flat' }, { indexType: 'hnsw' }, { indexType: 'hnsw', quantization: 'sq8', rerank: true }]) {
    const ix = new EdgeVec(Object.assign(new EdgeVecConfig(dims), { metric: 'l2', m: 8, ef_construction: 64 }, settings));
    ix.insertBatchWithMetadata(data, data.map((_, i) => ({ bucket: i % 1000, parity: i % 2 ? 'odd' : 'even' })));
    const deleted = new Set();
    let hits = 0;
    let wanted = 0;
    for (const phase of ['before deletes', 'after deletes']) {
      if (phase === 'after deletes') {
        for (let id = 0; id < n; id += 7) deleted.add(id);
        ix.softDeleteBatch([...deleted]);
      }
      for (const limit of [1, 3, 10, 50, 200, 600, 1000]) {
        for (const k of [1, 10, 50]) {
          const q = data[Math.floor(r() * n)];
          const match = (id) => !deleted.has(id) && id % 1000 < limit && id % 2 === 1;
          const filter = r() < 0.5 ? `bucket < ${limit} AND parity = "odd"` : { bucket: { $lt: limit }, parity: 'odd' };
          const truth = data.map((v, id) => ({ id, d: dist(q, v) })).filter((x) => match(x.id)).sort((a, b) => a.d - b.d);
          const got = ix.searchWithFilter(q, filter, k);
          const label = `seed ${seed} ${JSON.stringify(settings)} ${phase}: ${JSON.stringify(filter)} k=${k}`;
          assert.equal(got.length, Math.min(k, truth.length), label);
          assert.ok(got.every((x) => match(x.id)), `${label}: a result does not match`);
          for (let i = 1; i < got.length; i++) assert.ok(got[i - 1].score <= got[i].score, `${label}: not best first`);
          got.forEach((x) => assert.ok(Math.abs(x.score - dist(q, data[x.id])) < 1e-3, `${label}: distance of ${x.id}`));
          const best = new Set(truth.slice(0, k).map((x) => x.id));
          hits += got.filter((x) => best.has(x.id)).length;
          wanted += got.length;
          const detailed = ix.searchFiltered(q, k, { filter });
          assert.equal(detailed.results.length, got.length, label);
          assert.equal(detailed.complete, true, label);
        }
      }
    }
    const recall = hits / wanted;
    assert.ok(settings.indexType === 'flat' ? recall === 1 : recall >= 0.9, `seed ${seed} ${JSON.stringify(settings)}: recall ${recall}`);
  }
});

test('collection.query with where returns nResults whenever enough match', () => {
  const c = db.createCollection({ name: 'sel', metric: 'l2', indexType: 'hnsw', m: 8 });
  const r = rng(seed + 2);
  const n = 2500;
  c.add({
    ids: Array.from({ length: n }, (_, i) => `id${i}`),
    embeddings: Array.from({ length: n }, () => Array.from({ length: 8 }, () => r())),
    metadatas: Array.from({ length: n }, (_, i) => ({ b: i % 500 })),
  });
  for (const limit of [1, 2, 20, 500]) {
    const res = c.query({ queryEmbeddings: [Array.from({ length: 8 }, () => r())], nResults: 10, where: { b: { $lt: limit } } });
    assert.equal(res.ids[0].length, Math.min(10, 5 * limit), `limit ${limit}`);
    assert.ok(res.metadatas[0].every((m) => m.b < limit));
  }
});
