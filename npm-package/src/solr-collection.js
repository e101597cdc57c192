// A SolrCloud collection behind the Collection API of local collections (add, upsert, update, get,
// peek, count, query, delete), asynchronous: code that awaits a local collection's calls runs unchanged.
// Filters: `where` → Solr filter queries, `whereDocument` → text queries (solr-where.js).
import { TeaVecError } from './errors.js';
import { EdgeVecConfig } from './index.js';
import { SolrHttp } from './solr-http.js';
import { F, LAYOUT, METRIC_OF_SIMILARITY, VersionClock, shortFloat, toSolrDocument, fromSolrDocument, storedFields } from './solr-layout.js';
import { whereFilter, whereDocumentFilter, idsFilter } from './solr-where.js';
import {
  describe, invalid, isRecord, isVector, options, listOf, checkIds, checkInclude, checkEfSearch, checkCount, toFloat32,
  checkVector, plainMetadata, embed,
} from './solr-validate.js';

const GET_INCLUDE = ['embeddings', 'metadatas', 'documents'];
const QUERY_INCLUDE = [...GET_INCLUDE, 'distances'];
const NOT_TOMBSTONE = `-${F.tombstone}:true`;
const PAGE = 1000;
const QUERY_CONCURRENCY = 4;
const COMMITS = { soft: { commit: 'true', softCommit: 'true' }, hard: { commit: 'true' }, none: {} };

/** What sync (solr-sync.js) uses beyond the public API. */
export const REALTIME = Symbol('teavec.solr.realtime');
export const WRITE = Symbol('teavec.solr.write');
export const HTTP = Symbol('teavec.solr.http');
export const SCAN = Symbol('teavec.solr.scan');

/** TeaVec's distance from Solr's score (Lucene's similarity scaled to a positive score). */
function distanceOf(score, metric) {
  // float32, as local collections report distances.
  if (metric === 'cosine') return Math.fround(Math.max(0, 2 * (1 - score))); // score = (1 + cos) / 2
  if (metric === 'l2') return Math.fround(Math.sqrt(Math.max(0, 1 / score - 1))); // score = 1 / (1 + d²)
  return Math.fround(-(score >= 1 ? score - 1 : 1 - 1 / score)); // maximum inner product: dot + 1, or 1 / (1 - dot) below 0
}

async function mapLimit(items, limit, fn) {
  const out = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * A collection in SolrCloud with the Collection API of local collections. Options: `url` (a node's base
 * URL, 'http://host:8983/solr', or several), `collection`, `embeddingFunction`, `batchSize` (records
 * per update request, default 500), `commit` ('soft' default: visible on return; 'hard'; 'none'),
 * `efSearch` (Solr's knn topK per shard = max(nResults, efSearch); default: local collections' ef_search),
 * `fetch`, `headers`, `retry` ({ attempts, firstDelayMs, maxDelayMs }), `timeoutMs`, `onRetry`.
 */
export class SolrCollection {
  #http;
  #embeddingFunction;
  #batchSize;
  #commit;
  #efSearch;
  #clock = new VersionClock();
  #info = null;

  constructor(options_) {
    const opts = options(options_, 'SolrCollection options');
    if (opts.url === undefined || opts.collection === undefined) {
      throw new TeaVecError('INVALID_CONFIG', "new SolrCollection needs { url: 'http://host:8983/solr', collection: 'name' }");
    }
    this.#http = new SolrHttp(opts);
    this.#embeddingFunction = opts.embeddingFunction;
    if (this.#embeddingFunction !== undefined && typeof this.#embeddingFunction !== 'function'
      && typeof this.#embeddingFunction?.generate !== 'function') {
      throw new TeaVecError('INVALID_CONFIG', 'embeddingFunction must have generate(texts) or be a function of texts');
    }
    this.#batchSize = opts.batchSize ?? 500;
    if (!Number.isInteger(this.#batchSize) || this.#batchSize < 1) {
      throw new TeaVecError('INVALID_CONFIG', `batchSize must be a positive integer, got ${describe(opts.batchSize)}`);
    }
    this.#commit = opts.commit ?? 'soft';
    if (!Object.hasOwn(COMMITS, this.#commit)) {
      throw new TeaVecError('INVALID_CONFIG', `commit must be 'soft', 'hard' or 'none', got ${describe(opts.commit)}`);
    }
    // Solr 9's knn has no efSearch: its topK is the beam width. The default is a local collection's.
    this.#efSearch = checkEfSearch(opts.efSearch ?? new EdgeVecConfig(1).ef_search, 'INVALID_CONFIG');
  }

  /** The Solr collection's name. */
  get name() { return this.#http.collection; }

  /** Requests repeated after a failure that passed (a node down, a leader moving). */
  get retries() { return this.#http.retries; }

  /** `{ dimensions, metric }` of the collection's vector field, read from its schema once. */
  async info() {
    this.#info ??= (async () => {
      const field = await this.#http.get(`/schema/fields/${F.vector}`, {});
      const type = await this.#http.get(`/schema/fieldtypes/${field.field.type}`, {});
      const metric = METRIC_OF_SIMILARITY[String(type.fieldType.similarityFunction).toLowerCase()];
      if (metric === undefined) {
        throw new TeaVecError('NOT_SUPPORTED', `the collection's vectors use similarity ${type.fieldType.similarityFunction}, `
          + `which has no TeaVec metric (${Object.values(LAYOUT.similarity).join(', ')})`);
      }
      return Object.freeze({ dimensions: Number(type.fieldType.vectorDimension), metric });
    })().catch((e) => { this.#info = null; throw e; });
    return this.#info;
  }

  /** Live records (tombstones of deleted ones are not counted). */
  async count() {
    const r = await this.#http.postJson('/select', {}, { query: '*:*', filter: [NOT_TOMBSTONE], limit: 0 });
    return r.response.numFound;
  }

  /** Adds new records; DUPLICATE_ID (writing nothing) if any id exists. */
  async add(args) {
    return this.#write(args, 'add');
  }

  /** Adds new records and replaces existing ones; omitted metadatas/documents are kept for existing ids. */
  async upsert(args) {
    return this.#write(args, 'upsert');
  }

  /** Changes existing records (UNKNOWN_ID if one is missing); every field but ids is optional. */
  async update(args) {
    return this.#write(args, 'update');
  }

  /**
   * Records by ids and/or where/whereDocument: `{ ids, embeddings, metadatas, documents, included }`, in
   * the order of `ids` when given, else in id order (string order, not insertion order as locally).
   */
  async get(args = undefined) {
    const opts = options(args, 'get options');
    const include = checkInclude(opts.include, ['metadatas', 'documents'], GET_INCLUDE);
    const limit = checkCount('limit', opts.limit, Infinity);
    const offset = checkCount('offset', opts.offset, 0);
    const ids = opts.ids === undefined ? undefined : [...new Set(checkIds(opts.ids))];
    const filters = this.#filters(opts);
    let records;
    if (ids !== undefined && filters.length === 0) {
      records = (await this[REALTIME](ids, storedFields(include))).filter((r) => !r.tombstone);
    } else {
      if (ids !== undefined) filters.push(idsFilter(ids));
      records = [];
      const wanted = ids === undefined ? offset + limit : Infinity;
      for await (const page of this.#scan(filters, storedFields(include), signalOf(opts))) {
        records.push(...page);
        if (records.length >= wanted) break;
      }
      if (ids !== undefined) {
        const byId = new Map(records.map((r) => [r.id, r]));
        records = ids.map((id) => byId.get(id)).filter(Boolean);
      }
    }
    records = records.slice(offset, limit === Infinity ? undefined : offset + limit);
    return shape(records, include);
  }

  /** The first `limit` records (default 10), embeddings included. */
  async peek(args = undefined) {
    const opts = options(args, 'peek options');
    return this.get({ limit: checkCount('limit', opts.limit, 10), include: GET_INCLUDE });
  }

  /**
   * The nResults nearest records per query (queryEmbeddings, or queryTexts through the embeddingFunction),
   * optionally only those matching where/whereDocument (applied before the vector search):
   * `{ ids: [[…]], distances: [[…]], metadatas, documents, embeddings, included }`. Distances are TeaVec's
   * (1 − cos, Euclidean, −dot), from Solr's scores.
   */
  async query(args) {
    const opts = options(args, 'query options');
    let queries;
    if (opts.queryEmbeddings !== undefined) {
      queries = listOf(opts.queryEmbeddings, isVector, 'queryEmbeddings');
    } else if (opts.queryTexts !== undefined) {
      const texts = listOf(opts.queryTexts, (v) => typeof v === 'string', 'queryTexts');
      queries = await embed(this.#embeddingFunction, texts, 'queryTexts');
    } else {
      throw invalid('query needs queryEmbeddings (one embedding or a list of them) or queryTexts');
    }
    const k = opts.nResults ?? 10;
    if (!Number.isInteger(k) || k <= 0 || k > 0x7fffffff) throw new TeaVecError('INVALID_K', `nResults must be a positive integer, got ${describe(k)}`);
    const include = checkInclude(opts.include, ['metadatas', 'documents', 'distances'], QUERY_INCLUDE);
    const filters = this.#filters(opts);
    const info = await this.info();
    const vectors = queries.map((q, i) => {
      const v = toFloat32(q, `queryEmbeddings[${i}]`);
      checkVector(v, info, `queryEmbeddings[${i}]`);
      return v;
    });
    const topK = Math.max(k, opts.efSearch === undefined ? this.#efSearch : checkEfSearch(opts.efSearch, 'INVALID_ARGUMENT'));
    const fields = [...storedFields(include), 'score'].join(',');
    const answers = await mapLimit(vectors, QUERY_CONCURRENCY, async (v) => {
      const r = await this.#http.postJson('/select', {}, {
        query: `{!knn f=${F.vector} topK=${topK}}[${Array.from(v, shortFloat).join(',')}]`,
        filter: filters,
        limit: k,
        fields,
      }, signalOf(opts));
      return r.response.docs;
    });
    const out = { ids: [], distances: include.includes('distances') ? [] : null };
    for (const field of ['metadatas', 'documents', 'embeddings']) out[field] = include.includes(field) ? [] : null;
    for (const docs of answers) {
      const records = docs.map(fromSolrDocument);
      const shaped = shape(records, include);
      out.ids.push(shaped.ids);
      out.distances?.push(docs.map((d) => distanceOf(d.score, info.metric)));
      for (const field of ['metadatas', 'documents', 'embeddings']) out[field]?.push(shaped[field]);
    }
    out.included = include;
    return out;
  }

  /** Deletes records by ids and/or where/whereDocument (together: those matching all); returns the deleted ids. */
  async delete(args = undefined) {
    const opts = options(args, 'delete options');
    if (opts.ids === undefined && opts.where === undefined && opts.whereDocument === undefined) {
      throw invalid('delete needs ids, where or whereDocument (use where: {} to delete every record)');
    }
    const { ids } = await this.get({ ids: opts.ids, where: opts.where, whereDocument: opts.whereDocument, include: [] });
    await this[WRITE](ids.map((id) => ({ op: 'delete', id })), this.#clock.next(), signalOf(opts));
    return ids;
  }

  /**
   * Removes the tombstones deletes leave (docs/solr.md) that are older than `olderThan` (a Date or epoch
   * milliseconds): only once every device has pushed and pulled past it, or a late write of a deleted
   * record could come back.
   */
  async purgeTombstones({ olderThan }) {
    const ms = olderThan instanceof Date ? olderThan.getTime() : olderThan;
    if (typeof ms !== 'number' || !Number.isFinite(ms)) throw invalid(`olderThan must be a Date or epoch milliseconds, got ${describe(olderThan)}`);
    await this.#http.postJson('/update', COMMITS[this.#commit === 'none' ? 'none' : 'soft'],
      { delete: { query: `${F.tombstone}:true AND ${F.version}:[* TO ${Math.floor(ms * 1000)}]` } });
  }

  // ---- for solr-sync.js ---------------------------------------------------------------------------

  get [HTTP]() { return this.#http; }

  /** Records by id as Solr has them now (real-time get: uncommitted writes and tombstones included), in id order given. */
  async [REALTIME](ids, fields, signal = undefined) {
    const out = [];
    const all = [...fields, F.tombstone];
    for (let i = 0; i < ids.length; i += PAGE) {
      const chunk = ids.slice(i, i + PAGE);
      // One `id` parameter per id: `ids` would split ids that hold commas.
      const r = await this.#http.postForm('/get', { id: chunk, fl: all.join(',') }, signal);
      // Solr answers a single `id` with `{ doc }`, several with `{ response: { docs } }`.
      const docs = r.response?.docs ?? (r.doc ? [r.doc] : []);
      const byId = new Map(docs.map((d) => [d[F.id], fromSolrDocument(d)]));
      for (const id of chunk) if (byId.has(id)) out.push(byId.get(id));
    }
    return out;
  }

  /**
   * Writes changes batch by batch, in order: records `{ id, embedding, metadata, document }` and deletes
   * `{ op: 'delete', id }`, each with its `version` or else `version`. A delete is written as the tombstone
   * the configset's update chain would make (id, version, tombstone flag): one request carries puts and
   * deletes with a version each, where a delete by id takes one version per request. `onBatch(batch)`
   * after each request; `commit`: the collection's commit after the last one.
   */
  async [WRITE](changes, version, signal = undefined, onBatch = undefined, commit = true) {
    for (let i = 0; i < changes.length; i += this.#batchSize) {
      const batch = changes.slice(i, i + this.#batchSize);
      const docs = await Promise.all(batch.map((c) => (c.op === 'delete'
        ? { [F.id]: c.id, [F.version]: c.version ?? version, [F.tombstone]: true }
        : toSolrDocument(c, version))));
      const last = i + this.#batchSize >= changes.length;
      await this.#http.postJson('/update', last && commit ? COMMITS[this.#commit] : {}, docs, signal);
      onBatch?.(batch);
    }
  }

  /**
   * Every live record matching `where`/`whereDocument`, page by page (Solr's cursor, in id order):
   * `for await (const page of collection.records({ where, include }))`, each page a GetResult.
   */
  async* records(args = undefined) {
    const opts = options(args, 'records options');
    const include = checkInclude(opts.include, ['metadatas', 'documents'], GET_INCLUDE);
    const pageSize = checkCount('pageSize', opts.pageSize, PAGE) || PAGE;
    for await (const page of this[SCAN](opts, storedFields(include), signalOf(opts), pageSize)) {
      yield shape(page, include);
    }
  }

  /** Raw records (with hash and version) matching where/whereDocument, page by page. */
  [SCAN](opts, fields, signal = undefined, pageSize = PAGE) {
    return this.#scan(this.#filters(opts), [...fields, F.hash, F.version], signal, pageSize);
  }

  // ---- helpers ------------------------------------------------------------------------------------

  #filters(opts) {
    const filters = [];
    if (opts.where !== undefined) {
      const q = whereFilter(opts.where);
      if (q !== null) filters.push(q);
    }
    if (opts.whereDocument !== undefined) filters.push(whereDocumentFilter(opts.whereDocument));
    return filters;
  }

  async* #scan(filters, fields, signal, pageSize = PAGE) {
    let cursor = '*';
    for (;;) {
      const r = await this.#http.postJson('/select', { cursorMark: cursor }, {
        query: '*:*',
        filter: [NOT_TOMBSTONE, ...filters],
        sort: `${F.id} asc`,
        limit: pageSize,
        fields: fields.join(','),
      }, signal);
      if (r.response.docs.length > 0) yield r.response.docs.map(fromSolrDocument);
      if (r.nextCursorMark === cursor) return;
      cursor = r.nextCursorMark;
    }
  }

  async #write(args, mode) {
    const opts = options(args, `${mode} options`);
    const ids = checkIds(opts.ids);
    const seen = new Set();
    for (const id of ids) {
      if (seen.has(id)) throw new TeaVecError('DUPLICATE_ID', `id ${JSON.stringify(id)} appears twice in one batch`);
      seen.add(id);
    }
    const column = (name, isItem) => {
      const value = opts[name];
      if (value === undefined || value === null) return undefined;
      const list = listOf(value, isItem, name);
      if (list.length !== ids.length) throw invalid(`${name} must have one entry per id (${ids.length}), got ${list.length}`);
      return list;
    };
    const documents = column('documents', (v) => typeof v === 'string');
    documents?.forEach((d, i) => {
      if (d !== null && typeof d !== 'string') throw invalid(`documents[${i}] must be a string or null, got ${describe(d)}`);
    });
    let embeddings = column('embeddings', isVector);
    if (embeddings === undefined && mode !== 'update') {
      if (documents === undefined || !this.#embeddingFunction) {
        throw invalid(`${mode} needs embeddings, or documents and an embeddingFunction`);
      }
      embeddings = await embed(this.#embeddingFunction, documents, mode);
    }
    const metadatas = column('metadatas', isRecord);
    const info = await this.info();
    const records = ids.map((id, i) => {
      const record = { id };
      if (embeddings) {
        record.embedding = toFloat32(embeddings[i], `embeddings[${i}]`);
        checkVector(record.embedding, info, `embeddings[${i}]`);
      }
      const m = metadatas?.[i];
      if (m !== undefined && m !== null) record.metadata = plainMetadata(m, `metadatas[${i}]`);
      const d = documents?.[i];
      if (d !== undefined && d !== null) record.document = d;
      return record;
    });
    if (records.length === 0) return;
    // Only what this call needs to know of existing records: whether they exist (add, update) and what it keeps.
    const fields = [F.id];
    if (mode !== 'add' && records.some((r) => r.metadata === undefined)) fields.push(F.metadata);
    if (mode !== 'add' && records.some((r) => r.document === undefined)) fields.push(F.document);
    if (mode === 'update' && records.some((r) => r.embedding === undefined)) fields.push(F.vector);
    const existing = mode === 'upsert' && fields.length === 1 ? new Map()
      : new Map((await this[REALTIME](ids, fields, signalOf(opts))).filter((r) => !r.tombstone).map((r) => [r.id, r]));
    for (const record of records) {
      const before = existing.get(record.id);
      if (mode === 'add' && before) {
        throw new TeaVecError('DUPLICATE_ID', `id ${JSON.stringify(record.id)} already exists (use upsert to replace it)`);
      }
      if (mode === 'update' && !before) {
        throw new TeaVecError('UNKNOWN_ID', `id ${JSON.stringify(record.id)} does not exist (use upsert to create it)`);
      }
      // What the call leaves out, an existing record keeps; an empty metadata object clears it.
      record.embedding ??= before && Float32Array.from(before.embedding);
      if (record.metadata === undefined) record.metadata = before?.metadata ?? null;
      if (record.document === undefined) record.document = before?.document ?? null;
    }
    await this[WRITE](records, this.#clock.next(), signalOf(opts));
  }
}

function signalOf(opts) {
  return opts.signal;
}

/** A GetResult from records. */
function shape(records, include) {
  const out = { ids: records.map((r) => r.id) };
  out.embeddings = include.includes('embeddings') ? records.map((r) => r.embedding) : null;
  out.metadatas = include.includes('metadatas') ? records.map((r) => r.metadata) : null;
  out.documents = include.includes('documents') ? records.map((r) => r.document) : null;
  out.included = include.filter((i) => i !== 'distances');
  return out;
}
