// Typings of `teavec/langchain`: a LangChain.js VectorStore over a TeaVec collection (docs/langchain.md).
// @langchain/core is an optional peer dependency: install it to use this entry.
import { VectorStore } from '@langchain/core/vectorstores';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import type { DocumentInterface } from '@langchain/core/documents';
import type { MaxMarginalRelevanceSearchOptions } from '@langchain/core/vectorstores';
import type {
  AddRecords, CollectionOptions, DeleteParams, FilterExpression, GetParams, GetResult, Metadata, Metric,
  OpenDatabaseOptions, QueryParams, QueryResult, Where,
} from './index.js';

/** A Chroma `where` object on metadata, an EdgeVec filter string ('year >= 2020') or a Filter expression. */
export type TeaVecFilter = Where | string | FilterExpression;

/**
 * What the store uses of a collection: a Database's `Collection`, openDatabase's `PersistentCollection` and
 * teavec/worker's `WorkerCollection` all have it.
 */
export interface StoreCollection {
  readonly metric: Metric;
  upsert(records: AddRecords): unknown;
  query(params: QueryParams): QueryResult | Promise<QueryResult>;
  get(params?: GetParams): GetResult | Promise<GetResult>;
  delete(params: DeleteParams): unknown;
}

/** What the store uses of a database: `Database`, openDatabase's `PersistentDatabase`, teavec/worker's `WorkerDatabase`. */
export interface StoreDatabase {
  getOrCreateCollection(options: CollectionOptions): StoreCollection | Promise<StoreCollection>;
}

export interface TeaVecStoreArgs {
  /** The collection to use (a Database's, openDatabase's or teavec/worker's). Not with `database` / `collectionName`. */
  collection?: StoreCollection;
  /**
   * A Database, an opened database, or a name for openDatabase (opened on first use with `databaseOptions`,
   * closed by `close()`). Default: a new in-memory Database.
   */
  database?: StoreDatabase | string;
  databaseOptions?: OpenDatabaseOptions;
  /** Default 'langchain'. */
  collectionName?: string;
  /** The collection's own metadata; `'hnsw:space'` ('cosine' | 'l2' | 'ip') picks the metric. */
  collectionMetadata?: Metadata;
  /** Other settings of getOrCreateCollection (metric, indexType, quantization, m, ef_search, ...). */
  collectionOptions?: Omit<CollectionOptions, 'name' | 'metadata' | 'embeddingFunction'>;
}

/** Similarity (higher is closer) from a TeaVec distance: cosine 1 − d, dot −d, l2 1 / (1 + d). */
export function similarityOf(metric: Metric, distance: number): number;

/**
 * A LangChain VectorStore whose documents are records of a TeaVec collection: pageContent → document,
 * metadata → metadata (values TeaVec cannot hold, such as nested objects, are kept as JSON text and given back
 * as they were; only the others can be filtered on), Document.id → the record's id.
 */
export declare class TeaVecStore extends VectorStore {
  FilterType: TeaVecFilter;
  constructor(embeddings: EmbeddingsInterface, args?: TeaVecStoreArgs);
  _vectorstoreType(): string;
  /** The collection behind the store, opened (and the engine loaded) on first use. */
  ensureCollection(): Promise<StoreCollection>;
  /** Embeds and stores; an existing id is replaced. ids: options.ids, else Document.id, else a random UUID. */
  addDocuments(documents: DocumentInterface[], options?: { ids?: string[] } | string[]): Promise<string[]>;
  addVectors(vectors: number[][], documents: DocumentInterface[], options?: { ids?: string[] } | string[]): Promise<string[]>;
  /** Nearest first, with similarity scores (higher is closer: see similarityOf). */
  similaritySearchVectorWithScore(query: number[], k: number, filter?: TeaVecFilter): Promise<[DocumentInterface, number][]>;
  maxMarginalRelevanceSearch(query: string, options: MaxMarginalRelevanceSearchOptions<TeaVecFilter>): Promise<DocumentInterface[]>;
  /** The documents with these ids, in that order; unknown ids are left out. */
  getByIds(ids: string[]): Promise<DocumentInterface[]>;
  /** By ids and/or filter (both: those matching both); unknown ids are ignored. */
  delete(params: { ids?: string[]; filter?: TeaVecFilter } | string[]): Promise<void>;
  /** Closes the database the store opened by name, or frees the in-memory one it made; one given to it stays open. */
  close(): Promise<void>;
  static fromTexts(texts: string[], metadatas: object[] | object, embeddings: EmbeddingsInterface, args?: TeaVecStoreArgs): Promise<TeaVecStore>;
  static fromDocuments(documents: DocumentInterface[], embeddings: EmbeddingsInterface, args?: TeaVecStoreArgs): Promise<TeaVecStore>;
  /** A store over an existing collection (opened now), adding nothing. */
  static fromExistingCollection(embeddings: EmbeddingsInterface, args?: TeaVecStoreArgs): Promise<TeaVecStore>;
}
