import { requireEngine } from './init.js';
import { TeaVecError, callEngine } from './errors.js';

const METRICS = ['cosine', 'dot', 'l2'];

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

/** Index settings, named as in EdgeVec. */
export class EdgeVecConfig {
  constructor(dimensions) {
    if (!Number.isInteger(dimensions) || dimensions <= 0 || dimensions > 65536) {
      throw new TeaVecError('INVALID_CONFIG', `dimensions must be an integer in 1..65536, got ${describe(dimensions)}`);
    }
    this.dimensions = dimensions;
    this.metric = 'cosine';
  }
}

/** A vector index with EdgeVec's method names. Scores are distances: lower is closer, best first. */
export class EdgeVec {
  #native;

  constructor(config) {
    if (!(config instanceof EdgeVecConfig)) {
      throw new TeaVecError('INVALID_CONFIG', `new EdgeVec(config) takes an EdgeVecConfig, got ${describe(config)}`);
    }
    if (!METRICS.includes(config.metric)) {
      throw new TeaVecError('INVALID_CONFIG', `metric must be one of ${METRICS.join(', ')}, got ${describe(config.metric)}`);
    }
    const engine = requireEngine();
    this.#native = callEngine(() => engine.createIndex(config.dimensions, config.metric));
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

  /** The k nearest vectors as [{ id, score }], best first. */
  search(query, k) {
    checkVectorType(query, 'query');
    checkK(k);
    const packed = callEngine(() => this.#native.search(query, k));
    const results = new Array(packed.length / 2);
    for (let i = 0; i < results.length; i++) {
      results[i] = { id: packed[2 * i], score: packed[2 * i + 1] };
    }
    return results;
  }

  /** A copy of the stored vector. */
  getVector(id) {
    if (!Number.isInteger(id)) {
      throw new TeaVecError('UNKNOWN_ID', `id must be an integer, got ${describe(id)}`);
    }
    return callEngine(() => this.#native.getVector(id));
  }

  /** Bytes of engine memory held by this index. */
  memoryUsage() {
    return this.#native.memoryBytes();
  }
}
