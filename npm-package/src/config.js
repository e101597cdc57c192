// Index settings, named as in EdgeVec (snake_case fields included). The engine owns their defaults and
// ranges (ConfigField, IndexSettings): this package sends only the settings a user set, the engine fills
// in the rest and checks everything once, naming a bad field as the user spelled it. The defaults users
// read here come from the engine's settings table, generated into src/generated/engine.js at build time.
import API from './generated/engine.js';
import { TeaVecError } from './errors.js';
import { requireEngine } from './init.js';
import { describe } from './validate.js';
import { indexTypeTable } from './index-types.js';

const SETTINGS = new Map(API.settings.map((s) => [s.name, s]));
/** Every setting's name, as users write it. */
export const SETTING_NAMES = Object.freeze([...SETTINGS.keys()]);

/** EdgeVec's numeric metric enum, for `config.setMetricType(MetricType.Cosine)`. */
export const MetricType = Object.freeze({ L2: 0, Cosine: 1, Dot: 2, Hamming: 3 });
const METRIC_BY_TYPE = ['l2', 'cosine', 'dot'];

/** EdgeVec's numeric index type enum; `config.indexType` also takes 'auto' | 'flat' | 'hnsw'. */
export const JsIndexType = Object.freeze({ Flat: 0, Hnsw: 1 });
const INDEX_TYPE_BY_NUMBER = ['flat', 'hnsw'];

/** The value of setting `name` when `set` (the user's settings) does not hold it: its default, maybe derived. */
function defaultOf(name, set) {
  const s = SETTINGS.get(name);
  if (s.defaultOf !== undefined) {
    const base = set[s.defaultOf] ?? defaultOf(s.defaultOf, set);
    if (s.defaultEquals !== undefined) return base === s.defaultEquals;
    return s.defaultDivisor !== undefined ? Math.ceil(base / s.defaultDivisor) : s.defaultFactor * base;
  }
  return s.default;
}

const USER = Symbol('teavec.userSettings');

/**
 * Index settings, named as in EdgeVec, plus TeaVec's `quantization`, `rerank`, `compactionThreshold` and
 * `seed`. Each reads as what the user set, else as the engine's default (`m0` follows `m`).
 */
export class EdgeVecConfig {
  constructor(dimensions) {
    const s = SETTINGS.get('dimensions');
    if (!Number.isInteger(dimensions) || dimensions < s.min || dimensions > s.max) {
      throw new TeaVecError('INVALID_CONFIG', `dimensions must be an integer in ${s.min}..${s.max}, got ${describe(dimensions)}`);
    }
    Object.defineProperty(this, USER, { value: { dimensions } });
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

  /** Every setting as it reads now. */
  toJSON() {
    return Object.fromEntries(SETTING_NAMES.map((name) => [name, this[name]]));
  }
}

for (const name of SETTING_NAMES) {
  Object.defineProperty(EdgeVecConfig.prototype, name, {
    get() {
      const set = this[USER];
      return Object.hasOwn(set, name) ? set[name] : defaultOf(name, set);
    },
    // Setting undefined returns the field to its default.
    set(value) {
      if (value === undefined) delete this[USER][name];
      else this[USER][name] = value;
    },
    enumerable: true,
    configurable: true,
  });
}

function normalizedIndexType(type) {
  return typeof type === 'number' ? INDEX_TYPE_BY_NUMBER[type] ?? type : type;
}

/** The settings a user set on an EdgeVecConfig, as a plain object; INVALID_CONFIG for anything else. */
export function userSettings(config) {
  if (!(config instanceof EdgeVecConfig)) {
    throw new TeaVecError('INVALID_CONFIG', `new EdgeVec(config) takes an EdgeVecConfig, got ${describe(config)}`);
  }
  return { ...config[USER] };
}

/**
 * JSON of the settings a user set, as the engine reads them. Values JSON cannot hold (NaN, a bigint, a
 * function) go as their text, so that the engine's message still shows what was given.
 */
function settingsJson(settings) {
  const out = {};
  for (const [name, value] of Object.entries(settings)) {
    if (value === undefined) continue;
    const v = name === 'indexType' ? normalizedIndexType(value) : value;
    out[name] = (typeof v === 'number' && !Number.isFinite(v)) || ['bigint', 'function', 'symbol'].includes(typeof v)
      ? String(v) : v;
  }
  return JSON.stringify(out);
}

/** A new engine index for the settings a user set (a plain object); INVALID_CONFIG naming a bad field. */
export function createNativeIndex(settings) {
  return requireEngine().createIndex(settingsJson(settings), indexTypeTable);
}

/** Every setting, defaults filled in, for the settings a user set; INVALID_CONFIG as createNativeIndex. */
export function resolvedSettings(settings) {
  return JSON.parse(requireEngine().settingsOf(settingsJson(settings)));
}

/** EdgeVec's batch options; TeaVec always validates dimensions, so the flag only exists for compatibility. */
export class BatchInsertConfig {
  constructor() {
    this.validateDimensions = true;
  }

  free() {}
}
