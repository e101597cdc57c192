// Typings of `teavec/ai`: the Vercel AI SDK's embeddings stored and searched in TeaVec (docs/ai-sdk.md).
// `ai` is an optional peer dependency: install it to use this entry.
import type { EmbeddingModel, Tool } from 'ai';
import type { AddRecords, Metadata, QueryParams, QueryResult, Where, WhereDocument } from './index.js';

/** What these functions use of a collection: a Database's, openDatabase's and teavec/worker's all have it. */
export interface AnyCollection {
  upsert(records: AddRecords): unknown;
  query(params: QueryParams): QueryResult | Promise<QueryResult>;
}

export interface StoreOptions {
  /** One id per value; default random UUIDs. */
  ids?: string[];
  /** One metadata record per value. */
  metadatas?: (Metadata | null)[];
}

/** Stores embedMany's `{ values, embeddings }` (or embed's `{ value, embedding }`) as records (upsert). Resolves with the ids. */
export function storeEmbeddings(
  collection: AnyCollection,
  result: { values: string[]; embeddings: number[][] } | { value: string; embedding: number[] },
  options?: StoreOptions,
): Promise<string[]>;

/** embedMany (extra options go to it) then storeEmbeddings. */
export function embedAndStore(
  collection: AnyCollection,
  options: StoreOptions & { model: EmbeddingModel; values: string[]; [option: string]: unknown },
): Promise<string[]>;

export interface SearchOptions {
  model: EmbeddingModel;
  /** Default 4. */
  nResults?: number;
  where?: Where | string;
  whereDocument?: WhereDocument;
}

/** One record found: distance is the collection's metric (lower is closer). */
export interface Passage {
  id: string;
  document: string | null;
  metadata: Metadata | null;
  distance: number;
}

/** Embeds `query` (embed; extra options go to it) and returns the nearest records, best first. */
export function searchText(
  collection: AnyCollection,
  options: SearchOptions & { query: string; [option: string]: unknown },
): Promise<Passage[]>;

/** A tool for generateText / streamText: input `{ query }`, output searchText's records. */
export function retrievalTool(
  options: SearchOptions & { collection: AnyCollection; description?: string },
): Tool<{ query: string }, Passage[]>;
