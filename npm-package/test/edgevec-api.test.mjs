// Every EdgeVec-compatible method and TeaVec's string-id additions, against the packed package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importPacked } from './helpers.mjs';

const teavec = await importPacked();
const { EdgeVec, EdgeVecConfig, BatchInsertConfig, MetricType, JsIndexType, JsMetadataValue, Filter, FilterExpression } = teavec;
await teavec.default();

const f = (...xs) => new Float32Array(xs);

function index(dims = 2, settings = {}) {
  return new EdgeVec(Object.assign(new EdgeVecConfig(dims), { metric: 'l2' }, settings));
}

test('EdgeVecConfig: EdgeVec field names, enums and typed setters', () => {
  const c = new EdgeVecConfig(16);
  assert.deepEqual([c.dimensions, c.metric, c.m, c.m0, c.ef_construction, c.ef_search, c.indexType, c.quantization],
    [16, 'cosine', 16, 32, 200, 50, 'auto', 'none']);
  c.setMetricType(MetricType.Dot);
  assert.equal(c.metric, 'dot');
  c.setMetricType(MetricType.L2);
  assert.equal(c.metric, 'l2');
  assert.equal(c.isHnsw(), true);
  c.indexType = JsIndexType.Flat;
  assert.equal(c.isFlat(), true);
  const ix = new EdgeVec(c);
  ix.insert(new Float32Array(16).fill(1));
  assert.equal(ix.dimensions, 16);
  assert.equal(ix.metric, 'l2');
  assert.equal(new BatchInsertConfig().validateDimensions, true);
});

test('insert, insertBatch, insertBatchFlat, insertBatchWithProgress, insertWithMetadata, insertBatchWithMetadata', () => {
  const ix = index(2);
  assert.equal(ix.insert(f(0, 0)), 0);
  assert.deepEqual([...ix.insertBatchFlat(f(1, 0, 2, 0), 2)], [1, 2]);
  const batch = ix.insertBatch([f(3, 0), f(4, 0)], new BatchInsertConfig());
  assert.deepEqual({ ...batch, ids: [...batch.ids] }, { ids: [3, 4], total: 2, inserted: 2 });
  assert.ok(batch.ids instanceof Uint32Array);
  const calls = [];
  const progress = ix.insertBatchWithProgress([f(5, 0), f(6, 0), f(7, 0)], (done, total) => {
    calls.push([done, total]);
    throw new Error('a broken progress bar must not break the insert');
  });
  assert.deepEqual(calls, [[0, 3], [3, 3]]);
  assert.deepEqual([...progress.ids], [5, 6, 7]);
  const id = ix.insertWithMetadata(f(8, 0), { cat: 'gpu', price: 499, ratio: 0.5, ok: true, tags: ['a', 'b'], none: null });
  assert.equal(id, 8);
  assert.deepEqual(ix.getAllMetadata(id), { cat: 'gpu', price: 499, ratio: 0.5, ok: true, tags: ['a', 'b'], none: null });
  const withMeta = ix.insertBatchWithMetadata([f(9, 0), f(10, 0)], [{ n: 9 }, null]);
  assert.deepEqual([...withMeta.ids], [9, 10]);
  assert.deepEqual(ix.getAllMetadata(9), { n: 9 });
  assert.equal(ix.getAllMetadata(10), undefined);
  assert.equal(ix.size, 11);
  assert.deepEqual(ix.insertBatch([]).total, 0);
  assert.deepEqual([...ix.getVector(7)], [7, 0]);
});

test('search, searchWithFilter and searchFiltered return plain objects, best first', () => {
  const ix = index(2);
  for (let i = 0; i < 20; i++) ix.insertWithMetadata(f(i, 0), { even: i % 2 === 0, i });
  assert.deepEqual(ix.search(f(0, 0), 3).map((r) => r.id), [0, 1, 2]);
  assert.deepEqual(ix.search(f(0, 0), 3, { efSearch: 10 }).map((r) => r.score), [0, 1, 2]);
  const filtered = ix.searchWithFilter(f(0, 0), 'even = false AND i > 4', 3);
  assert.deepEqual(filtered, [{ id: 5, score: 5 }, { id: 7, score: 7 }, { id: 9, score: 9 }]);
  assert.deepEqual(ix.searchWithFilter(f(0, 0), { even: false, i: { $gt: 4 } }, 3).map((r) => r.id), [5, 7, 9]);
  assert.deepEqual(ix.searchWithFilter(f(0, 0), Filter.and(Filter.eq('even', false), Filter.gt('i', 4)), 3).map((r) => r.id), [5, 7, 9]);

  const full = ix.searchFiltered(f(0, 0), 2, { filter: 'i >= 10', strategy: 'auto', includeMetadata: true, includeVectors: true });
  assert.deepEqual(full.results.map((r) => [r.id, r.score, r.metadata, [...r.vector]]),
    [[10, 10, { even: true, i: 10 }, [10, 0]], [11, 11, { even: false, i: 11 }, [11, 0]]]);
  assert.equal(full.complete, true);
  assert.ok(Math.abs(full.observedSelectivity - 0.5) < 1e-9, `selectivity ${full.observedSelectivity}`);
  assert.ok(['pre', 'hybrid'].includes(full.strategyUsed));
  assert.ok(full.vectorsEvaluated >= 2);
  assert.equal(typeof full.totalTimeMs, 'number');
  // EdgeVec passes its options as JSON text; the result is an object either way.
  const fromJson = ix.searchFiltered(f(0, 0), 1, JSON.stringify({ filter: 'i = 3' }));
  assert.deepEqual(fromJson.results, [{ id: 3, score: 3 }]);
  const unfiltered = ix.searchFiltered(f(0, 0), 2);
  assert.deepEqual(unfiltered.results.map((r) => r.id), [0, 1]);
  assert.equal(unfiltered.observedSelectivity, 1);
  const none = ix.searchFiltered(f(0, 0), 5, { filter: 'i > 100' });
  assert.deepEqual([none.results, none.complete, none.observedSelectivity], [[], true, 0]);
});

test('soft deletes, counts, compaction and its warning', () => {
  const ix = index(2, { compactionThreshold: 0.25 });
  ix.insertBatch([f(0, 1), f(1, 1), f(2, 1), f(3, 1)]);
  assert.equal(ix.softDelete(1), true);
  assert.equal(ix.softDelete(1), false);
  assert.equal(ix.isDeleted(1), true);
  assert.equal(ix.isDeleted(0), false);
  assert.deepEqual(ix.softDeleteBatch(new Uint32Array([2, 2, 1, 77])),
    { total: 4, uniqueCount: 3, deleted: 1, alreadyDeleted: 1, invalidIds: 1 });
  const compat = ix.softDeleteBatchCompat(new Float64Array([3, -1]));
  assert.deepEqual(compat, { total: 2, uniqueCount: 2, deleted: 1, alreadyDeleted: 0, invalidIds: 1 });
  assert.deepEqual([compat.allValid(), compat.anyDeleted()], [false, true], "EdgeVec's result methods");
  assert.deepEqual([ix.liveCount(), ix.deletedCount(), ix.tombstoneRatio()], [1, 3, 0.75]);
  assert.equal(ix.compactionThreshold(), 0.25);
  assert.equal(ix.needsCompaction(), true);
  assert.match(ix.compactionWarning(), /compact\(\)/);
  const result = ix.compact();
  assert.equal(result.tombstones_removed, 3);
  assert.equal(result.new_size, 1);
  assert.equal(typeof result.duration_ms, 'number');
  assert.equal(ix.needsCompaction(), false);
  assert.equal(ix.compactionWarning(), undefined);
  assert.equal(ix.insert(f(9, 9)), 4, 'ids are never reused');
});

test('per-key metadata as in EdgeVec, plain values out, JsMetadataValue accepted in', () => {
  const ix = index(2);
  const id = ix.insert(f(1, 1));
  ix.setMetadata(id, 'title', 'Doc');
  ix.setMetadata(id, 'pages', JsMetadataValue.fromInteger(42));
  ix.setMetadata(id, 'score', JsMetadataValue.fromFloat(0.95));
  ix.setMetadata(id, 'ok', JsMetadataValue.fromBoolean(true));
  ix.setMetadata(id, 'tags', JsMetadataValue.fromStringArray(['x']));
  ix.setMetadata(id, 'name', JsMetadataValue.fromString('n'));
  assert.equal(ix.getMetadata(id, 'title'), 'Doc');
  assert.equal(ix.getMetadata(id, 'pages'), 42);
  assert.deepEqual(ix.getMetadata(id, 'tags'), ['x']);
  assert.equal(ix.getMetadata(id, 'missing'), undefined);
  assert.equal(ix.hasMetadata(id, 'title'), true);
  assert.equal(ix.hasMetadata(id, 'missing'), false);
  assert.equal(ix.metadataKeyCount(id), 6);
  assert.deepEqual(ix.getVectorMetadata(id), { title: 'Doc', pages: 42, score: 0.95, ok: true, tags: ['x'], name: 'n' });
  assert.equal(ix.deleteMetadata(id, 'title'), true);
  assert.equal(ix.deleteMetadata(id, 'title'), false);
  assert.equal(ix.metadataVectorCount(), 1);
  assert.equal(ix.totalMetadataCount(), 5);
  ix.setAllMetadata(id, { only: 1 });
  assert.deepEqual(ix.getAllMetadata(id), { only: 1 });
  assert.equal(ix.deleteAllMetadata(id), true);
  assert.equal(ix.deleteAllMetadata(id), false);
  assert.equal(ix.getAllMetadata(id), undefined);
  assert.equal(ix.metadataVectorCount(), 0);
  // Reads of ids that do not exist answer "nothing", as EdgeVec's do.
  assert.equal(ix.getMetadata(99, 'title'), undefined);
  assert.equal(ix.hasMetadata(99, 'title'), false);
  assert.equal(ix.getAllMetadata(99), undefined);
  assert.equal(ix.metadataKeyCount(99), 0);
  assert.equal(ix.deleteMetadata(99, 'x'), false);
  ix.setMetadata(id, 'gone', 1);
  ix.softDelete(id);
  assert.equal(ix.getAllMetadata(id), undefined, 'deleting a vector drops its metadata');
  const v = JsMetadataValue.fromFloat(1.5);
  assert.deepEqual([v.getType(), v.isFloat(), v.asFloat(), v.asString(), v.toJS()], ['float', true, 1.5, undefined, 1.5]);
  v.free();
});

test('string ids: upsert in place, get, delete, batches, keyOf/idOf, updateVector', () => {
  const ix = index(2);
  const a = ix.upsert('a', f(1, 0), { v: 1 });
  const b = ix.upsert('b', f(0, 1));
  assert.deepEqual([a, b], [0, 1]);
  assert.equal(ix.upsert('a', f(2, 0)), a, 'an upsert of an existing id updates in place');
  assert.deepEqual(ix.get('a'), { id: 'a', vector: f(2, 0), metadata: { v: 1 } }, 'omitted metadata is kept');
  ix.upsert('a', f(2, 0), { v: 2 });
  assert.deepEqual(ix.get('a').metadata, { v: 2 });
  ix.upsert('a', f(2, 0), {});
  assert.equal(ix.get('a').metadata, undefined, '{} clears');
  assert.equal(ix.get('zzz'), undefined);
  assert.deepEqual(ix.keyOf(b), 'b');
  assert.equal(ix.idOf('b'), b);
  assert.equal(ix.idOf('nope'), undefined);
  const plain = ix.insert(f(5, 5));
  assert.equal(ix.keyOf(plain), undefined);
  assert.deepEqual([...ix.upsertBatch([{ id: 'c', vector: f(3, 3) }, { id: 'b', vector: f(0, 2), metadata: { w: 1 } }])], [3, b]);
  assert.deepEqual(ix.getBatch(['b', 'x', 'c']).map((r) => r && [r.id, [...r.vector], r.metadata]),
    [['b', [0, 2], { w: 1 }], undefined, ['c', [3, 3], undefined]]);
  assert.equal(ix.search(f(0, 2), 1)[0].id, b, 'search sees the updated vector');
  ix.updateVector(plain, f(-5, -5));
  assert.deepEqual([...ix.getVector(plain)], [-5, -5]);
  assert.equal(ix.delete('c'), true);
  assert.equal(ix.delete('c'), false);
  assert.equal(ix.deleteBatch(['a', 'b', 'missing']), 2);
  // 3 deletes, and 5 in-place updates, each of which leaves the old vector as a tombstone until compact().
  assert.deepEqual([ix.liveCount(), ix.deletedCount()], [1, 8]);
  assert.equal(ix.upsert('a', f(1, 1)), 4, 'a deleted string id comes back with a new numeric id');
});

test('memory: usage, pressure, config, recommendation; blockInsertsOnCritical and autoCompactOnWarning', () => {
  const ix = index(4);
  ix.insertBatch([f(1, 2, 3, 4), f(4, 3, 2, 1)]);
  const before = ix.memoryUsage();
  ix.setMetadata(0, 'text', 'x'.repeat(1000));
  assert.ok(ix.memoryUsage() > before, 'metadata counts');
  const p = ix.getMemoryPressure();
  assert.deepEqual(Object.keys(p), ['level', 'usedBytes', 'totalBytes', 'usagePercent']);
  assert.equal(p.level, 'normal');
  assert.equal(p.usedBytes, ix.memoryUsage());
  assert.deepEqual(ix.getMemoryConfig(), { warningThreshold: 80, criticalThreshold: 95, autoCompactOnWarning: false,
    blockInsertsOnCritical: false, budgetBytes: null });
  assert.equal(ix.canInsert(), true);
  assert.equal(ix.getMemoryRecommendation().action, 'none');

  ix.setMemoryConfig({ budgetBytes: Math.ceil(ix.memoryUsage() / 0.9) });
  assert.equal(ix.getMemoryPressure().level, 'warning');
  assert.equal(ix.getMemoryRecommendation().action, 'reduce');
  ix.setMemoryConfig({ budgetBytes: ix.memoryUsage(), blockInsertsOnCritical: true });
  assert.equal(ix.getMemoryPressure().level, 'critical');
  assert.equal(ix.canInsert(), false);
  assert.throws(() => ix.insert(f(1, 1, 1, 1)), { code: 'QUOTA_EXCEEDED' });
  assert.equal(ix.size, 2, 'the blocked insert stored nothing');
  ix.setMemoryConfig({ autoCompactOnWarning: true, blockInsertsOnCritical: false });
  assert.equal(ix.softDelete(1), true);
  assert.equal(ix.deletedCount(), 0, 'compacted right after the delete');
});

test('Filter builder writes quoted filters; parse/tryParse/validate use the engine parser', () => {
  assert.equal(String(Filter.eq('name', 'say "hi"')), 'name = "say \\"hi\\""');
  assert.equal(String(Filter.or(Filter.between('p', 1, 5), Filter.not(Filter.in('c', ['a', 'b'])))),
    '(p BETWEEN 1 AND 5) OR (NOT (c IN ["a", "b"]))');
  assert.equal(String(Filter.notIn('c', [1])), 'c NOT IN [1]');
  for (const e of [Filter.ne('a', 1), Filter.lt('a', 1), Filter.le('a', 1), Filter.gt('a', 1), Filter.ge('a', 1),
    Filter.contains('a', 'x'), Filter.startsWith('a', 'x'), Filter.endsWith('a', 'x'), Filter.like('a', 'x%'),
    Filter.isNull('a'), Filter.isNotNull('a')]) {
    assert.ok(e instanceof FilterExpression);
    assert.ok(Filter.parse(String(e)) instanceof FilterExpression, String(e));
  }
  assert.equal(Filter.tryParse('a = '), null);
  const v = Filter.validate('price <');
  assert.equal(v.valid, false);
  assert.equal(v.errors[0].position.offset, 7);
  assert.equal(Filter.validate('price < 3').valid, true);
  assert.throws(() => Filter.parse('a = 1 AND )'), (e) => e.code === 'INVALID_FILTER' && e.position === 10);
  assert.deepEqual(JSON.parse(JSON.stringify(Filter.eq('a', 1))), { filter: 'a = 1' });
});

test('free() and Symbol.dispose free the index, as in EdgeVec; the configs hold nothing to free', () => {
  const config = new EdgeVecConfig(2);
  config.free();
  new BatchInsertConfig().free();
  const ix = new EdgeVec(config);
  assert.equal(ix.insert(f(1, 1)), 0, 'a freed config still configures');
  ix.free();
  ix[Symbol.dispose]();
  assert.throws(() => ix.insert(f(1, 1)), (e) => e.code === 'INDEX_FREED');
  const disposed = new EdgeVec(config);
  disposed[Symbol.dispose]();
  assert.throws(() => disposed.search(f(1, 1), 1), (e) => e.code === 'INDEX_FREED');
});
