// Checks at the public boundary that are cheap in JS and give better messages than the engine can.
// The engine validates everything again; these only fail earlier and say more.
import API from './generated/engine.js';
import { TeaVecError } from './errors.js';
import { describe } from './describe.js';

export { describe };

export function checkVectorType(v, what) {
  if (!(v instanceof Float32Array)) {
    throw new TeaVecError('INVALID_VECTOR', `${what} must be a Float32Array, got ${describe(v)}`);
  }
}

/**
 * Everything the engine checks about a vector, done in JS so that a batch can be refused before any
 * of it is stored. `metric` decides whether the zero vector is allowed (not under cosine).
 */
export function checkVector(v, dims, metric, what) {
  checkVectorType(v, what);
  if (v.length !== dims) {
    throw new TeaVecError('DIMENSION_MISMATCH', `${what} must have ${dims} dimensions, got ${v.length}`);
  }
  let nonZero = false;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (!Number.isFinite(x)) {
      throw new TeaVecError('INVALID_VECTOR', `${what} must contain only finite numbers, got ${x} at index ${i}`);
    }
    if (x !== 0) nonZero = true;
  }
  if (!nonZero && metric === 'cosine') {
    throw new TeaVecError('INVALID_VECTOR', `${what} must not be the zero vector under cosine: it has no direction`);
  }
}

/** A Float32Array from a Float32Array (as is) or an array of numbers (Chroma's `number[]`). */
export function toFloat32(v, what) {
  if (v instanceof Float32Array) return v;
  if (Array.isArray(v) || ArrayBuffer.isView(v)) {
    for (let i = 0; i < v.length; i++) {
      if (typeof v[i] !== 'number') {
        throw new TeaVecError('INVALID_VECTOR', `${what} must hold numbers, got ${describe(v[i])} at index ${i}`);
      }
    }
    return Float32Array.from(v);
  }
  throw new TeaVecError('INVALID_VECTOR', `${what} must be a Float32Array or an array of numbers, got ${describe(v)}`);
}

export function checkK(k, name = 'k') {
  if (!Number.isInteger(k) || k <= 0 || k > 0x7fffffff) {
    throw new TeaVecError('INVALID_K', `${name} must be a positive integer, got ${describe(k)}`);
  }
}

export function isId(id) {
  return Number.isInteger(id) && id >= 0 && id <= 0x7fffffff;
}

export function checkId(id) {
  if (!isId(id)) {
    throw new TeaVecError('UNKNOWN_ID', `id must be a non-negative integer, got ${describe(id)}`);
  }
}

const MAX_KEY_LENGTH = 4096;

/** String ids (keys): strings of 1..4096 characters. */
export function checkKey(key, what = 'id') {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw new TeaVecError('INVALID_ARGUMENT', `${what} must be a string of 1..${MAX_KEY_LENGTH} characters, got ${describe(key)}`);
  }
}

export function checkArray(value, what) {
  if (!Array.isArray(value)) {
    throw new TeaVecError('INVALID_ARGUMENT', `${what} must be an array, got ${describe(value)}`);
  }
}

export function checkSameLength(values, expected, what, reference) {
  if (values.length !== expected) {
    throw new TeaVecError('INVALID_ARGUMENT',
      `${what} must have one entry per ${reference} (${expected}), got ${values.length}`);
  }
}

export function checkIntRange(name, value, min, max, code = 'INVALID_CONFIG') {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new TeaVecError(code, `${name} must be an integer in ${min}..${max}, got ${describe(value)}`);
  }
}

export function checkOneOf(name, value, allowed, code = 'INVALID_CONFIG') {
  if (!allowed.includes(value)) {
    throw new TeaVecError(code, `${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${describe(value)}`);
  }
}

export function checkOptionalBoolean(name, value) {
  if (value !== undefined && typeof value !== 'boolean') {
    throw new TeaVecError('INVALID_ARGUMENT', `${name} must be a boolean, got ${describe(value)}`);
  }
}

// A search's efSearch overrides the ef_search setting for one query, so it takes the setting's range.
const EF_SEARCH = API.settings.find((s) => s.name === 'ef_search');

export function checkEfSearch(ef) {
  if (ef !== undefined && (!Number.isInteger(ef) || ef < EF_SEARCH.min || ef > EF_SEARCH.max)) {
    throw new TeaVecError('INVALID_ARGUMENT',
      `options.efSearch must be an integer in ${EF_SEARCH.min}..${EF_SEARCH.max}, got ${describe(ef)}`);
  }
  return ef ?? 0;
}

/** A query's rerankK: undefined (0 for the engine: every candidate) or a positive integer. */
export function checkRerankK(rerankK) {
  if (rerankK !== undefined && (!Number.isInteger(rerankK) || rerankK < 1 || rerankK > 0x7fffffff)) {
    throw new TeaVecError('INVALID_ARGUMENT', `options.rerankK must be a positive integer, got ${describe(rerankK)}`);
  }
  return rerankK ?? 0;
}

/** Options objects: undefined or a plain object; returns `{}` for undefined. */
export function checkOptions(options, what) {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new TeaVecError('INVALID_ARGUMENT', `${what} must be an object, got ${describe(options)}`);
  }
  return options;
}
