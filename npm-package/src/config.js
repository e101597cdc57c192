// Index settings, named as in EdgeVec (snake_case fields included), validated before anything is built.
import { TeaVecError } from './errors.js';
import { checkIntRange, checkOneOf, describe } from './validate.js';
import { indexTypeTable, isIndexTypeName } from './index-types.js';

const METRICS = ['cosine', 'dot', 'l2'];
const INDEX_TYPES = ['auto', 'flat', 'hnsw'];
const QUANTIZATIONS = ['none', 'sq8'];

/** EdgeVec's numeric metric enum, for `config.setMetricType(MetricType.Cosine)`. */
export const MetricType = Object.freeze({ L2: 0, Cosine: 1, Dot: 2, Hamming: 3 });
const METRIC_BY_TYPE = ['l2', 'cosine', 'dot'];

/** EdgeVec's numeric index type enum; `config.indexType` also takes 'auto' | 'flat' | 'hnsw'. */
export const JsIndexType = Object.freeze({ Flat: 0, Hnsw: 1 });
const INDEX_TYPE_BY_NUMBER = ['flat', 'hnsw'];

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

  /** EdgeVec's typed setter: `MetricType.L2 | Cosine | Dot` (Hamming is not supported). */
  setMetricType(type) {
    const metric = METRIC_BY_TYPE[type];
    if (metric === undefined) {
      throw new TeaVecError('INVALID_CONFIG', `metric type must be MetricType.L2, Cosine or Dot, got ${describe(type)}`
        + (type === MetricType.Hamming ? ' (binary vectors are not supported)' : ''));
    }
    this.metric = metric;
  }

  /** Nothing to free (a plain object, it holds no engine memory); kept so that EdgeVec code runs unchanged. */
  free() {}

  isFlat() {
    return normalizedIndexType(this.indexType) === 'flat';
  }

  /** True for 'hnsw', and for 'auto' (which becomes HNSW once the index grows). */
  isHnsw() {
    return normalizedIndexType(this.indexType) !== 'flat';
  }
}

function normalizedIndexType(type) {
  return typeof type === 'number' ? INDEX_TYPE_BY_NUMBER[type] : type;
}

/** The validated settings as plain values; throws INVALID_CONFIG naming the first bad field. */
export function validateConfig(c) {
  if (!(c instanceof EdgeVecConfig)) {
    throw new TeaVecError('INVALID_CONFIG', `new EdgeVec(config) takes an EdgeVecConfig, got ${describe(c)}`);
  }
  checkIntRange('dimensions', c.dimensions, 1, 65536);
  checkOneOf('metric', c.metric, METRICS);
  checkIntRange('m', c.m, 2, 512);
  checkIntRange('m0', c.m0, c.m, 1024);
  checkIntRange('ef_construction', c.ef_construction, 1, 1 << 16);
  checkIntRange('ef_search', c.ef_search, 1, 1 << 16);
  const indexType = normalizedIndexType(c.indexType);
  // Any well-formed name passes: the engine knows the registered types (UNKNOWN_INDEX_TYPE).
  if (!isIndexTypeName(indexType)) checkOneOf('indexType', indexType, INDEX_TYPES);
  checkOneOf('quantization', c.quantization, QUANTIZATIONS);
  if (typeof c.rerank !== 'boolean') {
    throw new TeaVecError('INVALID_CONFIG', `rerank must be a boolean, got ${describe(c.rerank)}`);
  }
  if (typeof c.compactionThreshold !== 'number' || !(c.compactionThreshold > 0 && c.compactionThreshold <= 1)) {
    throw new TeaVecError('INVALID_CONFIG',
      `compactionThreshold must be a number in (0, 1], got ${describe(c.compactionThreshold)}`);
  }
  checkIntRange('seed', c.seed, 0, Number.MAX_SAFE_INTEGER);
  return { ...c, indexType };
}

/** Creates the engine's index for validated settings. */
export function createNativeIndex(engine, s) {
  return engine.createIndex(s.dimensions, s.metric, s.m, s.m0, s.ef_construction, s.ef_search, s.indexType,
    s.quantization, s.rerank, s.compactionThreshold, s.seed, indexTypeTable);
}

/** EdgeVec's batch options; TeaVec always validates dimensions, so the flag only exists for compatibility. */
export class BatchInsertConfig {
  constructor() {
    this.validateDimensions = true;
  }

  free() {}
}
