// A Chroma-like collection: records by string id with an embedding, a metadata record and a document.
// Methods are synchronous (awaiting them, as Chroma code does, works unchanged), except those that must run
// the collection's embedding function (documents without embeddings, queryTexts): they return a Promise.
import { requireEngine } from './init.js';
import { TeaVecError } from './errors.js';
import { createNativeIndex } from './config.js';
import { checkK, checkKey, checkOptions, describe, toFloat32, checkVector, checkArray, checkRerankK } from './validate.js';
import { encodeMetadata, decodeJson } from './metadata.js';
import { encodeFilter, WHERE_FILTER } from './filters.js';
import { applyBatch, keysOf } from './keyed.js';
import { NativeHandle, watchOwner, release } from './native-handle.js';
import { documentFilter } from './where-document.js';
import { finishGet, finishQuery } from './results.js';

// Embedding and text search load their code on first use (the core bundle's budget).
const text = () => import('./collection-text.js');

// Chroma names its metrics in the collection metadata: `{ 'hnsw:space': 'l2' | 'cosine' | 'ip' }`.
export const CHROMA_SPACES = { l2: 'l2', cosine: 'cosine', ip: 'dot' };
const INCLUDE = ['embeddings', 'metadatas', 'documents', 'distances'];
const GET_DEFAULT = ['metadatas', 'documents'];
const QUERY_DEFAULT = ['metadatas', 'documents', 'distances'];
const ALL = '{}';

/** Database's access to what a collection snapshot holds (not part of the public API). */
export const PARTS = Symbol('teavec.collectionParts');
/** Database's way to free a collection's engine index (deleteCollection, Database#free). */
export const RELEASE = Symbol('teavec.collectionRelease');
/**
 * The persistent database's access to a write (src/persistent-database.js): `[WRITE](args, mode)` applies
 * add/upsert/update as the public methods do and returns the batch it applied, `{ mode, items }`, the same
 * batch `[APPLY](batch)` replays from the log; `[DELETE_KEYS](keys)` deletes exactly those keys.
 */
export const WRITE = Symbol('teavec.collectionWrite');
export const APPLY = Symbol('teavec.collectionApply');
export const DELETE_KEYS = Symbol('teavec.collectionDeleteKeys');
/**
 * `[EMBED](args, mode)`: null when add/upsert/update `args` need no embedding, else a Promise of the args with
 * `embeddings` computed from `documents` (nothing applied yet): the persistent collection embeds before it logs.
 */
export const EMBED = Symbol('teavec.collectionEmbed');
/** Text search's access (src/text-search.js): `{ native, state }`; writes mark the ids they touch in `state.text`. */
export const TEXT = Symbol('teavec.collectionText');

function checkInclude(include, defaults, allowed) {
  if (include === undefined) return defaults;
  checkArray(include, 'include');
  for (const item of include) {
    if (!allowed.includes(item)) {
      throw new TeaVecError('INVALID_ARGUMENT', `include takes ${allowed.map((a) => `'${a}'`).join(', ')}, got ${describe(item)}`);
    }
  }
  return [...new Set(include)];
}

function checkCount(name, value, fallback) {
  if (value === undefined || value === null) return fallback;
  if (!Number.isInteger(value) || value < 0 || value > 0x7fffffff) {
    throw new TeaVecError('INVALID_ARGUMENT', `${name} must be a non-negative integer, got ${describe(value)}`);
  }
  return value;
}

/** A single item or a list of them (Chroma accepts both); `isItem` tells a single item. */
function listOf(value, isItem) {
  return isItem(value) ? [value] : value;
}

const isVector = (v) => v instanceof Float32Array || (Array.isArray(v) && v.length > 0 && typeof v[0] === 'number');
const isRecord = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

function unsupported(opts, names) {
  for (const name of names) {
    if (opts[name] !== undefined) throw new TeaVecError('INVALID_ARGUMENT', `${name} is not supported`);
  }
}

/** include of a query, checked (text search checks it as a vector query does). */
export const queryInclude = (include) => checkInclude(include, QUERY_DEFAULT, INCLUDE);

/** Checks a where filter even while the collection has no index yet (its dimensions come with the first add). */
function checkWhere(where) {
  const { text, kind } = encodeFilter(where, 'where');
  requireEngine().validateFilter(text, kind);
  return { text, kind };
}

/**
 * A collection of a Database. It owns its engine index (src/native-handle.js), which its database
 * frees in deleteCollection and Database#free; otherwise it goes when this object is garbage-collected
 * (the database holds its collections, so not before the database is unreachable too).
 */
export class Collection {
  #name;
  #metadata;
  #settings;
  #state;
  #handle;

  /**
   * Made by Database; `state.dropped` turns true when the database deletes the collection.
   * `restored`: `{ native }` for a collection loaded from a snapshot (native null: no index yet).
   */
  constructor(name, metadata, settings, state, restored = undefined) {
    this.#name = name;
    this.#metadata = metadata;
    this.#settings = settings;
    this.#state = state;
    let native = null;
    if (restored) {
      native = restored.native;
    } else {
      // Without dimensions a throwaway 1-d index lets the engine refuse bad combinations of settings now, not at the first add.
      const created = this.#create(settings.dimensions ?? 1);
      if (settings.dimensions !== undefined) native = created;
      else created.free();
    }
    this.#handle = new NativeHandle(native, `collection ${JSON.stringify(name)} was freed with its database `
      + '(Database#free()): its engine memory is returned; load or create the database again');
    watchOwner(this, this.#handle);
  }

  get name() { return this.#name; }
  /** The collection's own metadata (as given to createCollection), or null. */
  get metadata() { return this.#metadata; }
  /** Vector dimensions: fixed at creation or by the first add; undefined until then. */
  get dimensions() { return this.#live()?.dimensions; }
  get metric() { return this.#settings.metric; }
  /** The embedding function attached to this collection (createCollection, getCollection), if any. */
  get embeddingFunction() { return this.#state.embedding?.fn ?? undefined; }

  count() {
    return this.#live()?.liveCount() ?? 0;
  }

  /** Bytes of memory held: the engine index (metadata estimated) and, with rerank 'storage', the rows kept in memory. */
  memoryUsage() {
    const native = this.#live();
    return native ? native.memoryBytes() + (native.metadataBytes?.() ?? 0) + (this.#state.rows?.memoryBytes() ?? 0) : 0;
  }

  /**
   * Adds new records; fails with DUPLICATE_ID (storing nothing) if any id exists. With an embedding function,
   * `documents` without `embeddings` are embedded first (`onProgress(done, total)`, `embeddingBatchSize`) and
   * the call returns a Promise; EMBEDDING_FAILED then stores nothing.
   */
  add(args) {
    return this.#writeTexts(args, 'add');
  }

  /** Adds new records and replaces existing ones (in place); omitted metadata/documents are kept. As add for texts. */
  upsert(args) {
    return this.#writeTexts(args, 'upsert');
  }

  /** Changes existing records (UNKNOWN_ID if one is missing); every field but ids is optional. As add for texts. */
  update(args) {
    return this.#writeTexts(args, 'update');
  }

  [EMBED](args, mode) {
    const opts = checkOptions(args, `${mode} options`);
    const embedding = this.#state.embedding;
    if (!embedding || opts.embeddings != null || opts.documents == null) return null;
    this.#live();
    return text().then((m) => m.embedDocuments(embedding, this.#name, opts, this.dimensions));
  }

  #writeTexts(args, mode) {
    const embedded = this[EMBED](args, mode);
    if (embedded) return embedded.then((opts) => { this.#write(opts, mode); });
    this.#write(args, mode);
  }

  /**
   * Renames the collection and/or replaces its own metadata (Chroma's modify). The metric stays: a
   * metadata 'hnsw:space' naming another one is INVALID_CONFIG.
   */
  modify(args) {
    const opts = checkOptions(args, 'modify options');
    const unknown = Object.keys(opts).filter((k) => k !== 'name' && k !== 'metadata');
    if (unknown.length > 0) throw new TeaVecError('INVALID_ARGUMENT', `modify takes name and metadata, got ${unknown.join(', ')}`);
    this.#live();
    const metadata = opts.metadata === undefined ? undefined
      : opts.metadata === null ? null : JSON.parse(encodeMetadata(opts.metadata, 'metadata'));
    const space = metadata?.['hnsw:space'];
    if (space !== undefined && CHROMA_SPACES[space] !== this.#settings.metric) {
      throw new TeaVecError('INVALID_CONFIG', `metadata['hnsw:space'] ${describe(space)} would change the metric of collection `
        + `${JSON.stringify(this.#name)} (${this.#settings.metric}); a collection keeps its metric`);
    }
    if (opts.name !== undefined && opts.name !== this.#name) {
      this.#state.rename(opts.name);
      this.#name = opts.name;
    }
    if (metadata !== undefined) this.#metadata = metadata;
  }

  /** Records by ids and/or where, in id order (given order for ids): `{ ids, embeddings, metadatas, documents, included }`. */
  get(args = undefined) {
    const opts = checkOptions(args, 'get options');
    const include = checkInclude(opts.include, GET_DEFAULT, INCLUDE.slice(0, 3));
    const limit = checkCount('limit', opts.limit, -1);
    const offset = checkCount('offset', opts.offset, 0);
    const filters = this.#filters(opts);
    return this.#read(() => {
      const native = this.#live();
      const ids = native ? this.#select(native, filters, offset, limit) : [];
      return { ids: include.includes('embeddings') ? ids : [], finish: () => finishGet(this.#records(native, ids, include)) };
    });
  }

  /** The first `limit` records (default 10), embeddings included. */
  peek(args = undefined) {
    const opts = checkOptions(args, 'peek options');
    return this.get({ limit: checkCount('limit', opts.limit, 10), include: ['embeddings', 'metadatas', 'documents'] });
  }

  /**
   * The nResults nearest records per query embedding, optionally only those matching `where`:
   * `{ ids: [[…]], distances: [[…]], metadatas, documents, embeddings, included }`, one list per query.
   */
  query(args) {
    const opts = checkOptions(args, 'query options');
    if (opts.mode !== undefined && opts.mode !== 'vector') {
      this.#live();
      return text().then((m) => m.textQuery(this, opts));
    }
    if (opts.queryTexts !== undefined) {
      if (opts.queryEmbeddings !== undefined) {
        throw new TeaVecError('INVALID_ARGUMENT', 'query takes queryEmbeddings or queryTexts, not both');
      }
      const embedding = this.#state.embedding;
      if (!embedding) {
        throw new TeaVecError('INVALID_ARGUMENT', `collection ${JSON.stringify(this.#name)} has no embedding function `
          + 'to embed queryTexts: create or get it with { embeddingFunction }, or give queryEmbeddings');
      }
      this.#live();
      return text().then((m) => m.embedQueries(embedding, this.#name, opts.queryTexts, this.dimensions))
        .then((queryEmbeddings) => this.query({ ...opts, queryTexts: undefined, queryEmbeddings }));
    }
    if (opts.queryEmbeddings === undefined) {
      throw new TeaVecError('INVALID_ARGUMENT', 'query needs queryEmbeddings or queryTexts (one or a list)');
    }
    const queries = listOf(opts.queryEmbeddings, isVector);
    checkArray(queries, 'queryEmbeddings');
    const vectors = queries.map((q, i) => toFloat32(q, `queryEmbeddings[${i}]`));
    const k = opts.nResults ?? 10;
    checkK(k, 'nResults');
    const include = checkInclude(opts.include, QUERY_DEFAULT, INCLUDE);
    const rerankK = checkRerankK(opts.rerankK);
    const filters = this.#filters(opts);
    const { where } = filters;
    const native = this.#live();
    if (native) vectors.forEach((v, i) => checkVector(v, native.dimensions, native.metric, `queryEmbeddings[${i}]`));
    return this.#read(() => {
      const live = this.#live();
      const rows = this.#state.rows;
      let ids = [];
      let hitLists;
      if (!live) {
        hitLists = () => vectors.map(() => []);
      } else if (filters.keys || filters.document) {
        // ids and whereDocument restrict the search to candidates found first, searched exactly.
        ids = this.#select(live, filters, 0, -1);
        hitLists = () => this.#searchAmong(live, ids, vectors, k);
      } else if (rows) {
        // rerank 'storage': the codes' candidates found now, ranked on their float rows in finish.
        ({ ids, hitLists } = rows.plan(live, vectors, k, where, rerankK || undefined));
      } else {
        const hits = vectors.map((v) => (where ? live.searchFiltered(v, k, 0, where.text, where.kind) : live.search(v, k, 0, rerankK)).results);
        hitLists = () => hits;
      }
      return { ids, finish: () => this.#queryAnswer(live, hitLists(), include) };
    });
  }

  /** query's answer for the hits of each query vector. */
  #queryAnswer(native, hitLists, include) {
    const out = { ids: [], distances: include.includes('distances') ? [] : null };
    for (const field of ['metadatas', 'documents', 'embeddings']) out[field] = include.includes(field) ? [] : null;
    for (const hits of hitLists) {
      const records = this.#records(native, hits.map((h) => h.id), include);
      out.ids.push(records.ids);
      out.distances?.push(hits.map((h) => h.score));
      for (const field of ['metadatas', 'documents', 'embeddings']) out[field]?.push(records[field]);
    }
    out.included = include;
    return finishQuery(out);
  }

  /** Deletes records by ids and/or where (both: those matching both); returns the deleted ids. */
  delete(args = undefined) {
    const opts = checkOptions(args, 'delete options');
    if (opts.ids === undefined && opts.where === undefined && opts.whereDocument === undefined) {
      throw new TeaVecError('INVALID_ARGUMENT', 'delete needs ids, where or whereDocument (use where: {} to delete every record)');
    }
    const filters = this.#filters(opts);
    const native = this.#live();
    if (!native) return [];
    const deleted = keysOf(native, this.#select(native, filters, 0, -1));
    this[DELETE_KEYS](deleted);
    return deleted;
  }

  /**
   * Runs a read: `plan()` returns `{ ids, finish }` (the ids whose float rows `finish` reads). Where rows are read
   * asynchronously (rerank 'storage' on IndexedDB) a Promise: the rows are fetched between plan and finish.
   */
  #read(plan) {
    const rows = this.#state.rows;
    return rows?.files ? rows.read(plan) : plan().finish();
  }

  [DELETE_KEYS](keys) {
    const native = this.#live();
    for (const key of keys) {
      this.#state.text?.touched.add(native?.idOfKey(key));
      this.#state.rows?.deleted(native?.idOfKey(key));
      native?.deleteKey(key);
    }
  }

  [TEXT]() {
    return { native: this.#live(), state: this.#state };
  }

  [WRITE](args, mode) {
    return this.#write(args, mode);
  }

  /** Applies a batch `{ mode, items }` as [WRITE] returned it (the log's replay). */
  [APPLY]({ mode, items }) {
    this.#apply(items, mode);
  }

  /** Name, metadata, settings and engine index (null before the first add), for Database#toBytes. */
  [PARTS]() {
    const embedding = this.#state.embedding;
    return {
      name: this.#name, metadata: this.#metadata, settings: this.#settings, native: this.#live(), text: this.#state.text,
      embeddingFunction: embedding?.name ? { name: embedding.name, config: embedding.config } : undefined,
    };
  }

  [RELEASE]() {
    release(this.#handle);
  }

  // ---- helpers ----------------------------------------------------------------------------------

  /** The engine index, null before the first add; UNKNOWN_ID once deleted, INDEX_FREED once its database is freed. */
  #live() {
    if (this.#state.dropped) {
      throw new TeaVecError('UNKNOWN_ID', `collection ${JSON.stringify(this.#name)} was deleted`);
    }
    return this.#handle.native;
  }

  #create(dimensions) {
    return createNativeIndex({ ...this.#settings, dimensions });
  }

  #keys(ids) {
    const keys = listOf(ids, (v) => typeof v === 'string');
    checkArray(keys, 'ids');
    keys.forEach((key, i) => checkKey(key, `ids[${i}]`));
    return keys;
  }

  /** `{ keys, where, document }` of get/query/delete options, each checked; undefined where not given. */
  #filters(opts) {
    return {
      keys: opts.ids === undefined ? undefined : this.#keys(opts.ids),
      where: opts.where === undefined ? undefined : checkWhere(opts.where),
      document: opts.whereDocument === undefined ? undefined : documentFilter(opts.whereDocument),
    };
  }

  /** Numeric ids of live records: by keys (in their order) and/or where and/or document filter, then offset and limit. */
  #select(native, { keys, where, document }, offset, limit) {
    let ids;
    if (keys === undefined) {
      const filter = where ?? { text: ALL, kind: WHERE_FILTER };
      if (!document) return [...native.matchIds(filter.text, filter.kind, offset, limit)];
      ids = [...native.matchIds(filter.text, filter.kind, 0, -1)];
    } else {
      ids = [...new Set(keys)].map((key) => native.idOfKey(key)).filter((id) => id !== undefined);
      if (where) {
        const matching = new Set(native.matchIds(where.text, where.kind, 0, -1));
        ids = ids.filter((id) => matching.has(id));
      }
    }
    if (document) ids = ids.filter((id) => document(native.getDocument(id) ?? null));
    return ids.slice(offset, limit < 0 ? undefined : offset + limit);
  }

  /** The k nearest of `candidates` (numeric ids) per vector, exactly: a scratch flat index of their vectors. */
  #searchAmong(native, candidates, vectors, k) {
    if (candidates.length === 0) return vectors.map(() => []);
    const dims = native.dimensions;
    const flat = new Float32Array(candidates.length * dims);
    candidates.forEach((id, i) => flat.set(this.#vector(native, id), i * dims));
    const scratch = createNativeIndex({ dimensions: dims, metric: native.metric, indexType: 'flat' });
    try {
      const scratchIds = scratch.insertBatchFlat(flat, candidates.length);
      const idOf = new Map(Array.from(scratchIds, (s, i) => [s, candidates[i]]));
      return vectors.map((v) => scratch.search(v, k, 0, 0).results.map((h) => ({ id: idOf.get(h.id), score: h.score })));
    } finally {
      scratch.free();
    }
  }

  /** The float vector of `id`: with rerank 'storage' its row (the index holds codes only), else the index's. */
  #vector(native, id) {
    return this.#state.rows?.vector(id) ?? native.getVector(id);
  }

  #records(native, ids, include) {
    const out = { ids: native ? keysOf(native, ids) : [] };
    out.embeddings = include.includes('embeddings') ? ids.map((id) => Array.from(this.#vector(native, id))) : null;
    out.metadatas = include.includes('metadatas') ? ids.map((id) => decodeJson(native.getMetadata(id)) ?? null) : null;
    out.documents = include.includes('documents') ? ids.map((id) => native.getDocument(id) ?? null) : null;
    out.included = include;
    return out;
  }

  #write(args, mode) {
    const opts = checkOptions(args, `${mode} options`);
    unsupported(opts, ['uris', 'images']);
    const keys = this.#keys(opts.ids);
    const column = (name, isItem) => {
      const value = opts[name];
      if (value === undefined || value === null) return undefined;
      const list = listOf(value, isItem);
      checkArray(list, name);
      if (list.length !== keys.length) {
        throw new TeaVecError('INVALID_ARGUMENT', `${name} must have one entry per id (${keys.length}), got ${list.length}`);
      }
      return list;
    };
    const embeddings = column('embeddings', isVector);
    if (embeddings === undefined && mode !== 'update') {
      throw new TeaVecError('INVALID_ARGUMENT', `${mode} needs embeddings, or documents and a collection made with an `
        + 'embeddingFunction');
    }
    const metadatas = column('metadatas', isRecord);
    const documents = column('documents', (v) => typeof v === 'string');
    const items = keys.map((key, i) => ({
      key,
      vector: embeddings && toFloat32(embeddings[i], `embeddings[${i}]`),
      metadata: metadatas && encodeMetadata(metadatas[i], `metadatas[${i}]`),
      document: documents?.[i],
    }));
    this.#apply(items, mode);
    return { mode, items };
  }

  #apply(items, mode) {
    let native = this.#live();
    if (items.length === 0) return;
    const created = !native && items.length > 0;
    if (created) {
      if (mode === 'update') throw new TeaVecError('UNKNOWN_ID', `id ${JSON.stringify(items[0].key)} does not exist`);
      native = this.#create(items[0].vector.length);
    }
    try {
      for (const id of applyBatch(native, items, mode, 'records')) this.#state.text?.touched.add(id);
      this.#state.rows?.wrote(native, items);
    } catch (e) {
      // The first add fixes the dimensions only when it succeeds.
      if (created) native.free();
      throw e;
    }
    if (created) this.#handle.native = native;
  }
}
