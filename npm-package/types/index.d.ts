/**
 * TeaVec: a local-first vector database for the browser and the edge.
 *
 * Scores are distances: lower is closer, results come best first.
 * - `cosine`: 1 − cos(a, b), in [0, 2]
 * - `dot`: −(a · b)
 * - `l2`: Euclidean distance
 */

/** What `init()` accepts: nothing (load `teavec.wasm` next to the module), a precompiled module, bytes, a Response, a URL or a path. */
export type InitInput =
  | { module: WebAssembly.Module | BufferSource | Response | URL | string }
  | { module_or_path: WebAssembly.Module | BufferSource | Response | URL | string }
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

/** Index settings, named as in EdgeVec. */
export class EdgeVecConfig {
  constructor(dimensions: number);
  readonly dimensions: number;
  /** Default `'cosine'`. */
  metric: Metric;
}

/** A vector index with EdgeVec's method names. */
export class EdgeVec {
  constructor(config: EdgeVecConfig);
  readonly dimensions: number;
  readonly metric: Metric;
  /** Number of vectors held. */
  readonly size: number;
  /** Stores a copy of `vector`; returns its id. */
  insert(vector: Float32Array): number;
  /** Inserts `count` vectors laid end to end in `vectors`; all are checked before any is stored. */
  insertBatchFlat(vectors: Float32Array, count: number): Uint32Array;
  /** The `k` nearest vectors, best first. */
  search(query: Float32Array, k: number): SearchResult[];
  /** A copy of the stored vector. */
  getVector(id: number): Float32Array;
  /** Bytes of engine memory held by this index. */
  memoryUsage(): number;
}
