// Typings of `teavec/worker`: the direct API's classes with every method returning a Promise. They are
// derived from the core typings (./index.js), so a method's arguments and result are written once.
import type {
  EdgeVec, EdgeVecConfig, BatchInsertConfig, BatchInsertResult, CompactionResult, Collection,
  PersistentDatabase, PersistentCollection, OpenDatabaseOptions, InitInput, CollectionOptions, PersistentEdgeVec,
} from './index.js';

/** Where the worker comes from and how its engine loads. */
export interface WorkerOptions {
  /** Another worker script (default: `worker-script.js` beside this module, found by bundlers). */
  url?: string | URL;
  /** What the worker passes to init(): a URL or path of teavec.wasm, a WebAssembly.Module, bytes, `{ module, simd }`. */
  init?: Exclude<InitInput, Response | Promise<Response>>;
  /** `'quantization'`: the worker loads teavec/quantization's engine (float16, sq4, binary, pq); default `'core'`. */
  engine?: 'core' | 'quantization';
}

/** Options of the long operations: an AbortSignal (checked between slices) and progress reports. */
export interface LongCallOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

type Async<F> = F extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
type AsyncMethods<T, Omitted extends keyof T> = {
  [K in Exclude<keyof T, Omitted> as T[K] extends (...args: never[]) => unknown ? K : never]: Async<T[K]>;
};

/**
 * An EdgeVec in a worker: its methods, each returning a Promise; properties read as of the last answer.
 * Batch inserts take a last `{ signal, onProgress }`; an abort leaves the index as it was before the batch.
 */
export interface WorkerIndex extends AsyncMethods<EdgeVec, 'free' | 'insertBatch' | 'insertBatchFlat'
  | 'insertBatchWithProgress' | 'insertBatchWithProgressAsync' | 'insertBatchWithMetadata' | 'compact'> {
  readonly dimensions: number;
  readonly metric: EdgeVec['metric'];
  readonly size: number;
  readonly kernels: EdgeVec['kernels'];
  insertBatch(vectors: Float32Array[], options?: BatchInsertConfig | LongCallOptions | null): Promise<BatchInsertResult>;
  insertBatchFlat(vectors: Float32Array, count: number, options?: LongCallOptions): Promise<Uint32Array>;
  insertBatchWithProgress(vectors: Float32Array[], onProgress: (inserted: number, total: number) => void,
    options?: Pick<LongCallOptions, 'signal'>): Promise<BatchInsertResult>;
  insertBatchWithProgressAsync(vectors: Float32Array[], onProgress: (inserted: number, total: number) => void,
    options?: Pick<LongCallOptions, 'signal'>): Promise<BatchInsertResult>;
  insertBatchWithMetadata(vectors: Float32Array[], metadatas: Parameters<EdgeVec['insertBatchWithMetadata']>[1],
    options?: LongCallOptions): Promise<BatchInsertResult>;
  /** An abort before compaction starts rejects; once it runs it finishes. */
  compact(options?: Pick<LongCallOptions, 'signal'>): Promise<CompactionResult>;
  /** free() in the worker (close() for an index opened by name), then the worker stops. */
  free(): Promise<void>;
  /** The same as free(). */
  close(): Promise<void>;
  /** An index opened by name (openWorkerIndex): its name, storage and recovery; undefined otherwise. */
  readonly name: string | undefined;
  readonly storage: PersistentEdgeVec['storage'] | undefined;
  readonly readOnly: boolean | undefined;
  readonly recovery: PersistentEdgeVec['recovery'] | undefined;
  /** Opened by name in a browser: 'leader' or 'follower' (see WorkerDatabase#tabRole); undefined otherwise. */
  readonly tabRole: 'leader' | 'follower' | undefined;
  /** Opened by name: every change so far durable; NOT_SUPPORTED otherwise. */
  flush(): Promise<void>;
  /** Opened by name: writes a checkpoint; NOT_SUPPORTED otherwise. */
  checkpoint(): Promise<{ generation: number; seq: number }>;
  /** Stops the worker at once; calls in flight reject with INDEX_FREED. */
  terminate(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** A collection of a WorkerDatabase: the Collection API, each method returning a Promise. */
export interface WorkerCollection extends AsyncMethods<PersistentCollection, never> {
  readonly name: string;
  readonly metadata: Collection['metadata'];
  readonly dimensions: number | undefined;
  readonly metric: Collection['metric'];
}

type NamedOptions = Omit<CollectionOptions, 'name'> & { name?: string };

/**
 * openDatabase's database (or, opened without a name, an in-memory Database, whose `recovery` and `stats`
 * are undefined) in a worker: each method returns a Promise; `flush`/`checkpoint` answer NOT_SUPPORTED in
 * memory, `saveToFile` for a named one. Properties read as of the last answer.
 */
export interface WorkerDatabase extends AsyncMethods<PersistentDatabase, 'close' | 'createCollection' | 'getCollection'
  | 'getOrCreateCollection' | 'listCollections'> {
  readonly name: PersistentDatabase['name'];
  readonly storage: PersistentDatabase['storage'];
  readonly readOnly: boolean;
  readonly recovery: PersistentDatabase['recovery'];
  readonly stats: PersistentDatabase['stats'];
  createCollection(options: CollectionOptions): Promise<WorkerCollection>;
  createCollection(name: string, options?: NamedOptions): Promise<WorkerCollection>;
  getCollection(options: { name: string } | string): Promise<WorkerCollection>;
  getOrCreateCollection(options: CollectionOptions): Promise<WorkerCollection>;
  getOrCreateCollection(name: string, options?: NamedOptions): Promise<WorkerCollection>;
  listCollections(): Promise<WorkerCollection[]>;
  saveToFile(path: string): Promise<void>;
  /** close() in the worker (flush, release the writer lock), then the worker stops. */
  close(): Promise<void>;
  /** Stops the worker at once, as a crash would: acknowledged writes are durable, the rest are not. */
  terminate(): Promise<void>;
  /**
   * A database opened by name in a browser is shared by the origin's tabs: 'leader' in the tab whose worker
   * holds it, 'follower' in the others (their calls go to the leader); undefined when not shared.
   */
  readonly tabRole: 'leader' | 'follower' | undefined;
  [Symbol.asyncDispose](): Promise<void>;
}

/** openWorkerDatabase's options: openDatabase's, `shared` (default true in browsers) and `worker`. */
export interface WorkerDatabaseOptions extends OpenDatabaseOptions {
  /** false: this tab opens the database in its own worker (waiting for the writer lock) instead of sharing the leader's. */
  shared?: boolean;
  worker?: WorkerOptions;
}

/** A new index in a new worker. `config`: an EdgeVecConfig or its settings as a plain object. */
export function createWorkerIndex(config: EdgeVecConfig | ({ dimensions: number } & Record<string, unknown>),
  options?: { worker?: WorkerOptions }): Promise<WorkerIndex>;

/**
 * EdgeVec.open(name, config, options) in a new worker: the index opened (or created with `config`) by name,
 * every change resolved once durable. Its batch inserts are not sliced (each change is one log record). In
 * browsers it is shared by the origin's tabs as a named WorkerDatabase is.
 */
export function openWorkerIndex(name: string, config?: EdgeVecConfig | ({ dimensions: number } & Record<string, unknown>),
  options?: WorkerDatabaseOptions): Promise<WorkerIndex>;

/** A saved index loaded in a new worker: `{ name }` (IndexedDB), `{ path }` (Node file) or `{ bytes }` (toBytes()). */
export function loadWorkerIndex(source: { name: string } | { path: string } | { bytes: Uint8Array | Int8Array | ArrayBuffer },
  options?: LongCallOptions & { worker?: WorkerOptions }): Promise<WorkerIndex>;

/**
 * openDatabase(name, options) in a new worker; without a name, an in-memory Database. In browsers a named
 * database is shared by the origin's tabs (see `tabRole`) unless `shared: false`, `readOnly`, `onLocked:
 * 'readonly'` or storage 'memory'.
 */
export function openWorkerDatabase(name?: string, options?: WorkerDatabaseOptions): Promise<WorkerDatabase>;
