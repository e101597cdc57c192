// LangChain Document metadata ↔ a TeaVec metadata record. TeaVec keeps flat records of strings, finite numbers,
// booleans, string arrays and null (src/metadata.js), which its filters read; LangChain documents carry any JSON
// (text splitters add `loc: { lines: { from, to } }`). Values TeaVec takes are stored as they are, so that
// `where` filters see them; any other value is stored as its JSON text and its key listed under JSON_KEYS,
// so that reading the record gives the document's metadata back.
import { TeaVecError } from './errors.js';

/** The reserved metadata key listing the keys stored as JSON text. */
export const JSON_KEYS = 'lc:json';

const isNative = (value) => value === null || typeof value === 'string' || typeof value === 'number'
  || typeof value === 'boolean' || (Array.isArray(value) && value.every((item) => typeof item === 'string'));

/** The TeaVec metadata record for a Document's metadata (`{}` for none); `what` names it in errors. */
export function toRecord(metadata, what) {
  if (metadata === undefined || metadata === null) return {};
  if (typeof metadata !== 'object' || Array.isArray(metadata)) {
    throw new TeaVecError('INVALID_ARGUMENT', `${what} must be an object, got ${Array.isArray(metadata) ? 'an array' : typeof metadata}`);
  }
  const record = {};
  const encoded = [];
  for (const [key, value] of Object.entries(metadata)) {
    if (key === JSON_KEYS) {
      throw new TeaVecError('INVALID_ARGUMENT', `${what}: the key "${JSON_KEYS}" is reserved by TeaVecStore`);
    }
    if (value === undefined) continue;
    if (isNative(value)) {
      record[key] = value;
      continue;
    }
    let text;
    try {
      text = JSON.stringify(value);
    } catch (e) {
      throw new TeaVecError('INVALID_ARGUMENT', `${what}.${key} is neither a TeaVec metadata value nor JSON: ${e.message}`);
    }
    if (text === undefined) continue; // functions and symbols: dropped, as JSON drops them
    record[key] = text;
    encoded.push(key);
  }
  if (encoded.length > 0) record[JSON_KEYS] = encoded;
  return record;
}

/** A Document's metadata from a stored record (null: none). */
export function fromRecord(record) {
  if (record === null || record === undefined) return {};
  const metadata = { ...record };
  const encoded = metadata[JSON_KEYS];
  delete metadata[JSON_KEYS];
  if (Array.isArray(encoded)) {
    for (const key of encoded) {
      if (typeof metadata[key] === 'string') metadata[key] = JSON.parse(metadata[key]);
    }
  }
  return metadata;
}
