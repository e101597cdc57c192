// A database opened by name (openDatabase): the collections of src/database.js in memory, every change
// applied there and appended to the write-ahead log in the same turn (src/logged-state.js), its Promise
// resolved once the log holds it durably. docs/database.md describes the whole; docs/format.md the log.
import { Database, FROM_CHECKPOINT, ROWS } from './database.js';
import { TEXT } from './collection.js';
import { PersistentCollection } from './persistent-collection.js';
import { appendRecord, applyRecord, createRecord, dropRecord } from './log-records.js';

/**
 * What the log holds for a database: collection changes and batches (log-records.js), and Database snapshots.
 * `tier`: the database's rerank 'storage' rows (rerank-tier.js), attached to each checkpoint's collections.
 */
const WRITES_VECTORS = new Set(['create-collection', 'add', 'upsert', 'update']);

/** A collection's engine index if its graph links may be deferred (not rerank 'storage'), else null. */
function deferrable(collection) {
  const { native, state } = collection[TEXT]();
  return native && !state.rows ? native : null;
}

export const databaseKind = (tier) => ({
  what: 'database',
  fromCheckpoint(bytes, checkpoint) {
    tier.openCheckpoint(checkpoint);
    // Every log storage verified a CRC-32 over the checkpoint's bytes (memory: they never left the process).
    const db = bytes ? Database[FROM_CHECKPOINT](bytes, true, tier.rowsFor) : new Database();
    db[ROWS](tier.rowsFor);
    try {
      tier.verify(db);
    } catch (e) {
      db.free();
      throw e;
    }
    return db;
  },
  beforeWrite: (db, seq) => tier.beforeCheckpoint(db, seq),
  afterWrite: (plan) => tier.checkpointed(plan),
  prepare: () => tier.prepare(),
  loadCheckpoint: (checkpoint) => tier.loadCheckpoint(checkpoint),
  close: () => tier.close(),
  apply: applyRecord,
  // Graph linking is deferred for every collection's index (deferred-links.js) but rerank 'storage' ones (their
  // tier re-ranks the graph's candidates on rows it reads: not tested with pending records, so they link at once).
  nativesOf: (db) => db.listCollections().map((c) => deferrable(c)).filter((native) => native !== null),
  // The index a record may have created (a collection with dimensions) or given its first / pending ids.
  nativeOf: (db, record) => (WRITES_VECTORS.has(record.op) ? deferrable(db.getCollection(record.collection)) : null),
  append: appendRecord,
  toBytes: (db) => db.toBytes(),
  free: (db) => db.free(),
  // A checkpoint saves the text indexes: one still bytes since the load and made stale by writes (the replay's
  // too) is decoded and brought up to date first, else Database#toBytes would leave it out.
  async beforeCheckpoint(db) {
    const stale = db.listCollections().filter((c) => [...(c[TEXT]().state.text?.indexes.values() ?? [])]
      .some((entry) => !entry.index && !entry.current));
    if (stale.length === 0) return;
    const { settleText } = await import('./collection-text.js');
    for (const collection of stale) await settleText(collection);
  },
});

export class PersistentDatabase {
  #logged;
  #handles = new Map();
  #access;

  /** Made by openDatabase (src/persistent-open.js) around its LoggedState. */
  constructor(logged) {
    this.#logged = logged;
    this.#access = {
      inner: (collection) => this.#memory().getCollection(collection),
      mutate: (apply) => this.#logged.mutate(apply),
      renamed: (from, to, handle) => {
        this.#handles.delete(from);
        this.#handles.set(to, handle);
      },
    };
  }

  get name() { return this.#logged.name; }
  /** The storage chosen: 'indexeddb', 'opfs', 'file' or 'memory'. */
  get storage() { return this.#logged.storage; }
  /** True when another context holds the writer lock and this one follows it (or when opened with readOnly). */
  get readOnly() { return this.#logged.readOnly; }
  /** What reopening found: `{ checkpointSeq, lastSeq, replayed, covered, dropped: [...], segments, skippedCheckpoints }`. */
  get recovery() { return this.#logged.recovery; }
  /** Counters: sequence numbers, writes issued, log bytes appended, checkpoints taken (and the last one's error). */
  get stats() { return this.#logged.stats; }

  /** A new, empty collection (options as Database#createCollection); resolves once durable. */
  createCollection(nameOrOptions, options = undefined) {
    return this.#logged.mutate(() => {
      const created = this.#memory().createCollection(nameOrOptions, options);
      return { result: this.#handle(created.name), record: createRecord(created) };
    });
  }

  /** The collection named so (`{ name }` or the bare name); UNKNOWN_ID if there is none. */
  getCollection(args) {
    return this.#handle(this.#memory().getCollection(args).name);
  }

  /** The existing collection (settings given must match) or a new one, created durably. */
  getOrCreateCollection(nameOrOptions, options = undefined) {
    return this.#logged.mutate(() => {
      const memory = this.#memory();
      // Read-only: only an existing collection can be had (getCollection says UNKNOWN_ID otherwise).
      if (this.readOnly) return { result: this.getCollection(nameOrOptions), record: null };
      const before = memory.countCollections();
      const collection = memory.getOrCreateCollection(nameOrOptions, options);
      const created = memory.countCollections() > before;
      return { result: this.#handle(collection.name), record: created ? createRecord(collection) : null };
    }, { writes: false });
  }

  listCollections() {
    return this.#memory().listCollections().map((c) => this.#handle(c.name));
  }

  countCollections() {
    return this.#memory().countCollections();
  }

  /** Deletes the collection and its records; resolves once durable. */
  deleteCollection(args) {
    return this.#logged.mutate(() => {
      const name = this.#memory().getCollection(args).name;
      this.#memory().deleteCollection(name);
      this.#handles.delete(name);
      return { result: undefined, record: dropRecord(name) };
    });
  }

  /** Checks every collection's index and records (reads everything). */
  checkIntegrity() {
    this.#memory().checkIntegrity();
  }

  /** A snapshot of every collection, as Database#toBytes (Database.fromBytes loads it in memory). */
  toBytes() {
    return this.#memory().toBytes();
  }

  /** Resolves once every change made so far is durable (under relaxed durability: written now). */
  flush() { return this.#logged.flush(); }

  /**
   * Writes a checkpoint of the state after every change made so far and, once it is durable, drops the log
   * before the previous checkpoint. Resolves with `{ generation, seq }`.
   */
  checkpoint() { return this.#logged.checkpoint(); }

  /** Flushes, waits for a running checkpoint, releases the storage and the writer lock. Further calls fail. */
  close() { return this.#logged.close(); }

  async [Symbol.asyncDispose]() {
    await this.close();
  }

  #memory() {
    return this.#logged.state();
  }

  #handle(name) {
    let handle = this.#handles.get(name);
    if (!handle) {
      handle = new PersistentCollection(name, this.#access);
      this.#handles.set(name, handle);
    }
    return handle;
  }
}
