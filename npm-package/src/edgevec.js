import { requireEngine } from './init.js';
import { TeaVecError, callEngine } from './errors.js';

const METRICS = ['cosine', 'dot', 'l2'];
const INDEX_TYPES = ['auto', 'flat', 'hnsw'];
const QUANTIZATIONS = ['none', 'sq8'];

function checkVectorType(v, what) {
  if (!(v instanceof Float32Array)) {
    throw new TeaVecError('INVALID_VECTOR', `${what} must be a Float32Array, got ${describe(v)}`);
  }
}

function checkK(k) {
  if (!Number.isInteger(k) || k <= 0 || k > 0x7fffffff) {
    throw new TeaVecError('INVALID_K', `k must be a positive integer, got ${describe(k)}`);
  }
}

function describe(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an Array';
  if (typeof v === 'object') return v.constructor?.name ?? 'an object';
  return `${typeof v} ${String(v)}`;
}

function checkIntRange(name, value, min, max) {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new TeaVecError('INVALID_CONFIG', `${name} must be an integer in ${min}..${max}, got ${describe(value)}`);
  }
}

function checkOneOf(name, value, allowed) {
  if (!allowed.includes(value)) {
    throw new TeaVecError('INVALID_CONFIG', `${name} must be one of ${allowed.join(', ')}, got ${describe(value)}`);
  }
}

/** Index settings, named as in EdgeVec, plus TeaVec's `quantization`, `rerank`, `compactionThreshold` and `seed`. */
export class EdgeVecConfig {
  constructor(dimensions) {
    checkIntRange('dimensions', dimensions, 1, 65536);
    this.dimensions = dimensions;
    this.metric = 'cosine';
    this.m = 16;
    this.m0 = 32;
    this.ef_construction = 200;
    this.ef_search = 50;
    this.indexType = 'auto';
    this.quantization = 'none';
    this.rerank = false;
    this.compactionThreshold = 0.3;
    this.seed = 42;
  }
}

function validateConfig(c) {
  checkIntRange('dimensions', c.dimensions, 1, 65536);
  checkOneOf('metric', c.metric, METRICS);
  checkIntRange('m', c.m, 2, 512);
  checkIntRange('m0', c.m0, c.m, 1024);
  checkIntRange('ef_construction', c.ef_construction, 1, 1 << 16);
  checkIntRange('ef_search', c.ef_search, 1, 1 << 16);
  checkOneOf('indexType', c.indexType, INDEX_TYPES);
  checkOneOf('quantization', c.quantization, QUANTIZATIONS);
  if (typeof c.rerank !== 'boolean') {
    throw new TeaVecError('INVALID_CONFIG', `rerank must be a boolean, got ${describe(c.rerank)}`);
  }
  if (typeof c.compactionThreshold !== 'number' || !(c.compactionThreshold > 0 && c.compactionThreshold <= 1)) {
    throw new TeaVecError('INVALID_CONFIG', `compactionThreshold must be a number in (0, 1], got ${describe(c.compactionThreshold)}`);
  }
  checkIntRange('seed', c.seed, 0, Number.MAX_SAFE_INTEGER);
}

/** A vector index with EdgeVec's method names. Scores are distances: lower is closer, best first. */
export class EdgeVec {
  #native;

  constructor(config) {
    if (!(config instanceof EdgeVecConfig)) {
      throw new TeaVecError('INVALID_CONFIG', `new EdgeVec(config) takes an EdgeVecConfig, got ${describe(config)}`);
    }
    validateConfig(config);
    const engine = requireEngine();
    this.#native = callEngine(() => engine.createIndex(config.dimensions, config.metric, config.m, config.m0,
      config.ef_construction, config.ef_search, config.indexType, config.quantization, config.rerank,
      config.compactionThreshold, config.seed));
  }

  get dimensions() {
    return this.#native.dimensions;
  }

  get metric() {
    return this.#native.metric;
  }

  /** Number of vectors held. */
  get size() {
    return this.#native.size;
  }

  /** Stores a copy of `vector`; returns its id. */
  insert(vector) {
    checkVectorType(vector, 'vector');
    return callEngine(() => this.#native.insert(vector));
  }

  /** Inserts `count` vectors laid end to end; all are checked before any is stored. */
  insertBatchFlat(vectors, count) {
    checkVectorType(vectors, 'vectors');
    if (!Number.isInteger(count) || count < 0) {
      throw new TeaVecError('INVALID_ARGUMENT', `count must be a non-negative integer, got ${describe(count)}`);
    }
    return new Uint32Array(callEngine(() => this.#native.insertBatchFlat(vectors, count)).buffer);
  }

  /**
   * The k nearest live vectors as [{ id, score }], best first. `options.efSearch` overrides the
   * configured ef_search for this query (HNSW only; it is raised to k when smaller).
   */
  search(query, k, options = undefined) {
    checkVectorType(query, 'query');
    checkK(k);
    const ef = options?.efSearch ?? 0;
    if (ef !== 0 && (!Number.isInteger(ef) || ef < 1 || ef > 1 << 16)) {
      throw new TeaVecError('INVALID_ARGUMENT', `options.efSearch must be an integer in 1..65536, got ${describe(ef)}`);
    }
    const packed = callEngine(() => this.#native.search(query, k, ef));
    const results = new Array((packed.length - 1) / 2);
    for (let i = 0; i < results.length; i++) {
      results[i] = { id: packed[2 * i], score: packed[2 * i + 1] };
    }
    return results;
  }

  /** A copy of the stored vector. */
  getVector(id) {
    checkId(id);
    return callEngine(() => this.#native.getVector(id));
  }

  /** Marks `id` deleted in O(1): true when this call deleted it, false when it already was. */
  softDelete(id) {
    checkId(id);
    return callEngine(() => this.#native.softDelete(id));
  }

  /** Deletes many ids; never throws for unknown ids, it counts them (EdgeVec's result shape). */
  softDeleteBatch(ids) {
    if (!(ids instanceof Uint32Array) && !(ids instanceof Int32Array) && !Array.isArray(ids)) {
      throw new TeaVecError('INVALID_ARGUMENT', `ids must be a Uint32Array or an array of ids, got ${describe(ids)}`);
    }
    const unique = new Set(ids);
    let deleted = 0;
    let alreadyDeleted = 0;
    let invalidIds = 0;
    for (const id of unique) {
      if (!isId(id)) {
        invalidIds++;
        continue;
      }
      try {
        if (this.#native.softDelete(id)) deleted++;
        else alreadyDeleted++;
      } catch {
        invalidIds++;
      }
    }
    return { total: ids.length, uniqueCount: unique.size, deleted, alreadyDeleted, invalidIds };
  }

  isDeleted(id) {
    checkId(id);
    return this.#native.isDeleted(id);
  }

  /** Vectors that searches can return. */
  liveCount() {
    return this.#native.liveCount();
  }

  /** Deleted vectors still held until compact(). */
  deletedCount() {
    return this.#native.deletedCount();
  }

  /** deletedCount / (liveCount + deletedCount). */
  tombstoneRatio() {
    return this.#native.tombstoneRatio();
  }

  needsCompaction() {
    return this.#native.needsCompaction();
  }

  compactionThreshold() {
    return this.#native.compactionThreshold();
  }

  /** Rebuilds without tombstones; ids do not change. */
  compact() {
    const start = Date.now();
    const removed = callEngine(() => this.#native.compact());
    return { tombstones_removed: removed, new_size: this.#native.liveCount(), duration_ms: Date.now() - start };
  }

  /** 'simd' (vectors in Wasm linear memory, SIMD kernels) or 'scalar' (Java heap, scalar kernels). */
  get kernels() {
    return this.#native.kernels;
  }

  /** Bytes of engine memory held by this index (vectors, graph, ids). */
  memoryUsage() {
    return this.#native.memoryBytes();
  }
}

function isId(id) {
  return Number.isInteger(id) && id >= 0 && id <= 0x7fffffff;
}

function checkId(id) {
  if (!isId(id)) {
    throw new TeaVecError('UNKNOWN_ID', `id must be a non-negative integer, got ${describe(id)}`);
  }
}
