// Calls every method of the built bundle in the page and reports plain values through window.__result;
// the test (test/api.test.mjs) asserts them in Node. Each entry: what the call returned, or the
// TeaVecError code it threw.
import init, {
  EdgeVec, EdgeVecConfig, BatchInsertConfig, MetricType, JsIndexType, JsMetadataValue, Filter, Database, TeaVecError,
} from '/teavec/teavec.js';

const f = (...xs) => new Float32Array(xs);
const out = {};

/** Records what `fn` returns (typed arrays as arrays), or `{ code, position }` if it throws a TeaVecError. */
function record(name, fn) {
  try {
    const value = fn();
    out[name] = JSON.parse(JSON.stringify(value === undefined ? null : value, (k, v) => (ArrayBuffer.isView(v) ? [...v] : v)));
  } catch (e) {
    if (!(e instanceof TeaVecError)) throw e;
    out[name] = { code: e.code, ...(e.position === undefined ? {} : { position: e.position }) };
  }
}

async function run() {
  record('notInitialized', () => new EdgeVec(new EdgeVecConfig(2)));
  await init();
  const config = new EdgeVecConfig(2);
  record('configDefaults', () => [config.metric, config.m, config.m0, config.ef_construction, config.ef_search, config.indexType, config.quantization]);
  config.setMetricType(MetricType.L2);
  config.indexType = JsIndexType.Flat;
  record('configChecks', () => [config.metric, config.isFlat(), config.isHnsw()]);
  const ix = new EdgeVec(config);
  record('props', () => [ix.dimensions, ix.metric]);
  record('insert', () => ix.insert(f(0, 0)));
  record('insertBatchFlat', () => ix.insertBatchFlat(f(1, 0, 2, 0), 2));
  record('insertBatch', () => ix.insertBatch([f(3, 0), f(4, 0)], new BatchInsertConfig()));
  const calls = [];
  record('insertBatchWithProgress', () => ix.insertBatchWithProgress([f(5, 0)], (d, t) => { calls.push([d, t]); throw new Error('ignored'); }));
  out.progressCalls = calls;
  record('insertWithMetadata', () => ix.insertWithMetadata(f(6, 0), { cat: 'gpu', price: 6, tags: ['a'] }));
  record('insertBatchWithMetadata', () => ix.insertBatchWithMetadata([f(7, 0), f(8, 0)], [{ cat: 'cpu', price: 7 }, { cat: 'gpu', price: 8 }]));
  record('size', () => ix.size);
  record('search', () => ix.search(f(0.2, 0), 3, { efSearch: 20 }));
  record('searchWithFilter', () => ix.searchWithFilter(f(0, 0), 'cat = "gpu" AND price > 6', 5));
  record('searchWithWhere', () => ix.searchWithFilter(f(0, 0), { cat: { $in: ['gpu', 'cpu'] } }, 2));
  record('searchFiltered', () => {
    const r = ix.searchFiltered(f(0, 0), 2, { filter: 'price >= 7', includeMetadata: true, includeVectors: true });
    return { ...r, totalTimeMs: typeof r.totalTimeMs };
  });
  record('getVector', () => ix.getVector(3));
  record('updateVector', () => { ix.updateVector(0, f(-1, 0)); return ix.getVector(0); });

  record('setMetadata', () => { ix.setMetadata(0, 'title', 'zero'); ix.setMetadata(0, 'n', JsMetadataValue.fromInteger(5)); });
  record('getMetadata', () => [ix.getMetadata(0, 'title'), ix.getMetadata(0, 'n'), ix.getMetadata(0, 'missing') ?? null]);
  record('hasMetadata', () => [ix.hasMetadata(0, 'title'), ix.hasMetadata(0, 'missing')]);
  record('metadataCounts', () => [ix.metadataKeyCount(0), ix.metadataVectorCount(), ix.totalMetadataCount()]);
  record('getAllMetadata', () => [ix.getAllMetadata(0), ix.getVectorMetadata(6)]);
  record('deleteMetadata', () => [ix.deleteMetadata(0, 'title'), ix.deleteMetadata(0, 'title')]);
  record('setAllMetadata', () => { ix.setAllMetadata(0, { only: true }); return ix.getAllMetadata(0); });
  record('deleteAllMetadata', () => [ix.deleteAllMetadata(0), ix.getAllMetadata(0) ?? null]);

  record('upsert', () => [ix.upsert('a', f(10, 0), { k: 1 }), ix.upsert('a', f(11, 0))]);
  record('get', () => ix.get('a'));
  record('upsertBatch', () => ix.upsertBatch([{ id: 'b', vector: f(12, 0) }, { id: 'c', vector: f(13, 0), metadata: { k: 3 } }]));
  record('getBatch', () => ix.getBatch(['b', 'zz']).map((x) => x ?? null));
  record('keys', () => [ix.keyOf(9), ix.idOf('c'), ix.idOf('zz') ?? null]);
  record('delete', () => [ix.delete('a'), ix.delete('a'), ix.deleteBatch(['b', 'c'])]);

  record('softDelete', () => [ix.softDelete(1), ix.softDelete(1), ix.isDeleted(1)]);
  record('softDeleteBatch', () => ix.softDeleteBatch(new Uint32Array([2, 2, 99])));
  record('softDeleteBatchCompat', () => ix.softDeleteBatchCompat([3]));
  record('counts', () => [ix.liveCount(), ix.deletedCount(), ix.tombstoneRatio(), ix.needsCompaction(), ix.compactionThreshold()]);
  record('compactionWarning', () => typeof ix.compactionWarning());
  record('compact', () => { const r = ix.compact(); return [r.tombstones_removed, r.new_size, ix.deletedCount()]; });

  record('memory', () => {
    const p = ix.getMemoryPressure();
    return [ix.memoryUsage() > 0, p.level, p.usedBytes === ix.memoryUsage(), p.totalBytes > 0, ix.canInsert(),
      ix.getMemoryRecommendation().action, ix.getMemoryConfig().warningThreshold];
  });
  record('quota', () => { ix.setMemoryConfig({ budgetBytes: ix.memoryUsage(), blockInsertsOnCritical: true }); return ix.insert(f(1, 1)); });
  ix.setMemoryConfig({ budgetBytes: null, blockInsertsOnCritical: false });

  record('filterBuilder', () => String(Filter.and(Filter.eq('a', 'x'), Filter.in('b', [1, 2]))));
  record('filterValidate', () => [Filter.validate('a = 1').valid, Filter.validate('a <').errors[0].position.offset, Filter.tryParse('(')]);
  record('typedValue', () => [JsMetadataValue.fromFloat(1.5).getType(), JsMetadataValue.fromStringArray(['x']).toJS()]);

  // Errors: codes and positions.
  record('dimensionMismatch', () => ix.insert(f(1, 2, 3)));
  record('invalidVector', () => ix.insert(f(NaN, 1)));
  record('invalidK', () => ix.search(f(1, 1), 0));
  record('invalidConfig', () => new EdgeVecConfig(0));
  record('unknownId', () => ix.getVector(999));
  record('invalidFilter', () => ix.searchWithFilter(f(1, 1), 'price >', 1));
  record('invalidWhere', () => ix.searchWithFilter(f(1, 1), { price: { $gt: true } }, 1));
  record('invalidArgument', () => ix.insertWithMetadata(f(1, 1), { nested: { no: 1 } }));
  // free() returns the index's memory; a second free() is a no-op and any later call fails with a code.
  record('free', () => { ix.free(); ix.free(); return ix.insert(f(1, 1)); });

  // Collections.
  const db = new Database();
  const c = db.createCollection({ name: 'docs', metadata: { 'hnsw:space': 'l2' } });
  record('add', () => c.add({ ids: ['a', 'b', 'c'], embeddings: [[0, 0], [1, 0], [2, 0]], metadatas: [{ k: 'x' }, { k: 'y' }, { k: 'x' }], documents: ['A', 'B', 'C'] }));
  record('duplicate', () => c.add({ ids: ['a'], embeddings: [[5, 5]] }));
  record('count', () => c.count());
  record('collectionGet', () => c.get({ where: { k: 'x' }, include: ['documents', 'embeddings'] }));
  record('collectionGetPaged', () => c.get({ limit: 1, offset: 1 }).ids);
  record('peek', () => c.peek({ limit: 1 }).ids);
  record('query', () => c.query({ queryEmbeddings: [[1.9, 0]], nResults: 2, where: { k: 'x' } }));
  record('upsertCollection', () => { c.upsert({ ids: ['b', 'd'], embeddings: [[9, 9], [3, 3]] }); return c.get({ ids: ['b', 'd'], include: ['embeddings', 'documents'] }); });
  record('update', () => { c.update({ ids: 'd', documents: 'D' }); return c.get({ ids: 'd' }).documents; });
  record('collectionDelete', () => [c.delete({ ids: ['a'] }), c.delete({ where: { k: 'x' } }), c.count()]);
  record('collections', () => {
    db.getOrCreateCollection({ name: 'other', dimensions: 3 });
    const names = db.listCollections().map((x) => x.name);
    const same = db.getCollection({ name: 'docs' }) === c;
    db.deleteCollection({ name: 'other' });
    return [names, same, db.countCollections()];
  });
  record('unknownCollection', () => db.getCollection('nope'));
  return out;
}

window.__result = run().catch((e) => ({ error: String((e && e.stack) || e) }));
