// The persistent database's changes as log records, and back. A record has the shape the log's recovery
// hands out (js-bindings wal/RecoveredLog: { seq, op, collection, ... }); the writer sends the same shape to
// the log and, once durable, to read-only followers, so a change is applied by one function whether it
// comes from this tab, the log at reopen, or another tab.
import { TeaVecError } from './errors.js';
import { APPLY, DELETE_KEYS } from './collection.js';
import { RESTORE, collectionJson } from './database.js';

export const createRecord = (collection) => ({
  op: 'create-collection', collection: collection.name, settings: collectionJson(collection),
});

export const dropRecord = (name) => ({ op: 'delete-collection', collection: name });

/** `metadata`: undefined keeps the collection's metadata; null clears it (logged as the JSON text 'null'). */
export const modifyRecord = (name, newName, metadata) => ({
  op: 'modify-collection',
  collection: name,
  newName: newName === undefined || newName === name ? null : newName,
  metadata: metadata === undefined ? null : JSON.stringify(metadata),
});

export const deleteRecord = (name, keys) => ({ op: 'delete', collection: name, keys });

/** A batch `{ mode, items }` (Collection[WRITE]) as one record: vectors end to end, only for items that have one. */
export function batchRecord(name, { mode, items }) {
  const dimensions = items.find((item) => item.vector)?.vector.length ?? 0;
  const hasVector = Int8Array.from(items, (item) => (item.vector ? 1 : 0));
  const vectors = new Float32Array(hasVector.reduce((n, has) => n + has, 0) * dimensions);
  let at = 0;
  for (const item of items) {
    if (item.vector) {
      vectors.set(item.vector, at);
      at += dimensions;
    }
  }
  return {
    op: mode,
    collection: name,
    keys: items.map((item) => item.key),
    dimensions,
    hasVector,
    vectors,
    metadata: items.map((item) => item.metadata ?? null),
    documents: items.map((item) => item.document ?? null),
  };
}

/** The items of a batch record, as Collection[APPLY] takes them. */
function itemsOf(record) {
  let at = 0;
  return record.keys.map((key, i) => {
    let vector;
    if (record.hasVector[i]) {
      vector = record.vectors.subarray(at, at + record.dimensions);
      at += record.dimensions;
    }
    return { key, vector, metadata: record.metadata[i] ?? undefined, document: record.documents[i] ?? undefined };
  });
}

/** Appends `record` to the log through `writer` (src/wal-store.js LogWriter); resolves with its seq once durable. */
export function appendRecord(writer, record) {
  switch (record.op) {
    case 'create-collection': return writer.createCollection(record.collection, record.settings);
    case 'delete-collection': return writer.deleteCollection(record.collection);
    case 'modify-collection':
      return writer.modifyCollection(record.collection, { newName: record.newName, metadataJson: record.metadata });
    case 'delete': return writer.deleteKeys(record.collection, record.keys);
    default: return writer.writeBatch(record.op, record.collection, record);
  }
}

/**
 * Applies a record to the in-memory database `db`. A record the log holds was applied once already, to the
 * same state, so it applies again; if it does not, the log and its checkpoint disagree: CORRUPT_SNAPSHOT.
 */
export function applyRecord(db, record) {
  try {
    switch (record.op) {
      case 'create-collection': db[RESTORE](record.collection, record.settings); break;
      case 'delete-collection': db.deleteCollection(record.collection); break;
      case 'modify-collection':
        db.getCollection(record.collection).modify({
          name: record.newName ?? undefined,
          metadata: record.metadata === null ? undefined : JSON.parse(record.metadata),
        });
        break;
      case 'delete': db.getCollection(record.collection)[DELETE_KEYS](record.keys); break;
      case 'add': case 'upsert': case 'update':
        db.getCollection(record.collection)[APPLY]({ mode: record.op, items: itemsOf(record) });
        break;
      default: throw new Error(`unknown operation ${record.op}`);
    }
  } catch (e) {
    throw new TeaVecError('CORRUPT_SNAPSHOT', `log record ${record.seq} (${record.op} of collection `
      + `${JSON.stringify(record.collection)}) does not apply to the state before it: ${e.message}`);
  }
}
