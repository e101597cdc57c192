/**
 * TeaVec: a local-first vector database for the browser and the edge.
 *
 * Scores are distances: lower is closer, results come best first.
 * - `cosine`: 1 − cos(a, b), in [0, 2]
 * - `dot`: −(a · b)
 * - `l2`: Euclidean distance
 */

/**
 * A compiled WebAssembly module (`WebAssembly.Module`). Written through `globalThis` so that these typings also
 * check without the DOM lib (`lib: ["es2022"]` with `@types/node`, which declare no `WebAssembly`); there it is
 * any object.
 */
export type WasmModule = typeof globalThis extends { WebAssembly: { Module: { prototype: infer M } } } ? M : object;

/** Bytes: an ArrayBuffer or a view of one (what the DOM lib calls `BufferSource`). */
export type Bytes = ArrayBuffer | ArrayBufferView;

/**
 * Distance kernels: `false` uses the scalar ones; the precompiled module of `teavec/teavec-simd.wasm`
 * supplies the SIMD ones where bytes cannot be compiled (Cloudflare Workers). By default the SIMD
 * kernels are used wherever the runtime supports Wasm SIMD128.
 */
export type SimdOption = boolean | WasmModule;

/**
 * Full-text search's module (`mode: 'text' | 'hybrid'`), loaded by the first text query from `teavec-text.wasm`
 * next to the package; where bytes cannot be compiled (Cloudflare Workers) pass the precompiled module of
 * `teavec/teavec-text.wasm` here.
 */
export type TextModuleOption = WasmModule | Bytes | Response | URL | string;

/** What `init()` accepts: nothing (load `teavec.wasm` next to the module), a precompiled module, bytes, a Response, a URL or a path. */
export type InitInput =
  | { module?: WasmModule | Bytes | Response | URL | string; simd?: SimdOption; text?: TextModuleOption }
  | { module_or_path: WasmModule | Bytes | Response | URL | string; simd?: SimdOption; text?: TextModuleOption }
  | WasmModule
  | Bytes
  | Response
  | Promise<Response>
  | URL
  | string;

/** The engine's exports; opaque to users. */
export interface TeaVecEngine {
  readonly [name: string]: unknown;
}

/** Loads the engine. Safe to call more than once; later calls return the first result. */
export default function init(input?: InitInput): Promise<TeaVecEngine>;
export { init };

/** The distance kernels the engine loaded: 'simd' or 'scalar'; null before `init()` resolved. */
export function simdBackend(): 'simd' | 'scalar' | null;

// ---- errors ------------------------------------------------------------------------------------

/**
 * Every code a TeaVecError carries. Generated when the package is built from the engine's ErrorCode
 * enum (wasm-core), the one list of codes; `ErrorCodes` holds the same names.
 */
export type ErrorCode = /* generated: ErrorCode */ string;

/** Every failure TeaVec reports. Bad input throws before anything changes. */
export class TeaVecError extends Error {
  readonly name: 'TeaVecError';
  readonly code: ErrorCode;
  /** INVALID_FILTER only: 0-based offset of the problem in `filter`. */
  readonly position?: number;
  /** INVALID_FILTER only: the filter text `position` refers to (a where object's JSON text). */
  readonly filter?: string;
  constructor(code: ErrorCode, message: string, details?: { position?: number; filter?: string });
}

export const ErrorCodes: Readonly<{ [C in ErrorCode]: C }>;

// ---- configuration -----------------------------------------------------------------------------

export type Metric = 'cosine' | 'dot' | 'l2';
export type IndexType = 'auto' | 'flat' | 'hnsw';
/**
 * How vectors are stored. `'none'` and `'sq8'` are in the core engine; `'float16'`, `'sq4'`, `'binary'` and
 * `'pq'` in the engine of `teavec/quantization` (call its `init()` instead of teavec's).
 */
export type Quantization = /* generated: Quantization */ string;

/** EdgeVec's numeric metric enum (Hamming is refused: binary vectors are not supported). */
export const MetricType: Readonly<{ L2: 0; Cosine: 1; Dot: 2; Hamming: 3 }>;
export type MetricType = 0 | 1 | 2 | 3;
/** EdgeVec's numeric index type enum; `indexType` also takes `'auto' | 'flat' | 'hnsw'`. */
export const JsIndexType: Readonly<{ Flat: 0; Hnsw: 1 }>;
export type JsIndexType = 0 | 1;

/**
 * Index settings, named as in EdgeVec, plus TeaVec's own. Each reads as what you set, else as the engine's
 * default (`m0` follows `m`). Only what you set is sent: the engine fills in the rest and checks everything
 * in `new EdgeVec(config)`, naming a bad field as you spelled it (INVALID_CONFIG).
 */
export class EdgeVecConfig {
  /** {@setting dimensions} Checked here already. */
  constructor(dimensions: number);
  /** Length of every vector. {@setting dimensions} */
  dimensions: number;
  /** {@setting metric} */
  metric: Metric;
  /** HNSW neighbours per node above level 0. {@setting m} */
  m: number;
  /** HNSW neighbours per node on level 0. {@setting m0} */
  m0: number;
  /** Candidate list size while building. {@setting ef_construction} */
  ef_construction: number;
  /** Candidate list size while searching; always at least k. {@setting ef_search} */
  ef_search: number;
  /**
   * `'auto'`: exact scan while small, HNSW once larger. EdgeVec's `JsIndexType` numbers work too, and so does
   * the name of a type registered with `registerIndexType`. {@setting indexType}
   */
  indexType: IndexType | JsIndexType | CustomIndexTypeName;
  /**
   * `'sq8'`: 8-bit scalar quantization, ~4× less vector memory; `'float16'` (2×), `'sq4'` (8×), `'binary'` (32×) and
   * `'pq'` (product quantization, `pqSubspaces` bytes per vector) need `teavec/quantization`'s engine. Float vectors
   * are not kept unless `rerank`. {@setting quantization}
   */
  quantization: Quantization;
  /**
   * With a quantized encoding, keep float vectors too and re-rank candidates exactly. `'storage'` (a collection of
   * a database opened by name, storage 'file', 'opfs' or 'indexeddb'): the index keeps codes only and the floats of the
   * best candidates are read from the database's storage (docs/database.md). {@setting rerank}
   */
  rerank: boolean | 'storage';
  /**
   * HNSW graph without level-0 stored distances: 4 bytes less per level-0 link, but builds recompute them (about
   * 19% more distances per insert). A `rerank: true` collection answers exactly as a `'storage'` one only with the same
   * `leanGraph`. Ignored by `indexType: 'flat'`; a saved index keeps the graph it was built with. {@setting leanGraph}
   */
  leanGraph: boolean;
  /** With `quantization: 'pq'`: product-quantization sub-spaces, one byte per vector each; at most `dimensions`. {@setting pqSubspaces} */
  pqSubspaces: number;
  /** Tombstone ratio at which `needsCompaction()` turns true. {@setting compactionThreshold} */
  compactionThreshold: number;
  /** Seed of the HNSW level generator: same inserts, same graph. {@setting seed} */
  seed: number;
  /** Every setting as it reads now. */
  toJSON(): { [name: string]: unknown };
  /** EdgeVec's typed setter. */
  setMetricType(type: MetricType): void;
  isFlat(): boolean;
  /** True for `'hnsw'` and `'auto'`. */
  isHnsw(): boolean;
  /** No-op: a plain object, it holds no engine memory. Kept so that EdgeVec code runs unchanged. */
  free(): void;
}

/** EdgeVec's batch options; TeaVec always validates dimensions. */
export class BatchInsertConfig {
  constructor();
  validateDimensions: boolean;
  /** No-op: a plain object, it holds no engine memory. */
  free(): void;
}

// ---- metadata ----------------------------------------------------------------------------------

/** One metadata value: a string, a finite number, a boolean, an array of strings, or null. */
export type MetadataValue = string | number | boolean | string[] | null;
/** A flat metadata record: at most 64 keys of 1..256 characters. */
export type Metadata = { [key: string]: MetadataValue };
/** What metadata setters accept: plain values, or EdgeVec's `JsMetadataValue` (anything with `toJS()`). */
export type MetadataInput = MetadataValue | { toJS(): MetadataValue };

/** EdgeVec's typed metadata value, so that EdgeVec code building values with it runs unchanged. */
export class JsMetadataValue {
  private constructor();
  static fromString(value: string): JsMetadataValue;
  static fromInteger(value: number): JsMetadataValue;
  static fromFloat(value: number): JsMetadataValue;
  static fromBoolean(value: boolean): JsMetadataValue;
  static fromStringArray(value: string[]): JsMetadataValue;
  getType(): 'string' | 'integer' | 'float' | 'boolean' | 'string_array';
  toJS(): string | number | boolean | string[];
  isString(): boolean;
  isInteger(): boolean;
  isFloat(): boolean;
  isBoolean(): boolean;
  isStringArray(): boolean;
  asString(): string | undefined;
  asInteger(): number | undefined;
  asFloat(): number | undefined;
  asBoolean(): boolean | undefined;
  asStringArray(): string[] | undefined;
  /** No-op: a plain object, it holds no engine memory. */
  free(): void;
}

// ---- filters -----------------------------------------------------------------------------------

type WhereScalar = string | number | boolean;
/** Chroma's operators on one field. Comparisons on a missing or null field are false ($ne and $nin included). */
export type WhereOperator =
  | { $eq: WhereScalar }
  | { $ne: WhereScalar }
  | { $gt: number | string }
  | { $gte: number | string }
  | { $lt: number | string }
  | { $lte: number | string }
  | { $in: WhereScalar[] }
  | { $nin: WhereScalar[] }
  | { $contains: string };
/** A Chroma `where` object: `{ field: value }`, `{ field: { $op: value } }`, `{ $and: [...] }`, `{ $or: [...] }`. */
export type Where =
  | { $and: Where[] }
  | { $or: Where[] }
  | { [field: string]: WhereScalar | WhereOperator };

/** A filter in EdgeVec's grammar, built by `Filter`. */
export class FilterExpression {
  private constructor();
  toString(): string;
  toJSON(): { filter: string };
}

/**
 * Any filter: EdgeVec's string grammar (`category = "gpu" AND price < 500`), a `FilterExpression`
 * (EdgeVec's own work too at run time), or a Chroma `where` object.
 */
export type FilterInput = string | FilterExpression | Where;

export interface FilterValidation {
  valid: boolean;
  errors: { code: ErrorCode; message: string; position: { offset: number } }[];
  warnings: never[];
  filter?: FilterExpression;
}

/** A builder for EdgeVec's filter grammar, with EdgeVec's names. Values are quoted for you. */
export const Filter: {
  /** Checks a filter string with the engine's parser; throws INVALID_FILTER with `position`. */
  parse(text: string): FilterExpression;
  tryParse(text: string): FilterExpression | null;
  validate(text: string): FilterValidation;
  eq(field: string, value: WhereScalar): FilterExpression;
  ne(field: string, value: WhereScalar): FilterExpression;
  lt(field: string, value: number | string): FilterExpression;
  le(field: string, value: number | string): FilterExpression;
  gt(field: string, value: number | string): FilterExpression;
  ge(field: string, value: number | string): FilterExpression;
  between(field: string, low: number | string, high: number | string): FilterExpression;
  contains(field: string, value: string): FilterExpression;
  startsWith(field: string, prefix: string): FilterExpression;
  endsWith(field: string, suffix: string): FilterExpression;
  like(field: string, pattern: string): FilterExpression;
  in(field: string, values: WhereScalar[]): FilterExpression;
  notIn(field: string, values: WhereScalar[]): FilterExpression;
  isNull(field: string): FilterExpression;
  isNotNull(field: string): FilterExpression;
  and(...filters: (FilterExpression | string)[]): FilterExpression;
  or(...filters: (FilterExpression | string)[]): FilterExpression;
  not(filter: FilterExpression | string): FilterExpression;
};

// ---- the EdgeVec index -------------------------------------------------------------------------

export interface SearchResult {
  /** The id `insert` returned. */
  id: number;
  /** Distance to the query: lower is closer. */
  score: number;
}

export interface SearchOptions {
  /** Overrides `ef_search` for this query, in the same range: {@setting ef_search} */
  efSearch?: number;
  /**
   * With a quantized encoding that keeps floats (`rerank: true`): how many of the graph's best candidates are
   * re-scored exactly (at least k; the beam widens to it when larger than ef). Default: every candidate of the beam.
   */
  rerankK?: number;
}

/** EdgeVec's filter strategies. TeaVec chooses itself (and always returns k results when k match); the option is checked, not obeyed. */
export type FilterStrategy = 'auto' | 'pre' | 'post' | 'hybrid';

export interface FilteredSearchOptions {
  filter?: FilterInput | null;
  strategy?: FilterStrategy;
  oversampleFactor?: number;
  includeMetadata?: boolean;
  includeVectors?: boolean;
  efSearch?: number;
}

export interface FilteredSearchHit extends SearchResult {
  /** With `includeMetadata` ({} when the vector has none). */
  metadata?: Metadata;
  /** With `includeVectors`. */
  vector?: Float32Array;
}

/** EdgeVec's searchFiltered result, as an object instead of JSON text. */
export interface FilteredSearchResult {
  results: FilteredSearchHit[];
  /** True when as many results came back as exist (k, or every match). */
  complete: boolean;
  /** Matching vectors / live vectors (estimated on large indexes). */
  observedSelectivity: number;
  /** 'pre': exact scan of the matches; 'hybrid': filtered HNSW (completed by an exact scan when short); 'post': no filter. */
  strategyUsed: FilterStrategy;
  vectorsEvaluated: number;
  totalTimeMs: number;
}

/** What `insertBatch` reports (EdgeVec's shape; ids are a Uint32Array, not a BigUint64Array). */
export interface BatchInsertResult {
  ids: Uint32Array;
  total: number;
  inserted: number;
}

/** What `softDeleteBatch` reports (EdgeVec's shape). */
export interface BatchDeleteResult {
  total: number;
  uniqueCount: number;
  deleted: number;
  alreadyDeleted: number;
  invalidIds: number;
  /** No invalid ids (EdgeVec's method; not enumerable). */
  allValid(): boolean;
  /** At least one id was deleted by this call (EdgeVec's method; not enumerable). */
  anyDeleted(): boolean;
}

/** What `compact` reports (EdgeVec's shape). */
export interface CompactionResult {
  tombstones_removed: number;
  new_size: number;
  duration_ms: number;
}

export interface MemoryPressure {
  level: 'normal' | 'warning' | 'critical';
  /** Bytes held by this index (`memoryUsage()`). */
  usedBytes: number;
  /** `budgetBytes` if set, else the JS heap limit where the runtime reports it, else 2 GiB. */
  totalBytes: number;
  usagePercent: number;
}

export interface MemoryConfig {
  /** Percent of totalBytes. Default 80. */
  warningThreshold: number;
  /** Percent of totalBytes. Default 95. */
  criticalThreshold: number;
  /** Compact after deletes while memory use is at warning or above. Default false. */
  autoCompactOnWarning: boolean;
  /** Inserts throw QUOTA_EXCEEDED while memory use is critical. Default false. */
  blockInsertsOnCritical: boolean;
  /** TeaVec: the total memory pressure is measured against; null = the runtime's heap limit. */
  budgetBytes: number | null;
}

export interface MemoryRecommendation {
  action: 'none' | 'compact' | 'reduce';
  message: string;
  canInsert: boolean;
  suggestCompact: boolean;
}

/** A record stored under a string id. */
export interface KeyedRecord {
  id: string;
  vector: Float32Array;
  metadata: Metadata | undefined;
}

export interface UpsertItem {
  id: string;
  vector: Float32Array;
  /** Replaces the record's metadata; omitted keeps what an existing id has. */
  metadata?: { [key: string]: MetadataInput } | null;
}

/** A vector index with EdgeVec's method names, argument order and result shapes (objects, not JSON text). */
export class EdgeVec {
  constructor(config: EdgeVecConfig);
  readonly dimensions: number;
  readonly metric: Metric;
  /** Number of live vectors (same as `liveCount()`). */
  readonly size: number;

  /** Stores a copy of `vector`; returns its id. */
  insert(vector: Float32Array): number;
  /** Inserts `count` vectors laid end to end in `vectors`; all are checked before any is stored. */
  insertBatchFlat(vectors: Float32Array, count: number): Uint32Array;
  /** Inserts every vector or none. */
  insertBatch(vectors: Float32Array[], config?: BatchInsertConfig | null): BatchInsertResult;
  /** insertBatch calling `onProgress(0, total)` before and `onProgress(total, total)` after; callback errors are ignored. */
  insertBatchWithProgress(vectors: Float32Array[], onProgress: (inserted: number, total: number) => void): BatchInsertResult;
  /**
   * insertBatchWithProgress in slices of about 12 ms with a turn of the event loop between them (the page stays
   * responsive); all or none: `options.signal` aborts between slices and nothing of the batch stays stored. On an
   * index opened by name it is one logged write (not sliced).
   */
  insertBatchWithProgressAsync(vectors: Float32Array[], onProgress: (inserted: number, total: number) => void,
    options?: { signal?: AbortSignal }): Promise<BatchInsertResult>;
  /**
   * Does up to `maxVectors` (default 64) of the work inserts left for later (the auto index's switch to HNSW);
   * returns how many vectors are left, 0 when none. Results are the same either way.
   */
  advanceBuild(maxVectors?: number): number;
  /** Stores the vector and its metadata in one step; returns its id. */
  insertWithMetadata(vector: Float32Array, metadata: { [key: string]: MetadataInput }): number;
  /** TeaVec: insertBatch with one metadata record (or null) per vector. */
  insertBatchWithMetadata(vectors: Float32Array[], metadatas: ({ [key: string]: MetadataInput } | null | undefined)[]): BatchInsertResult;

  /** TeaVec: inserts or replaces (in place, same numeric id) the vector under a string id; returns the numeric id. */
  upsert(id: string, vector: Float32Array, metadata?: { [key: string]: MetadataInput } | null): number;
  /** TeaVec: upsert for many, all or none. */
  upsertBatch(items: UpsertItem[]): Uint32Array;
  /** TeaVec: the record under a string id, or undefined. */
  get(id: string): KeyedRecord | undefined;
  getBatch(ids: string[]): (KeyedRecord | undefined)[];
  /** TeaVec: deletes by string id; true when it existed. */
  delete(id: string): boolean;
  /** TeaVec: deletes many string ids; returns how many existed. */
  deleteBatch(ids: string[]): number;
  /** TeaVec: the string id of a numeric id, or undefined. */
  keyOf(id: number): string | undefined;
  /** TeaVec: the numeric id of a live string id, or undefined. */
  idOf(key: string): number | undefined;
  /**
   * TeaVec: replaces the vector of a live id in place (id, metadata and string id stay). The old vector
   * is kept as a tombstone until `compact()`: `deletedCount()` grows by one, as it does for an upsert of
   * an existing string id.
   */
  updateVector(id: number, vector: Float32Array): void;

  /** The `k` nearest live vectors, best first; fewer only when fewer are live. */
  search(query: Float32Array, k: number, options?: SearchOptions): SearchResult[];
  /** The `k` nearest live vectors matching `filter`; k whenever at least k match. */
  searchWithFilter(query: Float32Array, filter: FilterInput, k: number): SearchResult[];
  /** EdgeVec's searchFiltered; `options` may also be EdgeVec's JSON text. */
  searchFiltered(query: Float32Array, k: number, options?: FilteredSearchOptions | string): FilteredSearchResult;
  /** A copy of the stored vector. */
  getVector(id: number): Float32Array;

  /** Marks `id` deleted in O(1): true when this call deleted it, false when it already was. */
  softDelete(id: number): boolean;
  /** Deletes many ids; unknown ids are counted, not thrown. */
  softDeleteBatch(ids: Uint32Array | Int32Array | Float64Array | number[]): BatchDeleteResult;
  softDeleteBatchCompat(ids: Float64Array | number[]): BatchDeleteResult;
  isDeleted(id: number): boolean;
  liveCount(): number;
  deletedCount(): number;
  tombstoneRatio(): number;
  needsCompaction(): boolean;
  compactionThreshold(): number;
  compactionWarning(): string | undefined;
  /**
   * Rebuilds without tombstones; ids do not change. With nothing deleted, the engine of `teavec/quantization`
   * renumbers an HNSW index's vectors so that graph neighbours sit close in memory (faster searches, same answers
   * up to ties; seconds at 100k vectors: call it once after a bulk load); the core engine leaves it as it is.
   */
  compact(): CompactionResult;

  /** Sets one metadata key of a live id. */
  setMetadata(id: number, key: string, value: MetadataInput): void;
  /** TeaVec: replaces the whole metadata record (null or {} removes it). */
  setAllMetadata(id: number, metadata: { [key: string]: MetadataInput } | null): void;
  /** One value, or undefined when the key, or the id, does not exist (EdgeVec returns a JsMetadataValue; TeaVec the plain value). */
  getMetadata(id: number, key: string): MetadataValue | undefined;
  /** With the key omitted, the whole record, or undefined when the id has none (EdgeVec's wrapper form). */
  getMetadata(id: number): Metadata | undefined;
  hasMetadata(id: number, key: string): boolean;
  deleteMetadata(id: number, key: string): boolean;
  deleteAllMetadata(id: number): boolean;
  /** The record as a plain object, or undefined when the id has none. */
  getAllMetadata(id: number): Metadata | undefined;
  getVectorMetadata(id: number): Metadata | undefined;
  metadataKeyCount(id: number): number;
  metadataVectorCount(): number;
  totalMetadataCount(): number;

  /** Bytes of engine memory held by this index (vectors, graph, ids, metadata). */
  memoryUsage(): number;
  /** 'simd': vectors in Wasm linear memory scored by SIMD kernels; 'scalar': Java heap, scalar kernels. */
  readonly kernels: 'simd' | 'scalar';
  /**
   * A snapshot of the whole index (vectors, graph, ids, tombstones, settings, metadata, string ids)
   * for any storage: a file, IndexedDB, Workers KV or R2. `EdgeVec.fromBytes` loads it.
   */
  toBytes(): Uint8Array;
  /**
   * The index a snapshot holds, with its metadata and string ids, answering every query as the saved
   * one did. Throws a TeaVecError with code `CORRUPT_SNAPSHOT` when the bytes are damaged, truncated
   * or not a TeaVec index snapshot.
   */
  static fromBytes(bytes: Uint8Array | ArrayBuffer | ArrayBufferView): EdgeVec;
  /**
   * Node.js only: writes the snapshot to `path` atomically (temporary file in the same directory,
   * fsync, rename, fsync of the directory): `path` never holds a partial snapshot.
   */
  saveToFile(path: string): Promise<void>;
  /** Node.js only: loads a file written by `saveToFile`; CORRUPT_SNAPSHOT when it is damaged. */
  static loadFromFile(path: string): Promise<EdgeVec>;
  getMemoryPressure(): MemoryPressure;
  getMemoryConfig(): MemoryConfig;
  setMemoryConfig(config: Partial<MemoryConfig>): void;
  canInsert(): boolean;
  getMemoryRecommendation(): MemoryRecommendation;

  /**
   * Browser: saves the index to IndexedDB under `name` as a new generation (chunked, checksummed, manifest
   * written last in a strict transaction; one writer per name across tabs). QUOTA_EXCEEDED leaves the previous
   * generation intact. NOT_SUPPORTED where there is no IndexedDB (Node: use saveToFile).
   */
  save(name: string, options?: SaveSnapshotOptions): Promise<SavedSnapshot>;
  /** Browser: loads the newest generation saved under `name` that verifies; NOT_FOUND when there is none. */
  static load(name: string, options?: LoadSnapshotOptions): Promise<EdgeVec>;
  /**
   * Opens, or creates with `config`, the index `name` as a database of one index (docs/database.md): every
   * change resolves once durable in a write-ahead log. An existing index keeps its settings; a config of other
   * dimensions is INVALID_CONFIG; no config and no such index is NOT_FOUND.
   */
  static open(name: string, config?: EdgeVecConfig, options?: OpenDatabaseOptions): Promise<PersistentEdgeVec>;

  /**
   * Returns the index's engine memory now. With the SIMD kernels its vectors live in WebAssembly linear
   * memory, which no garbage collector reclaims; without `free()` it is returned only when this object
   * is garbage-collected, at a time the runtime picks. Afterwards every method and getter throws a
   * TeaVecError with code `INDEX_FREED`; calling `free()` again does nothing.
   */
  free(): void;
}

// ---- collections (Chroma-like) -----------------------------------------------------------------

export type Embedding = Float32Array | number[];
export type IncludeField = 'embeddings' | 'metadatas' | 'documents' | 'distances';

/**
 * Chroma JS's embedding-function interface: what a collection calls to turn documents and query texts into
 * vectors. teavec/embeddings has DefaultEmbeddingFunction (all-MiniLM-L6-v2 on the device) and the registry.
 */
export interface EmbeddingFunction {
  /** One vector per text, in order. */
  generate(texts: string[]): Promise<number[][]>;
  /** Vectors for query texts, when the model embeds queries differently from documents. */
  generateForQueries?(texts: string[]): Promise<number[][]>;
  /** The registry name a saved collection records to re-attach this function (registerEmbeddingFunction). */
  name?: string;
  /** JSON-safe settings a saved collection records; the registered factory rebuilds the function from them. */
  getConfig?(): Record<string, unknown>;
  /** The space its vectors are meant for: the collection's metric unless the collection names one. */
  defaultSpace?(): 'cosine' | 'l2' | 'ip';
  supportedSpaces?(): Array<'cosine' | 'l2' | 'ip'>;
}

/**
 * Chroma's filter on documents: `$contains` / `$not_contains` (case-sensitive substring), `$regex` /
 * `$not_regex` (a JavaScript RegExp), `$and` / `$or`. A record without a document fails `$contains` and
 * `$regex` and passes their negations. `{}` matches every record.
 */
export type WhereDocument =
  | { $contains: string }
  | { $not_contains: string }
  | { $regex: string }
  | { $not_regex: string }
  | { $and: WhereDocument[] }
  | { $or: WhereDocument[] }
  | Record<string, never>;

export interface CollectionOptions {
  name: string;
  /** The collection's own metadata. Chroma's `'hnsw:space'` ('l2' | 'cosine' | 'ip') picks the metric. */
  metadata?: Metadata | null;
  /** Vector dimensions; taken from the first add when omitted. {@setting dimensions} */
  dimensions?: number;
  /** {@setting metric} */
  metric?: Metric;
  /** {@setting m} */
  m?: number;
  /** {@setting m0} */
  m0?: number;
  /** {@setting ef_construction} */
  ef_construction?: number;
  /** {@setting ef_search} */
  ef_search?: number;
  /** {@setting indexType} */
  indexType?: IndexType | JsIndexType | CustomIndexTypeName;
  /** {@setting quantization} */
  quantization?: Quantization;
  /** {@setting rerank} */
  rerank?: boolean | 'storage';
  /** {@setting leanGraph} */
  leanGraph?: boolean;
  /** {@setting pqSubspaces} */
  pqSubspaces?: number;
  /** {@setting compactionThreshold} */
  compactionThreshold?: number;
  /** {@setting seed} */
  seed?: number;
  /**
   * Embeds `documents` given without `embeddings`, and `queryTexts`. Its `name` and `getConfig()` are saved
   * with the collection; loading it again re-attaches the function registered under that name.
   */
  embeddingFunction?: EmbeddingFunction | null;
}

export interface AddRecords {
  ids: string | string[];
  embeddings: Embedding | Embedding[];
  metadatas?: Metadata | (Metadata | null)[] | null;
  documents?: string | (string | null)[] | null;
}

/** Records whose embeddings the collection's embedding function computes from their documents. */
export interface AddDocuments {
  ids: string | string[];
  documents: string | string[];
  embeddings?: undefined;
  metadatas?: Metadata | (Metadata | null)[] | null;
  /** Called after each call of the embedding function: texts embedded so far, of `total`. */
  onProgress?: (done: number, total: number) => void;
  /** Texts per call of the embedding function (default 32). */
  embeddingBatchSize?: number;
}

export interface UpdateRecords {
  ids: string | string[];
  embeddings?: Embedding | Embedding[];
  metadatas?: Metadata | (Metadata | null)[] | null;
  documents?: string | (string | null)[] | null;
}

export interface GetParams {
  ids?: string | string[];
  /** A Chroma where object (or an EdgeVec filter string). */
  where?: Where | string;
  whereDocument?: WhereDocument;
  limit?: number;
  offset?: number;
  include?: Exclude<IncludeField, 'distances'>[];
}

/** One record of `rows()`: the fields `include` asked for. */
export interface ResultRow {
  id: string;
  document?: string | null;
  embedding?: number[];
  metadata?: Metadata | null;
  distance?: number;
}

export interface GetResult {
  ids: string[];
  embeddings: number[][] | null;
  metadatas: (Metadata | null)[] | null;
  documents: (string | null)[] | null;
  included: IncludeField[];
  /** Chroma JS's name of `included` (not enumerable). */
  readonly include: IncludeField[];
  /** The records as objects (Chroma's `rows()`; not enumerable, so JSON of the result is its columns). */
  rows(): ResultRow[];
}

interface QueryOptions {
  /** Default 10. */
  nResults?: number;
  where?: Where | string;
  whereDocument?: WhereDocument;
  /** Search only these records (exactly, as whereDocument does). */
  ids?: string | string[];
  include?: IncludeField[];
  /**
   * With `rerank: true` or `'storage'`: how many of the codes' best candidates are re-scored on floats (at least
   * nResults; default the whole beam, ef_search wide). Fewer is faster (with 'storage': fewer rows read), less exact.
   * Not applied with `where` on `rerank: true` (the engine's filtered search re-ranks the beam).
   */
  rerankK?: number;
}

export interface QueryParams extends QueryOptions {
  queryEmbeddings: Embedding | Embedding[];
}

/** Query texts, embedded by the collection's embedding function (its generateForQueries when it has one). */
export interface QueryTextsParams extends QueryOptions {
  queryTexts: string | string[];
  /** For mode 'hybrid' only: the vector side's embeddings (one per text) instead of the embedding function's. */
  queryEmbeddings?: Embedding | Embedding[];
  /**
   * 'vector' (default): nearest embeddings, `distances` as the metric's. 'text': BM25 over the documents
   * (no embedding function needed), `distances` = −BM25 score. 'hybrid': reciprocal rank fusion of both,
   * `distances` = −fused score. In every mode smaller is better; where, whereDocument and ids apply to both sides.
   */
  mode?: 'vector' | 'text' | 'hybrid';
  /** How documents and queries become words for 'text' and 'hybrid': 'english' (default: Porter2 stems) or 'plain'. */
  textAnalyzer?: 'english' | 'plain';
  /**
   * Reciprocal rank fusion for 'hybrid': `k` (default 60), `weights` [vector, text] (default [1, 1]),
   * `candidates` each side hands over (default max(50, nResults)).
   */
  fusion?: { k?: number; weights?: [number, number]; candidates?: number };
}

/** One list per query embedding, best first. */
export interface QueryResult {
  ids: string[][];
  distances: number[][] | null;
  metadatas: (Metadata | null)[][] | null;
  documents: (string | null)[][] | null;
  embeddings: number[][][] | null;
  included: IncludeField[];
  /** Chroma JS's name of `included` (not enumerable). */
  readonly include: IncludeField[];
  /** One list of records per query (Chroma's `rows()`; not enumerable). */
  rows(): ResultRow[][];
}

export interface DeleteParams {
  ids?: string | string[];
  where?: Where | string;
  whereDocument?: WhereDocument;
}

/**
 * Records by string id, each with an embedding, a metadata record and a document. Its engine memory
 * belongs to its Database: `deleteCollection` and `Database#free()` return it (the Collection then
 * throws `UNKNOWN_ID`, respectively `INDEX_FREED`); otherwise it goes once neither the database nor
 * this object is reachable.
 */
export class Collection {
  private constructor();
  readonly name: string;
  readonly metadata: Metadata | null;
  /** Fixed at creation or by the first add; undefined until then. Throws once deleted or freed. */
  readonly dimensions: number | undefined;
  readonly metric: Metric;
  /** The embedding function attached (createCollection, getCollection); undefined when none is yet. */
  readonly embeddingFunction: EmbeddingFunction | undefined;
  count(): number;
  /** Bytes of memory held: the engine index (vectors or codes, graph, ids, a metadata estimate); 0 before the first add. */
  memoryUsage(): number;
  /** Adds new records, all or none; DUPLICATE_ID if an id exists. */
  add(records: AddRecords): void;
  /**
   * Embeds the documents (all of them, before anything is stored), then adds them; EMBEDDING_FAILED stores
   * nothing. Without an embedding function: INVALID_ARGUMENT.
   */
  add(records: AddDocuments): Promise<void>;
  /** Adds or replaces (in place); omitted metadatas/documents are kept for existing ids. */
  upsert(records: AddRecords): void;
  upsert(records: AddDocuments): Promise<void>;
  /** Changes existing records, all or none; UNKNOWN_ID if an id does not exist. */
  update(records: UpdateRecords): void;
  /** Documents without embeddings are embedded again (with an embedding function). */
  update(records: AddDocuments): Promise<void>;
  get(params?: GetParams): GetResult;
  /** The first `limit` (default 10) records with their embeddings. */
  peek(params?: { limit?: number }): GetResult;
  query(params: QueryParams): QueryResult;
  query(params: QueryTextsParams): Promise<QueryResult>;
  /** Deletes by ids, where and/or whereDocument; returns the ids deleted. */
  delete(params: DeleteParams): string[];
  /** Renames and/or replaces the collection's metadata (null clears it); the metric stays (INVALID_CONFIG). */
  modify(params: { name?: string; metadata?: Metadata | null }): void;
}

/** Named collections, as Chroma's client manages them. */
export class Database {
  constructor();
  createCollection(options: CollectionOptions): Collection;
  /** The positional form: `options.name`, if given, must be `name`. */
  createCollection(name: string, options?: Omit<CollectionOptions, 'name'> & { name?: string }): Collection;
  /** `embeddingFunction` attaches that function (INVALID_CONFIG if the collection saved another name). */
  getCollection(options: { name: string; embeddingFunction?: EmbeddingFunction } | string): Collection;
  getOrCreateCollection(options: CollectionOptions): Collection;
  getOrCreateCollection(name: string, options?: Omit<CollectionOptions, 'name'> & { name?: string }): Collection;
  listCollections(options?: { limit?: number; offset?: number }): Collection[];
  countCollections(): number;
  /** Checks every collection's index and record store; throws a TeaVecError naming what is unsound. */
  checkIntegrity(): void;
  /** Deletes the collection, its records and engine memory; its Collection object then throws UNKNOWN_ID. */
  deleteCollection(options: { name: string } | string): void;
  /**
   * Returns the engine memory of every collection now (see `EdgeVec#free()`). Afterwards the database
   * and its Collection objects throw `INDEX_FREED`; calling `free()` again does nothing.
   */
  free(): void;
  /**
   * A snapshot of every collection (name, metadata, settings, records with their embeddings, metadata
   * and documents), in creation order, for any storage. `Database.fromBytes` loads it.
   */
  toBytes(): Uint8Array;
  /**
   * The database a snapshot holds: the same collections giving the same answers. Throws a TeaVecError
   * with code `CORRUPT_SNAPSHOT` when the bytes are damaged, truncated or not a TeaVec database snapshot.
   */
  static fromBytes(bytes: Uint8Array | ArrayBuffer | ArrayBufferView): Database;
  /** Node.js only: writes the snapshot to `path` atomically (as `EdgeVec#saveToFile`). */
  saveToFile(path: string): Promise<void>;
  /** Node.js only: loads a file written by `saveToFile`; CORRUPT_SNAPSHOT when it is damaged. */
  static loadFromFile(path: string): Promise<Database>;
}

/**
 * A collection of a database opened by name (`openDatabase`): the reads of `Collection`, answered from
 * memory; every change resolves only once it is durable, and rejects (changing nothing) otherwise.
 */
export interface PersistentCollection {
  /**
   * Bytes of memory held: the engine index and, with `rerank: 'storage'`, the float rows written since the last
   * checkpoint plus 4 bytes a vector for the checkpoint's row ids.
   */
  memoryUsage(): number;
  readonly name: string;
  readonly metadata: Metadata | null;
  readonly dimensions: number | undefined;
  readonly metric: 'cosine' | 'l2' | 'dot';
  count(): number;
  /** A Promise for a `rerank: 'storage'` collection on storage 'indexeddb' (its rows are read asynchronously). */
  get(params?: GetParams): GetResult | Promise<GetResult>;
  /** A Promise for a `rerank: 'storage'` collection on storage 'indexeddb' (its rows are read asynchronously). */
  peek(params?: { limit?: number }): GetResult | Promise<GetResult>;
  /** A Promise for a `rerank: 'storage'` collection on storage 'indexeddb' (its rows are read asynchronously). */
  query(params: QueryParams): QueryResult | Promise<QueryResult>;
  add(records: AddRecords): Promise<void>;
  upsert(records: AddRecords): Promise<void>;
  update(records: UpdateRecords): Promise<void>;
  /** Resolves with the ids deleted. */
  delete(params: DeleteParams): Promise<string[]>;
  /** Renames and/or replaces the collection's metadata (null clears it); the metric stays. */
  modify(params: { name?: string; metadata?: Metadata | null }): Promise<void>;
}

/** The EdgeVec methods that change an index: on an index opened by name each returns a Promise, resolved once durable. */
export type IndexChange = 'insert' | 'insertBatchFlat' | 'insertBatch' | 'insertBatchWithProgress' | 'insertWithMetadata'
  | 'insertBatchWithMetadata' | 'upsert' | 'upsertBatch' | 'delete' | 'deleteBatch' | 'updateVector' | 'softDelete'
  | 'softDeleteBatch' | 'softDeleteBatchCompat' | 'compact' | 'setMetadata' | 'setAllMetadata' | 'deleteMetadata'
  | 'deleteAllMetadata';

/** An index opened by name (`EdgeVec.open`): EdgeVec's reads as they are, its changes as Promises. */
export type PersistentEdgeVec = Omit<EdgeVec, IndexChange | 'free' | 'save'> & {
  [K in IndexChange]: (...args: Parameters<EdgeVec[K]>) => Promise<ReturnType<EdgeVec[K]>>;
} & {
  readonly name: string;
  readonly storage: 'indexeddb' | 'opfs' | 'file' | 'memory';
  readonly readOnly: boolean;
  readonly recovery: RecoveryReport;
  flush(): Promise<void>;
  checkpoint(): Promise<{ generation: number; seq: number }>;
  /** Flushes and releases the storage, the writer lock and the engine memory. */
  close(): Promise<void>;
};

export interface OpenDatabaseOptions {
  /**
   * Where the database lives. 'auto' (default): OPFS in a dedicated worker that has synchronous access
   * handles, else IndexedDB, else (Node) files. 'file': Node only, `name` is a directory path.
   */
  storage?: 'auto' | 'indexeddb' | 'opfs' | 'file' | 'memory';
  /** 'strict' (default): a change resolves once flushed. 'relaxed': at once, flushed within flushIntervalMs or by flush(). */
  durability?: 'strict' | 'relaxed';
  /** Relaxed durability: the longest a change waits to be written, 0..60000 ms. Default 100. */
  flushIntervalMs?: number;
  /** Automatic checkpoint once the log since the last one holds this many bytes (or half that checkpoint's size, if larger). Default 16 MiB. */
  checkpointBytes?: number;
  /** When another tab or worker holds the writer lock: 'wait' (default) for it, or 'readonly': open now as a follower. */
  onLocked?: 'wait' | 'readonly';
  /** Open as a read-only follower without asking for the writer lock. */
  readOnly?: boolean;
  /** Storage 'memory' only, a test aid: writes beyond this many bytes fail with QUOTA_EXCEEDED. */
  quotaBytes?: number;
}

/** What reopening found: the checkpoint it started from, the records replayed and what it dropped, and why. */
export interface RecoveryReport {
  checkpointSeq: number;
  lastSeq: number;
  generation: number;
  replayed: number;
  /** Valid records skipped because the checkpoint already held them. */
  covered: number;
  /** Damaged or torn bytes cut off the log: never applied. */
  dropped: { segment: number; offset: number; bytes: number; records: number; seq: number; reason: string; detail: string }[];
  segments: { id: number; start: number; generation: number }[];
  skippedCheckpoints: { generation: number; reason: string }[];
  /**
   * IndexedDB: the browser reported that it discarded this site's stored data (Chromium does so when it finds
   * its files damaged; docs/indexeddb.md) and nothing was stored since: the database opened empty. Else null.
   */
  storageLost: { dataLoss: string; message: string; detectedAt: number } | null;
}

/** A database opened by name: collections whose every change is durable once its Promise resolves. */
export interface PersistentDatabase {
  readonly name: string;
  readonly storage: 'indexeddb' | 'opfs' | 'file' | 'memory';
  readonly readOnly: boolean;
  readonly recovery: RecoveryReport;
  readonly stats: {
    appliedSeq: number; lastSeq: number; durableSeq: number; generation: number; writes: number;
    appendedBytes: number; checkpoints: number; lastCheckpointBytes: number; checkpointError: TeaVecError | null;
    /** Records stored and durable but not linked into their HNSW graph yet (searches scan them exactly). */
    pendingLinks: number;
  };
  createCollection(options: CollectionOptions): Promise<PersistentCollection>;
  createCollection(name: string, options?: Omit<CollectionOptions, 'name'> & { name?: string }): Promise<PersistentCollection>;
  getCollection(options: { name: string } | string): PersistentCollection;
  getOrCreateCollection(options: CollectionOptions): Promise<PersistentCollection>;
  getOrCreateCollection(name: string, options?: Omit<CollectionOptions, 'name'> & { name?: string }): Promise<PersistentCollection>;
  listCollections(): PersistentCollection[];
  countCollections(): number;
  deleteCollection(options: { name: string } | string): Promise<void>;
  /** Every change made so far, durable (what relaxed durability defers). */
  flush(): Promise<void>;
  /** Writes a checkpoint of the current state; the log before the previous one is then dropped. */
  checkpoint(): Promise<{ generation: number; seq: number }>;
  /** Checks every index and record store; throws a TeaVecError naming what is unsound. */
  checkIntegrity(): void;
  /** A snapshot of every collection (`Database.fromBytes` loads it in memory). */
  toBytes(): Uint8Array;
  /** Flushes, releases the storage and the writer lock; later calls reject with STORAGE_ERROR. */
  close(): Promise<void>;
}

/**
 * Opens, or creates, the database `name` and recovers it (newest verified checkpoint + the valid log after
 * it). Loads its code and the log's `teavec-wal.wasm` on first use. See docs/database.md.
 */
export function openDatabase(name: string, options?: OpenDatabaseOptions): Promise<PersistentDatabase>;

/**
 * Snapshot storage in IndexedDB (browsers and their workers; in Node every function fails with
 * `NOT_SUPPORTED`). Each save is a new generation: chunks first, then a manifest with CRC-32s in a strict
 * transaction, one writer per name at a time (Web Locks). Loads verify every checksum and fall back to the
 * previous generation. Failures: `QUOTA_EXCEEDED` (nothing saved changed), `STORAGE_ERROR`,
 * `CORRUPT_SNAPSHOT` (generations exist, none verifies), `STORAGE_LOST` (a load after the browser reported that
 * it discarded the site's IndexedDB, until a new save or a delete), `INVALID_ARGUMENT`, `NOT_INITIALIZED`.
 */
export type SnapshotProgress = (doneBytes: number, totalBytes: number) => void;

export interface SaveSnapshotOptions {
  /** Called after each chunk is committed; the last call, (total, total), comes once the manifest is on disk. */
  onProgress?: SnapshotProgress;
  /** Bytes per chunk, 1 KiB..64 MiB. Default 4 MiB. */
  chunkBytes?: number;
}

export interface LoadSnapshotOptions {
  /** Called after each chunk is verified; restarts from 0 if a generation fails and an older one is tried. */
  onProgress?: SnapshotProgress;
}

/** What `saveSnapshot` resolves with. */
export interface SavedSnapshot {
  generation: number;
  /** Bytes saved. */
  bytes: number;
  chunks: number;
  chunkBytes: number;
  /** CRC-32 of the whole snapshot (unsigned). */
  crc32: number;
}

/** What `loadSnapshot` resolves with. */
export interface LoadedSnapshot {
  generation: number;
  bytes: Int8Array;
  /** Newer generations that failed to verify and were passed over. */
  skipped: number[];
}

/** One entry of `listGenerations`: what a manifest claims (verified only by `loadSnapshot`). */
export interface SnapshotGeneration {
  generation: number;
  bytes: number;
  chunks: number;
  crc32: number;
  /** Date.now() when it was saved. */
  savedAt: number;
}

/** A message of `onSnapshotChange`. For `'deleted'`, generation and bytes are 0. */
export interface SnapshotChange {
  type: 'saved' | 'deleted';
  name: string;
  generation: number;
  bytes: number;
}

/** Saves `bytes` as a new generation of `name`; resolves once it is on disk. */
export function saveSnapshot(name: string, bytes: ArrayBuffer | ArrayBufferView, options?: SaveSnapshotOptions): Promise<SavedSnapshot>;
/** The newest generation of `name` whose checksums verify, or null when nothing is saved. */
export function loadSnapshot(name: string, options?: LoadSnapshotOptions): Promise<LoadedSnapshot | null>;
/** The saved generations of `name`, newest first. */
export function listGenerations(name: string): Promise<SnapshotGeneration[]>;
/** Deletes every generation of `name`. */
export function deleteSnapshot(name: string): Promise<void>;
/** Asks the browser not to evict this origin's storage; true if it agreed. */
export function requestPersistence(): Promise<boolean>;
/** Calls `listener` when any page or worker of this origin (this one too) saves or deletes `name`; returns a function that stops it. */
export function onSnapshotChange(name: string, listener: (change: SnapshotChange) => void): () => void;

// ---- custom index types (README, "Custom index types") -------------------------------------------

/** The name of an index type registered with `registerIndexType` (1..64 of a-z, 0-9, '.', '_', '-'). */
export type CustomIndexTypeName = string & {};

/** What a custom index type's factory gets: the index's settings, and its saved state when loading one. */
export interface CustomIndexOptions {
  dimensions: number;
  metric: Metric;
  seed: number;
  /** When loading a snapshot: the bytes the index's `toBytes()` returned. */
  state?: Uint8Array;
  /** With `state`: the `version` the type was registered with when they were written. */
  version?: number;
}

/**
 * An index written in JavaScript. It offers candidate ids; TeaVec keeps ids, deletes, the vectors, exact
 * distances, filters, compaction and snapshots.
 */
export interface CustomIndex {
  /** `vector` is the index's own copy; an update is `remove(id)` then `add(id, vector)`. */
  add(id: number, vector: Float32Array): void;
  /** `id` was deleted (or is being updated). */
  remove(id: number): void;
  /**
   * Candidate ids for the k nearest (TeaVec scores them exactly and keeps the k best live ones `filter`
   * accepts). `budget`: ef_search, at least k. `filter`: absent for an unfiltered search.
   */
  search(query: Float32Array, k: number, options: { budget: number; filter?: (id: number) => boolean }): Iterable<number>;
  /** The index's state, given back to its factory as `state` when a snapshot is loaded. */
  toBytes?(): Uint8Array;
}

export type CustomIndexFactory = (options: CustomIndexOptions) => CustomIndex;

/**
 * Registers an index type under `name` (not 'auto', 'flat' or 'hnsw'): configs and collections naming it
 * use an index made by `factory`, and snapshots of them load only where it is registered
 * (UNKNOWN_INDEX_TYPE otherwise). `options.version` (default 1) is recorded in snapshots; a newer one than
 * registered fails with SNAPSHOT_TOO_NEW.
 */
export function registerIndexType(name: string, factory: CustomIndexFactory, options?: { version?: number }): void;
