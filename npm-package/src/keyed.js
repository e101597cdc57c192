// Writes by string id (key), shared by EdgeVec's upsert family and collections. A batch crosses into the
// engine in one call (NativeIndex.writeBatch → dev.teavec.core.db.KeyedBatch), which checks all of it
// before applying any of it: a refused batch leaves no tombstone, spends no id and keeps every vector.
import { TeaVecError } from './errors.js';
import { checkKey, checkVectorType, describe } from './validate.js';
import { decodeJson } from './metadata.js';
import { checkBatchSize } from './batch.js';

/**
 * Applies a batch of `{ key, vector, metadata, document }` (metadata already JSON text or null, document
 * a string, null or undefined) in `mode`: 'add' (no key may exist), 'upsert', or 'update' (every key
 * must exist; the vectors may all be left out). Null metadata or document keeps what an existing key
 * has. `label` names the batch in messages ('items' → "items[2] vector ..."). Returns the numeric ids
 * in batch order, as a Uint32Array.
 */
export function applyBatch(native, items, mode, label) {
  const dims = native.dimensions;
  const withVectors = mode !== 'update' || items.some((item) => item.vector !== undefined);
  checkBatchSize(withVectors ? items.length * dims : 0);
  const vectors = new Float32Array(withVectors ? items.length * dims : 0);
  const keys = new Array(items.length);
  let metadatas = null;
  let documents = null;
  items.forEach((item, i) => {
    // Checked here only what JSON or a flat array would lose: the engine checks the rest, naming the item.
    checkKey(item.key, `${label}[${i}] id`);
    keys[i] = item.key;
    if (withVectors) {
      checkVectorType(item.vector, `${label}[${i}] vector`);
      if (item.vector.length !== dims) {
        throw new TeaVecError('DIMENSION_MISMATCH', `${label}[${i}] vector must have ${dims} dimensions, got ${item.vector.length}`);
      }
      vectors.set(item.vector, i * dims);
    }
    if (item.metadata !== undefined && item.metadata !== null) {
      metadatas ??= new Array(items.length).fill('null');
      metadatas[i] = item.metadata;
    }
    if (item.document !== undefined && item.document !== null) {
      if (typeof item.document !== 'string') {
        throw new TeaVecError('INVALID_ARGUMENT', `${label}[${i}] document must be a string or null, got ${describe(item.document)}`);
      }
      documents ??= new Array(items.length).fill(null);
      documents[i] = item.document;
    }
  });
  const batch = `{"mode":${JSON.stringify(mode)},"label":${JSON.stringify(label)},"ids":${JSON.stringify(keys)},`
    + `"metadatas":${metadatas === null ? 'null' : `[${metadatas.join(',')}]`},"documents":${JSON.stringify(documents)}}`;
  return native.writeBatch(batch, vectors);
}

/** `{ id, vector, metadata }` for a key, or undefined when it is not live. */
export function getByKey(native, key) {
  const id = native.idOfKey(key);
  if (id === undefined) return undefined;
  return { id: key, vector: native.getVector(id), metadata: decodeJson(native.getMetadata(id)) };
}

/** The keys of numeric ids (undefined where an id has none), in one crossing. */
export function keysOf(native, ids) {
  if (ids.length === 0) return [];
  const list = JSON.parse(native.keysOf(ids instanceof Int32Array ? ids : Int32Array.from(ids)));
  return list.map((k) => (k === null ? undefined : k));
}
