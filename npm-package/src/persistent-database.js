// A database opened by name (openDatabase): the collections of src/database.js in memory, every change
// applied there and appended to the write-ahead log in the same turn, its Promise resolved once the log
// holds it durably. docs/database.md describes the whole; docs/format.md the log.
import { TeaVecError } from './errors.js';
import { PersistentCollection } from './persistent-collection.js';
import { appendRecord, applyRecord, createRecord, dropRecord } from './log-records.js';

/** Automatic checkpoints: once the log since the last one holds this many bytes, or half that checkpoint's size if larger. */
export const DEFAULT_CHECKPOINT_BYTES = 16 << 20;

export class PersistentDatabase {
  #name;
  #storage;
  #readOnly;
  #session;
  #handles = new Map();
  #closed = false;
  #rebuilding = null;
  #broken = null;
  #checkpointing = null;
  #checkpointError = null;
  #checkpoints = 0;
  #lastCheckpointBytes = 0;
  #checkpointedAt = 0;
  #access;
  #hooks;

  /**
   * Made by openDatabase (src/persistent-open.js). `session`: what `reopen()` (the open's own recovery,
   * run again after a failed write) returns: `{ db, recovery, writer, appliedSeq }`; `hooks`: `{ reopen,
   * close, published(record), checkpointBytes }`.
   */
  constructor(name, storage, readOnly, session, hooks) {
    this.#name = name;
    this.#storage = storage;
    this.#readOnly = readOnly;
    this.#session = session;
    this.#hooks = hooks;
    this.#access = {
      inner: (collection) => this.#memory().getCollection(collection),
      mutate: (apply) => this.#mutate(apply),
      renamed: (from, to, handle) => {
        this.#handles.delete(from);
        this.#handles.set(to, handle);
      },
    };
  }

  get name() { return this.#name; }
  /** The storage chosen: 'indexeddb', 'opfs', 'file' or 'memory'. */
  get storage() { return this.#storage; }
  /** True when another context holds the writer lock and this one follows it (or when opened with readOnly). */
  get readOnly() { return this.#readOnly; }
  /** What reopening found: `{ checkpointSeq, lastSeq, covered, dropped: [...], segments, skippedCheckpoints }`. */
  get recovery() { return this.#session.recovery; }

  /** Counters: sequence numbers, writes issued, log bytes appended, checkpoints taken (and the last one's error). */
  get stats() {
    const w = this.#session.writer;
    return {
      appliedSeq: this.#session.appliedSeq,
      lastSeq: w?.lastSeq ?? this.#session.appliedSeq,
      durableSeq: w?.durableSeq ?? this.#session.appliedSeq,
      generation: w?.generation ?? this.#session.recovery.generation,
      writes: w?.writes ?? 0,
      appendedBytes: w?.appendedBytes ?? 0,
      checkpoints: this.#checkpoints,
      lastCheckpointBytes: this.#lastCheckpointBytes,
      checkpointError: this.#checkpointError,
    };
  }

  /** A new, empty collection (options as Database#createCollection); resolves once durable. */
  createCollection(nameOrOptions, options = undefined) {
    return this.#mutate(() => {
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
    return this.#mutate(() => {
      const memory = this.#memory();
      // Read-only: only an existing collection can be had (getCollection says UNKNOWN_ID otherwise).
      if (this.#readOnly) return { result: this.getCollection(nameOrOptions), record: null };
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
    return this.#mutate(() => {
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
  async flush() {
    this.#checkOpen();
    await this.#rebuilding;
    await this.#session.writer?.flush();
  }

  /**
   * Writes a checkpoint of the state after every change made so far and, once it is durable, drops the log
   * before the previous checkpoint. Resolves with `{ generation, seq }`.
   */
  async checkpoint() {
    this.#checkOpen();
    this.#checkWritable();
    await this.#rebuilding;
    const { writer } = this.#session;
    const snapshot = this.toBytes();
    const startedAt = writer.appendedBytes;
    // The snapshot and the writer's position are taken in one turn: the checkpoint covers exactly the records before it.
    const done = writer.checkpoint(snapshot);
    this.#checkpointing = done.then((result) => {
      this.#checkpoints++;
      this.#lastCheckpointBytes = snapshot.byteLength;
      this.#checkpointedAt = Math.max(this.#checkpointedAt, startedAt);
      return result;
    }).finally(() => { this.#checkpointing = null; });
    return this.#checkpointing;
  }

  /** Flushes, waits for a running checkpoint, releases the storage and the writer lock. Further calls fail. */
  async close() {
    if (this.#closed) return;
    this.#closed = true;
    await this.#rebuilding?.catch(() => {});
    await this.#checkpointing?.catch(() => {});
    try {
      await this.#session.writer?.close();
    } finally {
      this.#session.db.free();
      await this.#hooks.close();
    }
  }

  async [Symbol.asyncDispose]() {
    await this.close();
  }

  /** Applies a record another context made durable (read-only followers); false when it does not follow on. */
  follow(seq, record) {
    if (this.#closed || seq <= this.#session.appliedSeq) return true;
    if (seq !== this.#session.appliedSeq + 1) return false;
    applyRecord(this.#session.db, record);
    this.#session.appliedSeq = seq;
    return true;
  }

  /** Replaces the in-memory state with a newer one read from storage (followers that missed a notice). */
  replaceSession(session) {
    const old = this.#session;
    this.#session = session;
    old.db.free();
  }

  // ---- changes -----------------------------------------------------------------------------------

  /**
   * One change: `apply()` changes memory synchronously (or throws, changing nothing) and returns
   * `{ result, record }`; the record goes to the log in the same turn, and the promise resolves with the
   * result once it is durable. A failed write sends memory back to the durable state (reopen).
   */
  #mutate(apply, { writes = true } = {}) {
    if (this.#rebuilding) return this.#rebuilding.then(() => this.#mutate(apply, { writes }));
    let out;
    try {
      this.#checkOpen();
      if (writes) this.#checkWritable();
      out = apply();
    } catch (e) {
      return Promise.reject(e);
    }
    if (out.record === null) return Promise.resolve(out.result);
    this.#checkWritable();
    const { writer } = this.#session;
    const record = out.record;
    return appendRecord(writer, record).then((seq) => {
      if (this.#session.writer === writer) this.#session.appliedSeq = Math.max(this.#session.appliedSeq, seq);
      this.#hooks.published(seq, record);
      this.#maybeCheckpoint();
      return out.result;
    }, async (error) => {
      // The caller learns of the failure once memory is back at the durable state.
      await this.#recoverFrom(writer);
      throw error;
    });
  }

  /**
   * After a failed write of `writer`: memory holds changes the log does not, so it is rebuilt from the log
   * (once for all the writes that failed together). Resolves when done; if even that fails, the database
   * is broken: every later call rejects with the reason, and it must be opened again.
   */
  #recoverFrom(writer) {
    if (this.#session.writer !== writer) return this.#rebuilding ?? Promise.resolve();
    this.#rebuilding ??= (async () => {
      await writer.close().catch(() => {});
      try {
        const session = await this.#hooks.reopen();
        const old = this.#session;
        this.#session = session;
        old.db.free();
      } catch (e) {
        this.#broken = new TeaVecError('STORAGE_ERROR', `database ${JSON.stringify(this.#name)} could not return to its `
          + `durable state after a failed write (${e?.message ?? e}); open it again`);
      }
    })().finally(() => { this.#rebuilding = null; });
    return this.#rebuilding;
  }

  #maybeCheckpoint() {
    const writer = this.#session.writer;
    if (this.#checkpointing || this.#closed || !writer) return;
    const threshold = Math.max(this.#hooks.checkpointBytes, this.#lastCheckpointBytes / 2);
    if (writer.appendedBytes - this.#checkpointedAt < threshold) return;
    this.checkpoint().then(() => { this.#checkpointError = null; }, (e) => { this.#checkpointError = e; });
  }

  // ---- helpers ----------------------------------------------------------------------------------

  #memory() {
    this.#checkOpen();
    return this.#session.db;
  }

  #handle(name) {
    let handle = this.#handles.get(name);
    if (!handle) {
      handle = new PersistentCollection(name, this.#access);
      this.#handles.set(name, handle);
    }
    return handle;
  }

  #checkOpen() {
    if (this.#broken) throw this.#broken;
    if (this.#closed) {
      throw new TeaVecError('STORAGE_ERROR', `database ${JSON.stringify(this.#name)} is closed; open it again with openDatabase`);
    }
  }

  #checkWritable() {
    if (this.#readOnly) {
      throw new TeaVecError('READ_ONLY', `database ${JSON.stringify(this.#name)} is open read-only: another tab or worker `
        + 'holds its writer lock (or it was opened with readOnly: true); this one follows its changes');
    }
  }
}
