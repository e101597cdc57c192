// Metadata crosses into the engine as JSON text of one flat object. These checks mirror the engine's
// limits so that a whole batch is refused in JS before any of it is stored, with a message naming
// the record and the key.
import { TeaVecError } from './errors.js';
import { describe } from './validate.js';

export const METADATA_ERROR = 'INVALID_ARGUMENT';
export const MAX_KEYS = 64;
export const MAX_KEY_LENGTH = 256;
export const MAX_STRING_LENGTH = 65536;
export const MAX_ARRAY_LENGTH = 1024;

function fail(what, problem) {
  return new TeaVecError(METADATA_ERROR, `${what}: ${problem}`);
}

/** A plain JS value for a metadata value: EdgeVec's JsMetadataValue-style objects give theirs through toJS(). */
export function plainValue(value) {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && typeof value.toJS === 'function') {
    return value.toJS();
  }
  return value;
}

/** Checks one value (after plainValue) and returns it; `where` names it in the error. */
export function checkValue(value, where) {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw fail(where, `numbers must be finite, got ${value}`);
    return value;
  }
  if (typeof value === 'string') {
    if (value.length > MAX_STRING_LENGTH) {
      throw fail(where, `strings hold at most ${MAX_STRING_LENGTH} characters, got ${value.length}`);
    }
    return value;
  }
  if (Array.isArray(value)) {
    if (value.length > MAX_ARRAY_LENGTH) {
      throw fail(where, `arrays hold at most ${MAX_ARRAY_LENGTH} strings, got ${value.length}`);
    }
    value.forEach((s, i) => {
      if (typeof s !== 'string') throw fail(where, `arrays hold only strings, got ${describe(s)} at index ${i}`);
      if (s.length > MAX_STRING_LENGTH) {
        throw fail(where, `strings hold at most ${MAX_STRING_LENGTH} characters, got ${s.length} at index ${i}`);
      }
    });
    return value;
  }
  throw fail(where, `values are strings, finite numbers, booleans, arrays of strings or null, got ${describe(value)}`);
}

export function checkMetadataKey(key, what) {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw fail(what, `keys are strings of 1..${MAX_KEY_LENGTH} characters, got ${describe(key)}`);
  }
}

function isRecord(value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * JSON text for one metadata record (a flat plain object), or null for null/undefined (no metadata).
 * Keys whose value is undefined are left out, as JSON.stringify does.
 */
export function encodeMetadata(metadata, what = 'metadata') {
  if (metadata === undefined || metadata === null) return null;
  if (!isRecord(metadata)) {
    throw fail(what, `must be a plain object of key → value, got ${describe(metadata)}`);
  }
  // No prototype: a "__proto__" key is then an own property like any other (on a plain {} the
  // assignment would set the prototype instead, and JSON.stringify would drop the key).
  const out = Object.create(null);
  let count = 0;
  for (const key of Object.keys(metadata)) {
    const value = plainValue(metadata[key]);
    if (value === undefined) continue;
    checkMetadataKey(key, what);
    out[key] = checkValue(value, `${what}.${key}`);
    if (++count > MAX_KEYS) throw fail(what, `a record holds at most ${MAX_KEYS} keys`);
  }
  return JSON.stringify(out);
}

/** JSON text for one value (setMetadata's third argument). */
export function encodeValue(value, what) {
  const plain = plainValue(value);
  if (plain === undefined) throw fail(what, 'a value is required (use deleteMetadata to remove a key)');
  return JSON.stringify(checkValue(plain, what));
}

/** The engine's JSON text back as a plain object or value; null/undefined from the engine → undefined. */
export function decodeJson(text) {
  return text === null || text === undefined ? undefined : JSON.parse(text);
}

/**
 * EdgeVec's typed metadata value, kept so that EdgeVec code calling `JsMetadataValue.fromString(...)`
 * runs unchanged. TeaVec's methods take plain values too and return plain values.
 */
export class JsMetadataValue {
  #type;
  #value;

  constructor(type, value) {
    this.#type = type;
    this.#value = value;
  }

  static fromString(value) {
    if (typeof value !== 'string') throw fail('JsMetadataValue.fromString', `expected a string, got ${describe(value)}`);
    return new JsMetadataValue('string', value);
  }

  static fromInteger(value) {
    if (!Number.isSafeInteger(value)) {
      throw fail('JsMetadataValue.fromInteger', `expected a safe integer, got ${describe(value)}`);
    }
    return new JsMetadataValue('integer', value);
  }

  static fromFloat(value) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw fail('JsMetadataValue.fromFloat', `expected a finite number, got ${describe(value)}`);
    }
    return new JsMetadataValue('float', value);
  }

  static fromBoolean(value) {
    if (typeof value !== 'boolean') throw fail('JsMetadataValue.fromBoolean', `expected a boolean, got ${describe(value)}`);
    return new JsMetadataValue('boolean', value);
  }

  static fromStringArray(value) {
    if (!Array.isArray(value) || value.some((s) => typeof s !== 'string')) {
      throw fail('JsMetadataValue.fromStringArray', `expected an array of strings, got ${describe(value)}`);
    }
    return new JsMetadataValue('string_array', [...value]);
  }

  getType() {
    return this.#type;
  }

  toJS() {
    return Array.isArray(this.#value) ? [...this.#value] : this.#value;
  }

  isString() { return this.#type === 'string'; }
  isInteger() { return this.#type === 'integer'; }
  isFloat() { return this.#type === 'float'; }
  isBoolean() { return this.#type === 'boolean'; }
  isStringArray() { return this.#type === 'string_array'; }
  asString() { return this.isString() ? this.#value : undefined; }
  asInteger() { return this.isInteger() ? this.#value : undefined; }
  asFloat() { return this.isFloat() ? this.#value : undefined; }
  asBoolean() { return this.isBoolean() ? this.#value : undefined; }
  asStringArray() { return this.isStringArray() ? this.toJS() : undefined; }
  /** Nothing to free: a plain object, it holds no engine memory. */
  free() {}
}
