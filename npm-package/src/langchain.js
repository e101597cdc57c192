// teavec/langchain: a LangChain.js VectorStore over a TeaVec collection (docs/langchain.md). Its own entry point:
// @langchain/core is an optional peer dependency and nothing here is part of the core bundle.
import { VectorStore } from '@langchain/core/vectorstores';
import { Document } from '@langchain/core/documents';
import { maximalMarginalRelevance } from '@langchain/core/utils/math';
import init, { Database, openDatabase } from './index.js';
import { TeaVecError } from './errors.js';
import { fromRecord, toRecord } from './langchain-metadata.js';
import { randomId } from './random-id.js';

const DEFAULT_COLLECTION = 'langchain';
const ARGS = ['collection', 'database', 'databaseOptions', 'collectionName', 'collectionMetadata', 'collectionOptions'];

/**
 * LangChain's scores are similarities, higher is closer (MemoryVectorStore, score-threshold retrievers); TeaVec's
 * are distances: cosine 1 − cos → cos; dot −(a·b) → a·b; l2 (Euclidean) d → 1 / (1 + d).
 */
export function similarityOf(metric, distance) {
  if (metric === 'cosine') return 1 - distance;
  if (metric === 'l2') return 1 / (1 + distance);
  return -distance;
}

/** ids for documents: options.ids (or options as the list), else each Document's id, else a random UUID. */
function idsFor(documents, options) {
  const given = Array.isArray(options) ? options : options?.ids;
  if (given !== undefined && given !== null) {
    if (!Array.isArray(given) || given.length !== documents.length) {
      throw new TeaVecError('INVALID_ARGUMENT', `ids must be a list with one id per document (${documents.length}), `
        + `got ${Array.isArray(given) ? `${given.length} ids` : typeof given}`);
    }
    return given.map((id, i) => id ?? documents[i].id ?? randomId());
  }
  return documents.map((doc) => doc.id ?? randomId());
}

function checkArgs(args) {
  if (args === null || typeof args !== 'object') {
    throw new TeaVecError('INVALID_ARGUMENT', `TeaVecStore takes an options object, got ${args === null ? 'null' : typeof args}`);
  }
  const unknown = Object.keys(args).filter((key) => !ARGS.includes(key));
  if (unknown.length > 0) {
    throw new TeaVecError('INVALID_ARGUMENT', `unknown TeaVecStore option(s) ${unknown.join(', ')}; known: ${ARGS.join(', ')}`);
  }
  if (args.collection !== undefined && (args.database !== undefined || args.collectionName !== undefined)) {
    throw new TeaVecError('INVALID_ARGUMENT', 'TeaVecStore takes a collection, or a database and a collectionName, not both');
  }
  return args;
}

/**
 * A LangChain VectorStore whose documents live in a TeaVec collection: pageContent as the record's document,
 * metadata as its metadata, Document.id as its id. `args`: `{ collection }` (any Database's or openDatabase's
 * collection), or `{ database, collectionName, collectionMetadata, collectionOptions }` where database is a
 * Database, an opened database, or a name for openDatabase (with `databaseOptions`); nothing: a new in-memory
 * Database. The collection is opened on first use (`ensureCollection()`).
 */
export class TeaVecStore extends VectorStore {
  #args;
  #collection = null;
  #pending = null;
  #ownedDatabase = null;

  static lc_name() {
    return 'TeaVecStore';
  }

  _vectorstoreType() {
    return 'teavec';
  }

  constructor(embeddings, args = {}) {
    super(embeddings, checkArgs(args));
    this.#args = args;
    if (args.collection !== undefined) this.#collection = args.collection;
  }

  /** The collection behind the store, opened (and the engine loaded) on first use. */
  async ensureCollection() {
    if (this.#collection) return this.#collection;
    this.#pending ??= this.#open().then((collection) => {
      this.#collection = collection;
      return collection;
    }, (e) => {
      this.#pending = null;
      throw e;
    });
    return this.#pending;
  }

  async #open() {
    const args = this.#args;
    if (args.collection !== undefined) return args.collection;
    await init();
    let database = args.database;
    if (database === undefined) {
      database = new Database();
      this.#ownedDatabase = database;
    } else if (typeof database === 'string') {
      database = await openDatabase(database, args.databaseOptions);
      this.#ownedDatabase = database;
    }
    return database.getOrCreateCollection({
      ...args.collectionOptions,
      name: args.collectionName ?? DEFAULT_COLLECTION,
      ...(args.collectionMetadata !== undefined ? { metadata: args.collectionMetadata } : {}),
    });
  }

  /** Embeds the documents' pageContent and stores them; an existing id is replaced. Resolves with the ids. */
  async addDocuments(documents, options = undefined) {
    const vectors = await this.embeddings.embedDocuments(documents.map((doc) => doc.pageContent));
    return this.addVectors(vectors, documents, options);
  }

  /** Stores the documents with the given vectors (upsert: an existing id is replaced, all or nothing). */
  async addVectors(vectors, documents, options = undefined) {
    if (!Array.isArray(vectors) || !Array.isArray(documents) || vectors.length !== documents.length) {
      throw new TeaVecError('INVALID_ARGUMENT', 'addVectors takes one vector per document');
    }
    const ids = idsFor(documents, options);
    const collection = await this.ensureCollection();
    if (documents.length === 0) return [];
    await collection.upsert({
      ids,
      embeddings: vectors,
      documents: documents.map((doc) => doc.pageContent),
      metadatas: documents.map((doc, i) => toRecord(doc.metadata, `documents[${i}].metadata`)),
    });
    return ids;
  }

  /**
   * The k nearest documents to `query` with their similarity (higher is closer), best first. `filter`: a Chroma
   * `where` object ({ topic: 'db', year: { $gte: 2020 } }), an EdgeVec filter string ('year >= 2020') or a Filter.
   */
  async similaritySearchVectorWithScore(query, k, filter = undefined) {
    const collection = await this.ensureCollection();
    const result = await collection.query({
      queryEmbeddings: [query], nResults: k, where: filter ?? undefined, include: ['metadatas', 'documents', 'distances'],
    });
    return result.ids[0].map((id, i) => [
      this.#document(id, result.documents[0][i], result.metadatas[0][i]),
      similarityOf(collection.metric, result.distances[0][i]),
    ]);
  }

  /** Diverse results: the k of the fetchK nearest that maximal marginal relevance picks (lambda 1: nearest only). */
  async maxMarginalRelevanceSearch(query, options = {}) {
    const { k = 4, fetchK = 20, lambda = 0.5, filter } = options;
    const collection = await this.ensureCollection();
    const queryVector = await this.embeddings.embedQuery(query);
    const result = await collection.query({
      queryEmbeddings: [queryVector], nResults: Math.max(fetchK, k), where: filter ?? undefined,
      include: ['metadatas', 'documents', 'embeddings'],
    });
    if (result.ids[0].length === 0) return [];
    const picked = maximalMarginalRelevance(queryVector, result.embeddings[0], lambda, k);
    return picked.map((i) => this.#document(result.ids[0][i], result.documents[0][i], result.metadatas[0][i]));
  }

  /** The stored documents with these ids, in that order; unknown ids are left out. */
  async getByIds(ids) {
    const collection = await this.ensureCollection();
    const result = await collection.get({ ids, include: ['metadatas', 'documents'] });
    return result.ids.map((id, i) => this.#document(id, result.documents[i], result.metadatas[i]));
  }

  /**
   * Deletes by `{ ids }` and/or `{ filter }` (a where object or filter string; both: those matching both), or a
   * list of ids. Unknown ids are ignored.
   */
  async delete(params = undefined) {
    const { ids, filter } = Array.isArray(params) ? { ids: params } : params ?? {};
    if (ids === undefined && filter === undefined) {
      throw new TeaVecError('INVALID_ARGUMENT', 'delete takes { ids }, { filter } or both (filter: {} deletes every document)');
    }
    const collection = await this.ensureCollection();
    await collection.delete({ ids, where: filter });
  }

  /**
   * Closes the database the store opened by name (`database: 'name'`), or frees the in-memory one it made; a
   * database or collection given to it stays open. A later call opens the store's database again.
   */
  async close() {
    const database = this.#ownedDatabase;
    this.#ownedDatabase = null;
    this.#pending = null;
    if (this.#args.collection === undefined) this.#collection = null;
    if (typeof database?.close === 'function') await database.close();
    else database?.free();
  }

  #document(id, pageContent, record) {
    return new Document({ id, pageContent: pageContent ?? '', metadata: fromRecord(record) });
  }

  /** A store holding these texts, with `metadatas` one per text or one for all. */
  static async fromTexts(texts, metadatas, embeddings, args = {}) {
    if (Array.isArray(metadatas) && metadatas.length !== texts.length) {
      throw new TeaVecError('INVALID_ARGUMENT', `fromTexts takes one metadata object per text (${texts.length}) or one for all, `
        + `got ${metadatas.length}`);
    }
    const documents = texts.map((pageContent, i) => new Document({
      pageContent, metadata: Array.isArray(metadatas) ? metadatas[i] : metadatas,
    }));
    return this.fromDocuments(documents, embeddings, args);
  }

  /** A store holding these documents. */
  static async fromDocuments(documents, embeddings, args = {}) {
    const store = new this(embeddings, args);
    await store.addDocuments(documents);
    return store;
  }

  /** A store over an existing collection (or database and collection name), adding nothing. */
  static async fromExistingCollection(embeddings, args = {}) {
    const store = new this(embeddings, args);
    await store.ensureCollection();
    return store;
  }
}
