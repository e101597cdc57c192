// Type test: every public API of 'teavec' used as documented, plus wrong usage that must not compile.
// Checked by `tsc --noEmit --strict` in packed-package.test.mjs; never run.
import init, {
  registerIndexType, type CustomIndex, type CustomIndexOptions,
  EdgeVec, EdgeVecConfig, BatchInsertConfig, MetricType, JsIndexType, JsMetadataValue, Filter, FilterExpression,
  Database, Collection, TeaVecError, ErrorCodes,
  type ErrorCode, type Metadata, type MetadataValue, type SearchResult, type FilteredSearchResult,
  type BatchInsertResult, type BatchDeleteResult, type CompactionResult, type MemoryPressure, type MemoryConfig,
  type MemoryRecommendation, type SavedSnapshot, type KeyedRecord, type Where, type GetResult, type QueryResult, type FilterValidation,
} from 'teavec';

await init();
await init({ module: new URL('file:///x.wasm') });

const config = new EdgeVecConfig(4);
config.metric = 'l2';
config.indexType = 'hnsw';
config.indexType = JsIndexType.Flat;
config.quantization = 'sq8';
config.rerank = true;
config.m = 16; config.m0 = 32; config.ef_construction = 200; config.ef_search = 50;
config.compactionThreshold = 0.3; config.seed = 7;
config.setMetricType(MetricType.Cosine);
const flags: boolean[] = [config.isFlat(), config.isHnsw()];

const ix = new EdgeVec(config);
const v = new Float32Array(4);
const dims: number = ix.dimensions;
const size: number = ix.size;
const id: number = ix.insert(v);
const flatIds: Uint32Array = ix.insertBatchFlat(new Float32Array(8), 2);
const batch: BatchInsertResult = ix.insertBatch([v, v], new BatchInsertConfig());
const progress: BatchInsertResult = ix.insertBatchWithProgress([v], (done: number, total: number) => { void done; void total; });
const withMeta: number = ix.insertWithMetadata(v, { cat: 'gpu', price: 1, ok: true, tags: ['a'], none: null, typed: JsMetadataValue.fromInteger(1) });
const batchMeta: BatchInsertResult = ix.insertBatchWithMetadata([v, v], [{ a: 1 }, null]);

const upserted: number = ix.upsert('doc-1', v, { a: 1 });
const upsertedIds: Uint32Array = ix.upsertBatch([{ id: 'a', vector: v }, { id: 'b', vector: v, metadata: { x: 'y' } }]);
const rec: KeyedRecord | undefined = ix.get('doc-1');
const recs: (KeyedRecord | undefined)[] = ix.getBatch(['a', 'b']);
const gone: boolean = ix.delete('a');
const goneCount: number = ix.deleteBatch(['b']);
const key: string | undefined = ix.keyOf(0);
const idOfKey: number | undefined = ix.idOf('doc-1');
ix.updateVector(0, v);

const hits: SearchResult[] = ix.search(v, 10, { efSearch: 100 });
const where: Where = { $and: [{ cat: 'gpu' }, { price: { $lt: 500 } }, { tags: { $contains: 'a' } }, { n: { $in: [1, 2] } }] };
const filtered: SearchResult[] = ix.searchWithFilter(v, 'category = "gpu" AND price < 500', 10);
const filtered2: SearchResult[] = ix.searchWithFilter(v, where, 10);
const filtered3: SearchResult[] = ix.searchWithFilter(v, Filter.and(Filter.eq('a', 1), Filter.between('p', 1, 2)), 10);
const detailed: FilteredSearchResult = ix.searchFiltered(v, 10, { filter: 'a = 1', strategy: 'auto', includeMetadata: true, includeVectors: true });
const fromJson: FilteredSearchResult = ix.searchFiltered(v, 10, JSON.stringify({ filter: 'a = 1' }));
const meta0: Metadata | undefined = detailed.results[0]?.metadata;
const vec0: Float32Array | undefined = detailed.results[0]?.vector;
const sel: number = detailed.observedSelectivity + detailed.vectorsEvaluated + detailed.totalTimeMs;
const strategy: 'auto' | 'pre' | 'post' | 'hybrid' = detailed.strategyUsed;
const complete: boolean = detailed.complete;
const stored: Float32Array = ix.getVector(id);

const deleted: boolean = ix.softDelete(id);
const batchDel: BatchDeleteResult = ix.softDeleteBatch(new Uint32Array([1, 2]));
const batchDel2: BatchDeleteResult = ix.softDeleteBatchCompat([1, 2]);
const valid: boolean = batchDel2.allValid() && batchDel.anyDeleted();
const counts: number[] = [ix.liveCount(), ix.deletedCount(), ix.tombstoneRatio(), ix.compactionThreshold()];
const isDel: boolean = ix.isDeleted(id) && ix.needsCompaction();
const warning: string | undefined = ix.compactionWarning();
const compacted: CompactionResult = ix.compact();

ix.setMetadata(0, 'title', 'x');
ix.setMetadata(0, 'title', JsMetadataValue.fromString('x'));
ix.setAllMetadata(0, { a: 1 });
ix.setAllMetadata(0, null);
const one: MetadataValue | undefined = ix.getMetadata(0, 'title');
const has: boolean = ix.hasMetadata(0, 'title') && ix.deleteMetadata(0, 'title') && ix.deleteAllMetadata(0);
const all: Metadata | undefined = ix.getAllMetadata(0) ?? ix.getVectorMetadata(0);
const metaCounts: number[] = [ix.metadataKeyCount(0), ix.metadataVectorCount(), ix.totalMetadataCount()];

const bytes: number = ix.memoryUsage();
const pressure: MemoryPressure = ix.getMemoryPressure();
const level: 'normal' | 'warning' | 'critical' = pressure.level;
ix.setMemoryConfig({ warningThreshold: 70, budgetBytes: 1 << 20 });
const memConfig: MemoryConfig = ix.getMemoryConfig();
const can: boolean = ix.canInsert();
const advice: MemoryRecommendation = ix.getMemoryRecommendation();
const saving: Promise<SavedSnapshot> = ix.save('name', { onProgress: (done: number, total: number) => {} });
const restored: EdgeVec = EdgeVec.fromBytes(ix.toBytes());
const loading: Promise<EdgeVec> = EdgeVec.load('name');
ix.free();
config.free();

const typed: JsMetadataValue = JsMetadataValue.fromStringArray(['a']);
const typedOut: string[] | undefined = typed.asStringArray();
const expr: FilterExpression = Filter.or(Filter.like('n', 'a%'), Filter.not(Filter.isNull('x')), Filter.notIn('c', ['a']));
const validation: FilterValidation = Filter.validate('a = 1');
const parsed: FilterExpression | null = Filter.tryParse('a = 1');

const db = new Database();
const col: Collection = db.createCollection({ name: 'docs', metadata: { 'hnsw:space': 'cosine' }, dimensions: 4, indexType: 'hnsw' });
const same: Collection = db.getOrCreateCollection({ name: 'docs' });
const byName: Collection = db.getCollection({ name: 'docs' }) ?? db.getCollection('docs');
const names: string[] = db.listCollections().map((c) => c.name);
const nCols: number = db.countCollections();
col.add({ ids: ['a', 'b'], embeddings: [[1, 2, 3, 4], v], metadatas: [{ k: 1 }, null], documents: ['doc', null] });
col.add({ ids: 'c', embeddings: [1, 2, 3, 4], metadatas: { k: 2 }, documents: 'text' });
col.upsert({ ids: ['a'], embeddings: [v] });
col.update({ ids: ['a'], documents: ['new'] });
const got: GetResult = col.get({ ids: ['a'], where: { k: { $gte: 1 } }, limit: 10, offset: 0, include: ['embeddings', 'metadatas', 'documents'] });
const docs: (string | null)[] | null = got.documents;
const peeked: GetResult = col.peek({ limit: 2 });
const res: QueryResult = col.query({ queryEmbeddings: [v], nResults: 5, where: { k: 1 }, include: ['distances', 'metadatas'] });
const firstIds: string[] = res.ids[0];
const distances: number[][] | null = res.distances;
const removed: string[] = col.delete({ ids: ['a'], where: { k: 1 } });
const total: number = col.count();
const colMeta: Metadata | null = col.metadata;
const colDims: number | undefined = col.dimensions;
const dbBytes: Uint8Array = db.toBytes();
const dbCopy: Database = Database.fromBytes(dbBytes);
const dbSaving: Promise<void> = dbCopy.saveToFile('/tmp/db.tvdb');
const dbLoading: Promise<Database> = Database.loadFromFile('/tmp/db.tvdb');
db.deleteCollection({ name: 'docs' });
db.deleteCollection('docs');
dbCopy.free();
const freedCode: ErrorCode = 'INDEX_FREED';

try {
  ix.search(v, 0);
} catch (e) {
  if (e instanceof TeaVecError) {
    const code: ErrorCode = e.code;
    const position: number | undefined = e.position;
    const filterText: string | undefined = e.filter;
    const same2: boolean = code === ErrorCodes.INVALID_FILTER;
    void position; void filterText; void same2;
  }
}

// ---- wrong usage ---------------------------------------------------------------------------------
// @ts-expect-error a metric outside the closed set
config.metric = 'hamming';
// @ts-expect-error quantization is 'none' | 'sq8'
config.quantization = 'pq';
// @ts-expect-error vectors are Float32Array
ix.insertBatch([[1, 2, 3, 4]]);
// @ts-expect-error EdgeVec's argument order: query, filter, k
ix.searchWithFilter(v, 10, 'a = 1');
// @ts-expect-error metadata values are flat: no nested objects
ix.insertWithMetadata(v, { nested: { a: 1 } });
// @ts-expect-error metadata arrays hold strings only
ix.setMetadata(0, 'nums', [1, 2]);
// @ts-expect-error string ids are strings
ix.upsert(7, v);
// @ts-expect-error the progress callback takes numbers
ix.insertBatchWithProgress([v], (done: string) => done);
// @ts-expect-error get takes no distances
col.get({ include: ['distances'] });
// @ts-expect-error query needs queryEmbeddings
col.query({ nResults: 3 });
// @ts-expect-error unknown include field
col.query({ queryEmbeddings: [v], include: ['uris'] });
// @ts-expect-error a where operator takes a value of the right kind
const badWhere: Where = { price: { $in: 3 } };
// @ts-expect-error collections need a name
db.createCollection({ dimensions: 3 });
// @ts-expect-error unknown error code
const badCode: ErrorCode = 'OOPS';
// @ts-expect-error a database loads from bytes, not from a path
Database.fromBytes('/tmp/db.tvdb');

void [flags, dims, size, flatIds, batch, progress, withMeta, batchMeta, upserted, upsertedIds, rec, recs, gone, goneCount, key,
  idOfKey, hits, filtered, filtered2, filtered3, fromJson, meta0, vec0, sel, strategy, complete, stored, deleted, batchDel,
  batchDel2, counts, isDel, warning, compacted, one, has, all, metaCounts, bytes, level, memConfig, can, advice, saving,
  loading, typedOut, expr, validation, parsed, same, byName, names, nCols, docs, peeked, firstIds, distances, removed, total,
  colMeta, colDims, badWhere, badCode, valid, dbSaving, dbLoading];

// Custom index types.
class Candidates implements CustomIndex {
  #ids = new Set<number>();
  constructor(options: CustomIndexOptions) { void options.dimensions; void options.state?.byteLength; }
  add(id: number, vector: Float32Array): void { this.#ids.add(id); void vector; }
  remove(id: number): void { this.#ids.delete(id); }
  search(query: Float32Array, k: number, { budget, filter }: { budget: number; filter?: (id: number) => boolean }): number[] {
    void query; void k; void budget;
    return [...this.#ids].filter((id) => !filter || filter(id));
  }
  toBytes(): Uint8Array { return Uint32Array.from(this.#ids).length ? new Uint8Array(Uint32Array.from(this.#ids).buffer) : new Uint8Array(0); }
}
registerIndexType('candidates', (options) => new Candidates(options), { version: 2 });
const custom = new EdgeVecConfig(4);
custom.indexType = 'candidates';
db.createCollection({ name: 'custom', indexType: 'candidates' });
// @ts-expect-error a factory returns an index with add, remove and search
registerIndexType('bad', () => ({ add() {} }));
