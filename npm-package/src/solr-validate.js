// Checks at SolrCollection's boundary, with the messages and codes local collections give. Written here
// rather than taken from the core's internals, which teavec/solr does not import (only its public API).
import { TeaVecError } from './errors.js';
import { checkTerm } from './solr-layout.js';
import { describe } from './describe.js';

export { describe };

export const invalid = (message) => new TeaVecError('INVALID_ARGUMENT', message);
export const isRecord = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && !ArrayBuffer.isView(v);
export const isVector = (v) => v instanceof Float32Array || (Array.isArray(v) && v.length > 0 && typeof v[0] === 'number');

export function options(args, what) {
  if (args === undefined) return {};
  if (!isRecord(args)) throw invalid(`${what} must be an object, got ${describe(args)}`);
  return args;
}

/** A single item or a list of them (Chroma accepts both). */
export function listOf(value, isItem, what) {
  const list = isItem(value) ? [value] : value;
  if (!Array.isArray(list)) throw invalid(`${what} must be an array, got ${describe(value)}`);
  return list;
}

export function checkIds(ids, what = 'ids') {
  const list = listOf(ids, (v) => typeof v === 'string', what);
  list.forEach((id, i) => {
    if (typeof id !== 'string' || id.length === 0) throw invalid(`${what}[${i}] must be a non-empty string, got ${describe(id)}`);
    checkTerm(id, `${what}[${i}]`);
  });
  return list;
}

export function checkInclude(include, defaults, allowed) {
  if (include === undefined) return defaults;
  if (!Array.isArray(include)) throw invalid(`include must be an array, got ${describe(include)}`);
  for (const item of include) {
    if (!allowed.includes(item)) throw invalid(`include takes ${allowed.map((a) => `'${a}'`).join(', ')}, got ${describe(item)}`);
  }
  return [...new Set(include)];
}

export function checkEfSearch(value, code) {
  if (!Number.isInteger(value) || value < 1 || value > 0x7fffffff) {
    throw new TeaVecError(code, `efSearch must be a positive integer, got ${describe(value)}`);
  }
  return value;
}

export function checkCount(name, value, fallback) {
  if (value === undefined || value === null) return fallback;
  if (!Number.isInteger(value) || value < 0 || value > 0x7fffffff) throw invalid(`${name} must be a non-negative integer, got ${describe(value)}`);
  return value;
}

export function toFloat32(v, what) {
  if (!(v instanceof Float32Array) && !Array.isArray(v) && !ArrayBuffer.isView(v)) {
    throw new TeaVecError('INVALID_VECTOR', `${what} must be a Float32Array or an array of numbers, got ${describe(v)}`);
  }
  const out = v instanceof Float32Array ? v : Float32Array.from(v, (x, i) => {
    if (typeof x !== 'number') throw new TeaVecError('INVALID_VECTOR', `${what} must hold numbers, got ${describe(x)} at index ${i}`);
    return x;
  });
  return out;
}

export function checkVector(v, info, what) {
  if (v.length !== info.dimensions) {
    throw new TeaVecError('DIMENSION_MISMATCH', `${what} must have ${info.dimensions} dimensions, got ${v.length}`);
  }
  let nonZero = false;
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i])) throw new TeaVecError('INVALID_VECTOR', `${what} must contain only finite numbers, got ${v[i]} at index ${i}`);
    if (v[i] !== 0) nonZero = true;
  }
  if (!nonZero && info.metric === 'cosine') {
    throw new TeaVecError('INVALID_VECTOR', `${what} must not be the zero vector under cosine: it has no direction`);
  }
}

/** A metadata record as plain values (EdgeVec's JsMetadataValue gives its value through toJS()); null for none. */
export function plainMetadata(metadata, what) {
  if (!isRecord(metadata)) throw invalid(`${what} must be a plain object of key → value, got ${describe(metadata)}`);
  const out = {};
  for (const key of Object.keys(metadata)) {
    let value = metadata[key];
    if (isRecord(value) && typeof value.toJS === 'function') value = value.toJS();
    if (value === undefined) continue;
    const ok = value === null || typeof value === 'string' || typeof value === 'boolean'
      || (typeof value === 'number' && Number.isFinite(value))
      || (Array.isArray(value) && value.every((s) => typeof s === 'string'));
    if (!ok) throw invalid(`${what}.${key}: values are strings, finite numbers, booleans, arrays of strings or null, got ${describe(value)}`);
    out[key] = Array.isArray(value) ? [...value] : value;
  }
  return out;
}

/** The embedding function's vectors for texts: Chroma's `{ generate(texts) }` or a plain async function. */
export async function embed(fn, texts, what) {
  if (!fn) throw invalid(`${what} needs an embeddingFunction (give one to new SolrCollection({ embeddingFunction }))`);
  const vectors = await (typeof fn === 'function' ? fn(texts) : fn.generate(texts));
  if (!Array.isArray(vectors) || vectors.length !== texts.length) {
    throw invalid(`the embeddingFunction must return one embedding per text (${texts.length}), got ${describe(vectors)}`);
  }
  return vectors;
}
