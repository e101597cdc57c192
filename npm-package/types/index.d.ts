/**
 * TeaVec: a local-first vector database for the browser and the edge.
 *
 * Scores are distances: lower is closer, results come best first.
 * - `cosine`: 1 − cos(a, b), in [0, 2]
 * - `dot`: −(a · b)
 * - `l2`: Euclidean distance
 */

/**
 * Distance kernels: `false` uses the scalar ones; the precompiled module of `teavec/teavec-simd.wasm`
 * supplies the SIMD ones where bytes cannot be compiled (Cloudflare Workers). By default the SIMD
 * kernels are used wherever the runtime supports Wasm SIMD128.
 */
export type SimdOption = boolean | WebAssembly.Module;

/** What `init()` accepts: nothing (load `teavec.wasm` next to the module), a precompiled module, bytes, a Response, a URL or a path. */
export type InitInput =
  | { module?: WebAssembly.Module | BufferSource | Response | URL | string; simd?: SimdOption }
  | { module_or_path: WebAssembly.Module | BufferSource | Response | URL | string; simd?: SimdOption }
  | WebAssembly.Module
  | BufferSource
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

export type Metric = 'cosine' | 'dot' | 'l2';

export type ErrorCode =
  | 'DIMENSION_MISMATCH'
  | 'INVALID_VECTOR'
  | 'INVALID_K'
  | 'INVALID_CONFIG'
  | 'UNKNOWN_ID'
  | 'DUPLICATE_ID'
  | 'INVALID_FILTER'
  | 'CORRUPT_SNAPSHOT'
  | 'QUOTA_EXCEEDED'
  | 'CAPACITY_EXCEEDED'
  | 'INVALID_ARGUMENT'
  | 'NOT_INITIALIZED'
  | 'LOAD_FAILED';

/** Every failure TeaVec reports. Bad input throws before anything changes. */
export class TeaVecError extends Error {
  readonly name: 'TeaVecError';
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string);
}

export const ErrorCodes: Readonly<{ [C in ErrorCode]: C }>;

export interface SearchResult {
  /** The id `insert` returned. */
  id: number;
  /** Distance to the query: lower is closer. */
  score: number;
}

export type IndexType = 'auto' | 'flat' | 'hnsw';
export type Quantization = 'none' | 'sq8';

/** Index settings, named as in EdgeVec, plus TeaVec's own. Validated by `new EdgeVec(config)`. */
export class EdgeVecConfig {
  constructor(dimensions: number);
  dimensions: number;
  /** Default `'cosine'`. */
  metric: Metric;
  /** HNSW neighbours per node above level 0. Default 16. */
  m: number;
  /** HNSW neighbours per node on level 0. Default 32 (2·m). */
  m0: number;
  /** Candidate list size while building. Default 200. */
  ef_construction: number;
  /** Candidate list size while searching; always at least k. Default 50. */
  ef_search: number;
  /** `'auto'` (default): exact scan while small, HNSW once larger. */
  indexType: IndexType;
  /** `'sq8'`: 8-bit scalar quantization, ~4× less vector memory; float vectors are not kept unless `rerank`. Default `'none'`. */
  quantization: Quantization;
  /** With SQ8, keep float vectors too and re-rank candidates exactly. Default false. */
  rerank: boolean;
  /** Tombstone ratio at which `needsCompaction()` turns true. Default 0.3. */
  compactionThreshold: number;
  /** Seed of the HNSW level generator: same inserts, same graph. Default 42. */
  seed: number;
}

export interface SearchOptions {
  /** Overrides `ef_search` for this query. */
  efSearch?: number;
}

/** What `softDeleteBatch` reports (EdgeVec's shape). */
export interface BatchDeleteResult {
  total: number;
  uniqueCount: number;
  deleted: number;
  alreadyDeleted: number;
  invalidIds: number;
}

/** What `compact` reports (EdgeVec's shape). */
export interface CompactionResult {
  tombstones_removed: number;
  new_size: number;
  duration_ms: number;
}

/** A vector index with EdgeVec's method names. */
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
  /** The `k` nearest live vectors, best first; fewer only when fewer are live. */
  search(query: Float32Array, k: number, options?: SearchOptions): SearchResult[];
  /** A copy of the stored vector. */
  getVector(id: number): Float32Array;
  /** Marks `id` deleted in O(1): true when this call deleted it, false when it already was. */
  softDelete(id: number): boolean;
  /** Deletes many ids; unknown ids are counted, not thrown. */
  softDeleteBatch(ids: Uint32Array | Int32Array | number[]): BatchDeleteResult;
  isDeleted(id: number): boolean;
  liveCount(): number;
  deletedCount(): number;
  tombstoneRatio(): number;
  needsCompaction(): boolean;
  compactionThreshold(): number;
  /** Rebuilds without tombstones; ids do not change. */
  compact(): CompactionResult;
  /** Bytes of engine memory held by this index (vectors, graph, ids). */
  memoryUsage(): number;
  /** 'simd': vectors in Wasm linear memory scored by SIMD kernels; 'scalar': Java heap, scalar kernels. */
  readonly kernels: 'simd' | 'scalar';
}
