// Type test that also runs: every public API of 'teavec' used as documented, compiled by `tsc --strict`
// against the shipped typings and then run against the real module (packed-package.test.mjs), so a
// typing that promises what the module does not do fails here. Wrong usage must not compile, and where it
// would run, it must be refused at run time with a TeaVecError too.
import init, {
  registerIndexType, type CustomIndex, type CustomIndexOptions,
  EdgeVec, EdgeVecConfig, BatchInsertConfig, MetricType, JsIndexType, JsMetadataValue, Filter, FilterExpression,
  Database, Collection, TeaVecError, ErrorCodes,
  type ErrorCode, type Metadata, type MetadataValue, type SearchResult, type FilteredSearchResult,
  type BatchInsertResult, type BatchDeleteResult, type CompactionResult, type MemoryPressure, type MemoryConfig,
  type MemoryRecommendation, type SavedSnapshot, type KeyedRecord, type Where, type GetResult, type QueryResult, type FilterValidation,
  type EmbeddingFunction,
} from 'teavec';

/** Checks at run time what the typings promise at compile time. */
function expect(ok: boolean, what: string): void {
  if (!ok) throw new Error(`the module does not do what the typings say: ${what}`);
}

/** Runs wrong usage (whose compile error is expected on the line before the call) and expects a TeaVecError. */
function refused(call: () => unknown, what: string): void {
  try {
    call();
  } catch (e) {
    expect(e instanceof TeaVecError, `${what}: refused with a TeaVecError, got ${String(e)}`);
    return;
  }
  throw new Error(`${what}: expected a TeaVecError`);
}

await init();
await init({ module: new URL('file:///x.wasm') });
// Workers: the precompiled full-text module beside the engine's (typed only: init already ran).
const workersInit: Parameters<typeof init>[0] = { module: new URL('file:///x.wasm'), text: new URL('file:///t.wasm') };
expect(typeof workersInit === 'object', 'init takes { module, text }');

const config = new EdgeVecConfig(4);
config.metric = 'l2';
config.indexType = JsIndexType.Flat;
config.indexType = 'hnsw';
config.quantization = 'sq8';
config.rerank = true;
config.m = 16; config.m0 = 32; config.ef_construction = 200; config.ef_search = 50;
config.compactionThreshold = 0.3; config.seed = 7;
config.setMetricType(MetricType.Cosine);
const flags: boolean[] = [config.isFlat(), config.isHnsw()];
expect(flags[0] === false && flags[1] === true, 'isFlat / isHnsw');
const json: { [name: string]: unknown } = config.toJSON();
expect(json.m0 === 32 && json.metric === 'cosine', 'toJSON');

const ix = new EdgeVec(config);
const v = new Float32Array([1, 2, 3, 4]);
const dims: number = ix.dimensions;
const size: number = ix.size;
const id: number = ix.insert(v);
expect(dims === 4 && size === 0 && id === 0, 'dimensions, size, insert');
const flatIds: Uint32Array = ix.insertBatchFlat(new Float32Array([1, 1, 1, 1, 2, 2, 2, 2]), 2);
expect(flatIds instanceof Uint32Array && flatIds.length === 2, 'insertBatchFlat returns a Uint32Array');
const batch: BatchInsertResult = ix.insertBatch([v, v], new BatchInsertConfig());
expect(batch.ids instanceof Uint32Array && batch.total === 2 && batch.inserted === 2, 'insertBatch');
const progress: BatchInsertResult = ix.insertBatchWithProgress([v], (done: number, total: number) => { void done; void total; });
const progressAsync: BatchInsertResult = await ix.insertBatchWithProgressAsync([v], () => {}, { signal: new AbortController().signal });
expect(progressAsync.inserted === 1, 'insertBatchWithProgressAsync');
const buildLeft: number = ix.advanceBuild(64);
expect(buildLeft === 0, 'advanceBuild: nothing left on a small index');
const withMeta: number = ix.insertWithMetadata(v, { cat: 'gpu', price: 1, ok: true, tags: ['a'], none: null, typed: JsMetadataValue.fromInteger(1) });
const batchMeta: BatchInsertResult = ix.insertBatchWithMetadata([v, v], [{ a: 1 }, null]);

const upserted: number = ix.upsert('doc-1', v, { a: 1 });
const keep: number = ix.upsert('keep', new Float32Array([4, 3, 2, 1]));
const upsertedIds: Uint32Array = ix.upsertBatch([{ id: 'a', vector: v }, { id: 'b', vector: v, metadata: { x: 'y' } }]);
expect(upsertedIds instanceof Uint32Array && upsertedIds.length === 2, 'upsertBatch returns a Uint32Array');
const rec: KeyedRecord | undefined = ix.get('doc-1');
expect(rec?.id === 'doc-1' && rec.vector instanceof Float32Array && rec.metadata?.a === 1, 'get');
const recs: (KeyedRecord | undefined)[] = ix.getBatch(['a', 'b']);
const gone: boolean = ix.delete('a');
const goneCount: number = ix.deleteBatch(['b']);
const key: string | undefined = ix.keyOf(upserted);
const idOfKey: number | undefined = ix.idOf('doc-1');
expect(key === 'doc-1' && idOfKey === upserted && ix.idOf('nobody') === undefined, 'keyOf / idOf');
ix.updateVector(keep, v);

const hits: SearchResult[] = ix.search(v, 10, { efSearch: 100 });
expect(hits.length > 0 && typeof hits[0].id === 'number' && typeof hits[0].score === 'number', 'search hits');
const where: Where = { $and: [{ cat: 'gpu' }, { price: { $lt: 500 } }, { tags: { $contains: 'a' } }, { n: { $in: [1, 2] } }] };
const filtered: SearchResult[] = ix.searchWithFilter(v, 'category = "gpu" AND price < 500', 10);
const filtered2: SearchResult[] = ix.searchWithFilter(v, where, 10);
const filtered3: SearchResult[] = ix.searchWithFilter(v, Filter.and(Filter.eq('a', 1), Filter.between('p', 1, 2)), 10);
const detailed: FilteredSearchResult = ix.searchFiltered(v, 10, { filter: 'a = 1', strategy: 'auto', includeMetadata: true, includeVectors: true });
const fromJson: FilteredSearchResult = ix.searchFiltered(v, 10, JSON.stringify({ filter: 'a = 1' }));
const meta0: Metadata | undefined = detailed.results[0]?.metadata;
const vec0: Float32Array | undefined = detailed.results[0]?.vector;
expect(meta0?.a === 1 && vec0 instanceof Float32Array, 'searchFiltered with metadata and vectors');
const sel: number = detailed.observedSelectivity + detailed.vectorsEvaluated + detailed.totalTimeMs;
const strategy: 'auto' | 'pre' | 'post' | 'hybrid' = detailed.strategyUsed;
expect(['auto', 'pre', 'post', 'hybrid'].includes(strategy), 'strategyUsed');
const complete: boolean = detailed.complete;
const stored: Float32Array = ix.getVector(id);

const deleted: boolean = ix.softDelete(id);
const batchDel: BatchDeleteResult = ix.softDeleteBatch(new Uint32Array([1, 2]));
const batchDel2: BatchDeleteResult = ix.softDeleteBatchCompat([1, 2]);
const valid: boolean = batchDel2.allValid() && batchDel.anyDeleted();
expect(batchDel.deleted === 2 && batchDel2.alreadyDeleted === 2, 'softDeleteBatch counts');
const counts: number[] = [ix.liveCount(), ix.deletedCount(), ix.tombstoneRatio(), ix.compactionThreshold()];
const isDel: boolean = ix.isDeleted(id) && ix.needsCompaction();
const warning: string | undefined = ix.compactionWarning();
const compacted: CompactionResult = ix.compact();
expect(typeof compacted.tombstones_removed === 'number' && typeof compacted.new_size === 'number', 'compact');

ix.setMetadata(keep, 'title', 'x');
ix.setMetadata(keep, 'title', JsMetadataValue.fromString('x'));
ix.setAllMetadata(keep, { a: 1 });
ix.setAllMetadata(keep, null);
ix.setMetadata(keep, 'title', 'x');
const one: MetadataValue | undefined = ix.getMetadata(keep, 'title');
expect(one === 'x', 'getMetadata');
const has: boolean = ix.hasMetadata(keep, 'title') && ix.deleteMetadata(keep, 'title') && ix.deleteAllMetadata(keep);
const all: Metadata | undefined = ix.getAllMetadata(keep) ?? ix.getVectorMetadata(keep) ?? ix.getMetadata(keep);
const metaCounts: number[] = [ix.metadataKeyCount(keep), ix.metadataVectorCount(), ix.totalMetadataCount()];

const bytes: number = ix.memoryUsage();
const pressure: MemoryPressure = ix.getMemoryPressure();
const level: 'normal' | 'warning' | 'critical' = pressure.level;
ix.setMemoryConfig({ warningThreshold: 70, budgetBytes: 1 << 20 });
const memConfig: MemoryConfig = ix.getMemoryConfig();
const can: boolean = ix.canInsert();
const advice: MemoryRecommendation = ix.getMemoryRecommendation();
const kernels: 'simd' | 'scalar' = ix.kernels;
// IndexedDB is a browser's: in Node both reject with NOT_SUPPORTED.
const saving: Promise<SavedSnapshot> = ix.save('name', { onProgress: (done: number, total: number) => { void done; void total; } });
const loading: Promise<EdgeVec> = EdgeVec.load('name');
for (const p of [saving, loading]) {
  await p.then(() => expect(false, 'IndexedDB in Node'), (e: unknown) => expect(e instanceof TeaVecError && e.code === 'NOT_SUPPORTED', 'NOT_SUPPORTED'));
}
const snapshot: Uint8Array = ix.toBytes();
const restored: EdgeVec = EdgeVec.fromBytes(snapshot);
expect(restored.size === ix.size, 'fromBytes');
ix.free();
restored.free();
config.free();

const typed: JsMetadataValue = JsMetadataValue.fromStringArray(['a']);
const typedOut: string[] | undefined = typed.asStringArray();
const expr: FilterExpression = Filter.or(Filter.like('n', 'a%'), Filter.not(Filter.isNull('x')), Filter.notIn('c', ['a']));
const validation: FilterValidation = Filter.validate('a = 1');
const parsed: FilterExpression | null = Filter.tryParse('a = 1');
expect(validation.valid && parsed !== null, 'Filter.validate / tryParse');

const db = new Database();
const col: Collection = db.createCollection({ name: 'docs', metadata: { 'hnsw:space': 'cosine' }, dimensions: 4, indexType: 'hnsw' });
const same: Collection = db.getOrCreateCollection({ name: 'docs' });
const positional: Collection = db.createCollection('notes', { metric: 'l2' }) ?? db.getOrCreateCollection('notes')
  ?? db.getOrCreateCollection('notes', { metadata: { 'hnsw:space': 'l2' } });
const byName: Collection = db.getCollection({ name: 'docs' }) ?? db.getCollection('docs');
const names: string[] = db.listCollections().map((c) => c.name);
const nCols: number = db.countCollections();
col.add({ ids: ['a', 'b'], embeddings: [[1, 2, 3, 4], v], metadatas: [{ k: 1 }, null], documents: ['doc', null] });
col.add({ ids: 'c', embeddings: [1, 2, 3, 4], metadatas: { k: 2 }, documents: 'text' });
col.upsert({ ids: ['a'], embeddings: [v] });
col.update({ ids: ['a'], documents: ['new'] });
const got: GetResult = col.get({ ids: ['a'], where: { k: { $gte: 1 } }, limit: 10, offset: 0, include: ['embeddings', 'metadatas', 'documents'] });
const docs: (string | null)[] | null = got.documents;
expect(got.ids[0] === 'a' && docs?.[0] === 'new' && Array.isArray(got.embeddings?.[0]), 'Collection.get');
const peeked: GetResult = col.peek({ limit: 2 });
const res: QueryResult = col.query({ queryEmbeddings: [v], nResults: 5, where: { k: 1 }, include: ['distances', 'metadatas'] });
const firstIds: string[] = res.ids[0];
const distances: number[][] | null = res.distances;
expect(firstIds[0] === 'a' && typeof distances?.[0][0] === 'number', 'Collection.query');
const removed: string[] = col.delete({ ids: ['a'], where: { k: 1 } });
const total: number = col.count();
const colMeta: Metadata | null = col.metadata;
const colDims: number | undefined = col.dimensions;
expect(removed[0] === 'a' && total === 2 && colDims === 4, 'Collection.delete / count / dimensions');
// Text in, text out: an embedding function (Chroma's interface) embeds documents and query texts.
const letters: EmbeddingFunction = {
  name: 'typings-letters',
  generate: async (texts) => texts.map((t) => [t.length, 1, 0, 0]),
  getConfig: () => ({}),
};
const texts: Collection = db.createCollection({ name: 'texts', embeddingFunction: letters });
const embedded: number[] = [];
const adding: Promise<void> = texts.add({ ids: ['t1', 't2'], documents: ['one', 'three'], onProgress: (done) => { embedded.push(done); } });
await adding;
await texts.upsert({ ids: 't3', documents: 'fifteen letters' });
const byText: QueryResult = await texts.query({ queryTexts: ['two'], nResults: 2, whereDocument: { $not_contains: 'x' }, ids: ['t1', 't2'] });
const rows: { id: string; distance?: number }[][] = byText.rows();
expect(rows[0].length === 2 && embedded[0] === 2 && texts.embeddingFunction === letters, 'embeddingFunction, queryTexts, rows()');
const hybrid: QueryResult = await texts.query({ queryTexts: 'one', mode: 'hybrid', textAnalyzer: 'plain', fusion: { k: 10, weights: [1, 2] } });
const byWords: QueryResult = await texts.query({ queryTexts: ['three'], mode: 'text', nResults: 1 });
expect(hybrid.ids[0][0] === 't1' && byWords.ids[0][0] === 't2', "query modes 'hybrid' and 'text'");
if (Math.random() > 2) { // type check only
  // @ts-expect-error modes are 'vector', 'text' and 'hybrid'
  void texts.query({ queryTexts: 'x', mode: 'semantic' });
}
const byDocument: GetResult = texts.get({ whereDocument: { $or: [{ $contains: 'one' }, { $regex: '^fif' }] } });
expect(byDocument.rows().map((r) => r.id).join() === 't1,t3' && byDocument.include[0] === 'metadatas', 'whereDocument, rows(), include');
const again: Collection = db.getCollection({ name: 'texts', embeddingFunction: letters });
expect(again.delete({ whereDocument: { $contains: 'three' } })[0] === 't2', 'delete by whereDocument');
// @ts-expect-error whereDocument operators are Chroma's
refused(() => texts.get({ whereDocument: { $like: 'x' } }), 'an unknown whereDocument operator');
db.deleteCollection('texts');
const dbBytes: Uint8Array = db.toBytes();
const dbCopy: Database = Database.fromBytes(dbBytes);
const path = '/tmp/teavec-full-api-typings.tvdb';
const dbSaving: Promise<void> = dbCopy.saveToFile(path);
await dbSaving;
const dbLoading: Promise<Database> = Database.loadFromFile(path);
expect((await dbLoading).countCollections() === 2, 'loadFromFile'); // 'docs' and the positional 'notes'
db.createCollection({ name: 'other' });
db.deleteCollection({ name: 'docs' });
db.deleteCollection('other');
dbCopy.free();
const freedCode: ErrorCode = 'INDEX_FREED';
expect(ErrorCodes[freedCode] === freedCode, 'ErrorCodes');

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
const wrong = new EdgeVec(new EdgeVecConfig(4));
const wrongDb = new Database();
const wrongCol = wrongDb.createCollection({ name: 'w', dimensions: 4 });
wrongCol.add({ ids: ['x'], embeddings: [[1, 1, 1, 1]] });
// @ts-expect-error a metric outside the closed set
config.metric = 'hamming';
refused(() => new EdgeVec(config), 'metric hamming');
config.metric = 'cosine';
// @ts-expect-error quantization is a closed set
config.quantization = 'pq8';
refused(() => new EdgeVec(config), 'quantization pq8');
// 'pq' is a name of the typings, but not of the core engine: refused there (NOT_SUPPORTED, see teavec/quantization).
config.quantization = 'pq';
refused(() => new EdgeVec(config), 'quantization pq in the core engine');
// @ts-expect-error vectors are Float32Array
refused(() => wrong.insertBatch([[1, 2, 3, 4]]), 'insertBatch of number[]');
// @ts-expect-error EdgeVec's argument order: query, filter, k
refused(() => wrong.searchWithFilter(v, 10, 'a = 1'), 'searchWithFilter argument order');
// @ts-expect-error metadata values are flat: no nested objects
refused(() => wrong.insertWithMetadata(v, { nested: { a: 1 } }), 'nested metadata');
// @ts-expect-error metadata arrays hold strings only
refused(() => wrong.setMetadata(0, 'nums', [1, 2]), 'metadata array of numbers');
// @ts-expect-error string ids are strings
refused(() => wrong.upsert(7, v), 'numeric string id');
// @ts-expect-error the progress callback takes numbers
wrong.insertBatchWithProgress([v], (done: string) => done);
// @ts-expect-error get takes no distances
refused(() => wrongCol.get({ include: ['distances'] }), 'get with distances');
// @ts-expect-error query needs queryEmbeddings
refused(() => wrongCol.query({ nResults: 3 }), 'query without queryEmbeddings');
// @ts-expect-error unknown include field
refused(() => wrongCol.query({ queryEmbeddings: [v], include: ['uris'] }), 'unknown include field');
// @ts-expect-error a where operator takes a value of the right kind
const badWhere: Where = { price: { $in: 3 } };
refused(() => wrongCol.get({ where: badWhere }), 'where $in with a number');
// @ts-expect-error collections need a name
refused(() => wrongDb.createCollection({ dimensions: 3 }), 'collection without a name');
// @ts-expect-error the positional form takes options second
refused(() => wrongDb.createCollection('notes', 'l2'), 'positional createCollection with a string');
// @ts-expect-error unknown error code
const badCode: ErrorCode = 'OOPS';
expect(!(badCode in ErrorCodes), 'OOPS is no code');
// @ts-expect-error a database loads from bytes, not from a path
refused(() => Database.fromBytes('/tmp/db.tvdb'), 'fromBytes of a path');
wrong.free();
wrongDb.free();

void [flags, dims, size, flatIds, batch, progress, withMeta, batchMeta, upserted, upsertedIds, rec, recs, gone, goneCount, key,
  idOfKey, hits, filtered, filtered2, filtered3, fromJson, meta0, vec0, sel, strategy, complete, stored, deleted, batchDel,
  batchDel2, counts, isDel, warning, compacted, one, has, all, metaCounts, bytes, level, memConfig, can, advice, kernels,
  typedOut, expr, same, byName, names, nCols, docs, peeked, removed, colMeta, valid, positional];

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
const customCol: Collection = db.createCollection({ name: 'custom', indexType: 'candidates' });
customCol.add({ ids: ['c1'], embeddings: [[1, 0, 0, 0]] });
expect(customCol.count() === 1, 'custom index type serves a collection');
if (Math.random() > 2) { // type check only: the factory is checked when an index is made from it
  // @ts-expect-error a factory returns an index with add, remove and search
  registerIndexType('bad', () => ({ add() {} }));
}
void custom;
console.log('full-api: ran');
