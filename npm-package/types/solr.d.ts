// teavec/solr: the same collection served by SolrCloud, with a local TeaVec collection as the offline
// hot cache (docs/solr.md). Its own entry point: nothing here is part of the core bundle.
import type {
  Collection,
  Embedding,
  GetResult,
  IncludeField,
  Metadata,
  Metric,
  QueryResult,
  Where,
} from './index.js';

/** Chroma's embedding function: vectors for texts (queryTexts; documents added without embeddings). */
export type EmbeddingFunction = { generate(texts: string[]): Promise<number[][]> } | ((texts: string[]) => Promise<number[][]>);

/**
 * Filters on the document's words (Solr's text analysis: standard tokenizer, lower-cased), not on
 * substrings: `$contains: 'cutting wood'` matches documents with those words in that order.
 * `$regex` / `$not_regex` fail with NOT_SUPPORTED.
 */
export type WhereDocument =
  | { $contains: string }
  | { $not_contains: string }
  | { $and: WhereDocument[] }
  | { $or: WhereDocument[] };

export interface SolrCollectionOptions {
  /** A node's base URL ('http://host:8983/solr'), or several: a node that does not answer is left for the next. */
  url: string | string[];
  /** The Solr collection, made with the TeaVec configset (solr-cloud/bin/solr-cloud configset). */
  collection: string;
  embeddingFunction?: EmbeddingFunction;
  /** Records per update request. Default 500. */
  batchSize?: number;
  /** 'soft' (default): a write is visible to queries when its call returns; 'hard'; 'none' (Solr's autoCommit). */
  commit?: 'soft' | 'hard' | 'none';
  /**
   * Solr's knn topK per shard = max(nResults, efSearch): Solr 9 has no efSearch, its topK is the beam
   * width and so the recall knob. Default: a local collection's ef_search (50).
   */
  efSearch?: number;
  /** Requests that fail for a reason that passes (no connection, timeout, HTTP 429/5xx) are retried with backoff. */
  retry?: { attempts?: number; firstDelayMs?: number; maxDelayMs?: number };
  /** Per request. Default 60000. */
  timeoutMs?: number;
  /** Extra HTTP headers (e.g. Authorization). */
  headers?: Record<string, string>;
  fetch?: typeof fetch;
  onRetry?: (info: { attempt: number; delayMs: number; error: string }) => void;
}

export interface SolrRecords {
  ids: string | string[];
  /** Required unless documents are given and the collection has an embeddingFunction (update: optional). */
  embeddings?: Embedding | Embedding[];
  metadatas?: Metadata | (Metadata | null)[] | null;
  documents?: string | (string | null)[] | null;
}

export interface SolrGetParams {
  ids?: string | string[];
  /** A Chroma where object (EdgeVec filter strings: NOT_SUPPORTED). */
  where?: Where;
  whereDocument?: WhereDocument;
  limit?: number;
  offset?: number;
  include?: Exclude<IncludeField, 'distances'>[];
  signal?: AbortSignal;
}

export interface SolrQueryParams {
  queryEmbeddings?: Embedding | Embedding[];
  /** Embedded by the collection's embeddingFunction. */
  queryTexts?: string | string[];
  /** Default 10. */
  nResults?: number;
  /** Applied before the vector search (Solr's filter queries pre-filter knn). */
  where?: Where;
  whereDocument?: WhereDocument;
  include?: IncludeField[];
  /** Overrides the collection's efSearch for this call. */
  efSearch?: number;
  signal?: AbortSignal;
}

export interface SolrDeleteParams {
  ids?: string | string[];
  where?: Where;
  whereDocument?: WhereDocument;
  signal?: AbortSignal;
}

/**
 * A SolrCloud collection with the Collection API of local collections, asynchronous (awaiting a local
 * collection's calls, as Chroma code does, makes the same code run against either). Errors are the
 * package's TeaVecErrors: bad input as locally (INVALID_ARGUMENT, DIMENSION_MISMATCH, DUPLICATE_ID,
 * UNKNOWN_ID, INVALID_FILTER), NOT_SUPPORTED where Solr cannot express a filter, NOT_FOUND for a
 * missing collection, STORAGE_ERROR when SolrCloud fails after the retries.
 *
 * A call's records are validated whole before anything is sent, then sent in batches; should a batch
 * still fail after its retries, the batches before it stay written (each record whole): repeat the call.
 */
export class SolrCollection {
  constructor(options: SolrCollectionOptions);
  /** The Solr collection's name. */
  readonly name: string;
  /** Requests repeated after a failure that passed, since this object was made. */
  readonly retries: number;
  /** The vector field's dimensions and TeaVec metric, read from the collection's schema (once). */
  info(): Promise<{ dimensions: number; metric: Metric }>;
  /** Live records (deletes' tombstones are not counted). */
  count(): Promise<number>;
  /** Adds new records; DUPLICATE_ID (writing nothing) if an id exists. */
  add(records: SolrRecords): Promise<void>;
  /** Adds or replaces; omitted metadatas/documents are kept for existing ids ({} clears metadata). */
  upsert(records: SolrRecords): Promise<void>;
  /** Changes existing records; UNKNOWN_ID if an id does not exist. */
  update(records: SolrRecords): Promise<void>;
  /** In the order of `ids` when given, else in id (string) order. */
  get(params?: SolrGetParams): Promise<GetResult>;
  peek(params?: { limit?: number }): Promise<GetResult>;
  /** Distances are TeaVec's (1 − cos, Euclidean, −dot), computed from Solr's scores. */
  query(params: SolrQueryParams): Promise<QueryResult>;
  /** Deletes by ids and/or where/whereDocument; resolves with the ids deleted. Leaves tombstones (docs/solr.md). */
  delete(params: SolrDeleteParams): Promise<string[]>;
  /** Every live record matching, page by page, in id order. */
  records(params?: { where?: Where; whereDocument?: WhereDocument; include?: Exclude<IncludeField, 'distances'>[]; pageSize?: number; signal?: AbortSignal }): AsyncIterable<GetResult>;
  /** Removes deletes' tombstones older than `olderThan`, once every device has synced past it. */
  purgeTombstones(options: { olderThan: Date | number }): Promise<void>;
}

/** One change for push: a put (the record as it is now) or a delete. */
export type Change =
  | { op: 'put'; id: string; embedding: Float32Array | number[]; metadata: Metadata | null; document: string | null; version?: number; seq?: number }
  | { op: 'delete'; id: string; version?: number; seq?: number };

/**
 * What push reads local changes from. `version` (microseconds since the epoch) decides conflicts
 * (last writer wins); changes without one get the push's time, increasing in feed order. `seq` is the
 * local sequence number:
 * push reports the highest one sent as `watermark`, to be passed as `since` next time.
 */
export interface ChangeFeed {
  changes(since: number | undefined, signal: AbortSignal | undefined): AsyncIterable<Change[]>;
  /** Records found unchanged (reported by push). */
  readonly unchanged?: number;
  /** Ids not pushed because the remote deleted them (reported by push). */
  readonly skippedDeleted?: string[];
}

/** Any collection with the local Collection API (a TeaVec Collection, or another SolrCollection's shape). */
export type LocalCollection = Pick<Collection, 'get' | 'upsert' | 'delete'>;

/**
 * The change feed of today: compares every local record with the remote (content hash) and puts those
 * missing or different; with `mirror` also deletes remote records the local collection lacks. Local
 * records with a remote tombstone are skipped (a remote delete wins over a copy of unknown age).
 */
export class DiffFeed implements ChangeFeed {
  constructor(local: LocalCollection, remote: SolrCollection, options?: { mirror?: boolean; pageSize?: number });
  changes(since?: number, signal?: AbortSignal): AsyncIterable<Change[]>;
  readonly unchanged: number;
  readonly skippedDeleted: string[];
}

export interface PushStats {
  sent: number;
  deleted: number;
  unchanged: number;
  skippedDeleted: string[];
  retries: number;
  /** The highest `seq` pushed (feeds with sequence numbers), else `since` as given, or null. */
  watermark: number | null;
}

export interface PushOptions {
  feed?: ChangeFeed;
  /** DiffFeed: make the remote an exact copy (deletes what the local collection lacks). */
  mirror?: boolean;
  since?: number;
  pageSize?: number;
  signal?: AbortSignal;
  onProgress?: (stats: PushStats) => void;
}

/** Sends local changes; safe to repeat after a failure or an interruption. `local` may be null with a `feed`. */
export function push(local: LocalCollection | null, remote: SolrCollection, options?: PushOptions): Promise<PushStats & { ms: number }>;

export interface PullStats {
  /** Records written locally (new or changed). */
  pulled: number;
  unchanged: number;
  /** Local copies of records deleted remotely. */
  deleted: number;
  /** Ids asked for that the remote does not have. */
  missing: string[];
  /** Local records in the subset the remote never had (kept: push them). */
  localOnly: string[];
}

export type PullOptions = {
  pageSize?: number;
  signal?: AbortSignal;
  onProgress?: (stats: PullStats) => void;
} & (
  | { where: Where; whereDocument?: WhereDocument }
  | { whereDocument: WhereDocument }
  | { ids: string | string[] }
  | { queries: SolrQueryParams[] }
);

/** Brings a subset into the local collection (the offline hot cache); the remote wins for what it brings. */
export function pull(remote: SolrCollection, local: LocalCollection, options: PullOptions): Promise<PullStats & { ms: number }>;
