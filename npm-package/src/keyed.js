// Writes by string id (key), shared by EdgeVec's upsert family and collections. A batch is checked
// whole in JS first (the same rules as the engine), then applied; should the engine still refuse an
// item, the items already applied are undone, so a failed batch leaves the records as they were.
import { TeaVecError, engineError } from './errors.js';
import { checkKey, checkVector, describe } from './validate.js';
import { decodeJson } from './metadata.js';

/**
 * Checks a batch of `{ key, vector, metadata, document }` (metadata already JSON text or null,
 * document a string, null or undefined) against `mode`: 'add' (no key may exist), 'upsert', or
 * 'update' (every key must exist; vector may be undefined). Keys must be unique in the batch.
 */
export function checkBatch(native, items, mode, what) {
  const seen = new Set();
  items.forEach((item, i) => {
    const label = `${what}[${i}]`;
    checkKey(item.key, `${label} id`);
    if (seen.has(item.key)) {
      throw new TeaVecError('DUPLICATE_ID', `id ${JSON.stringify(item.key)} appears twice in one batch`);
    }
    seen.add(item.key);
    if (item.vector !== undefined || mode !== 'update') {
      checkVector(item.vector, native.dimensions, native.metric, `${label} vector`);
    }
    if (item.document !== undefined && item.document !== null && typeof item.document !== 'string') {
      throw new TeaVecError('INVALID_ARGUMENT', `${label} document must be a string or null, got ${describe(item.document)}`);
    }
    const exists = native.idOfKey(item.key) >= 0;
    if (mode === 'add' && exists) {
      throw new TeaVecError('DUPLICATE_ID', `id ${JSON.stringify(item.key)} already exists (use upsert to replace it)`);
    }
    if (mode === 'update' && !exists) {
      throw new TeaVecError('UNKNOWN_ID', `id ${JSON.stringify(item.key)} does not exist (use upsert to create it)`);
    }
  });
}

/** What a key holds now, enough to put it back: null when the key is not live. */
function snapshot(native, key) {
  const id = native.idOfKey(key);
  if (id < 0) return null;
  return { id, vector: native.getVector(id), metadata: native.getMetadata(id), document: native.getDocument(id) };
}

function restore(native, key, before) {
  if (before === null) {
    native.deleteKey(key);
    return;
  }
  native.updateVector(before.id, before.vector);
  native.setMetadata(before.id, before.metadata ?? 'null');
  native.setDocument(before.id, before.document);
}

function applyOne(native, item, mode) {
  const metadata = item.metadata ?? null;
  const document = item.document ?? null;
  if (mode === 'add') return native.add(item.key, item.vector, metadata, document);
  if (mode === 'upsert') return native.upsert(item.key, item.vector, metadata, document);
  const id = native.idOfKey(item.key);
  if (item.vector !== undefined) native.updateVector(id, item.vector);
  if (item.metadata !== undefined && item.metadata !== null) native.setMetadata(id, item.metadata);
  if (item.document !== undefined && item.document !== null) native.setDocument(id, item.document);
  return id;
}

/**
 * Checks, then applies a batch (see checkBatch); returns the numeric ids in batch order. On an engine
 * error midway the applied items are undone before the error is thrown.
 */
export function applyBatch(native, items, mode, what) {
  checkBatch(native, items, mode, what);
  const undo = [];
  const ids = new Uint32Array(items.length);
  try {
    items.forEach((item, i) => {
      undo.push([item.key, mode === 'add' ? null : snapshot(native, item.key)]);
      ids[i] = applyOne(native, item, mode);
    });
  } catch (e) {
    for (let i = undo.length - 1; i >= 0; i--) {
      try {
        restore(native, undo[i][0], undo[i][1]);
      } catch {
        // Keep undoing the others; the original error is the one worth reporting.
      }
    }
    throw engineError(e);
  }
  return ids;
}

/** `{ id, vector, metadata }` for a key, or undefined when it is not live. */
export function getByKey(native, key) {
  const id = native.idOfKey(key);
  if (id < 0) return undefined;
  return { id: key, vector: native.getVector(id), metadata: decodeJson(native.getMetadata(id)) };
}

/** The keys of numeric ids (undefined where an id has none), in one crossing. */
export function keysOf(native, ids) {
  if (ids.length === 0) return [];
  const list = JSON.parse(native.keysOf(ids instanceof Int32Array ? ids : Int32Array.from(ids)));
  return list.map((k) => (k === null ? undefined : k));
}
