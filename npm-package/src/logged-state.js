// What a database and an index opened by name share: an in-memory state (a Database or an EdgeVec) whose
// every change is applied in memory and appended to the write-ahead log in the same turn, its Promise
// resolved once the log holds it durably; recovery from storage after a failed write; checkpoints; close.
import { TeaVecError } from './errors.js';

/** Automatic checkpoints: once the log since the last one holds this many bytes, or half that checkpoint's size if larger. */
export const DEFAULT_CHECKPOINT_BYTES = 16 << 20;

export class LoggedState {
  #name;
  #storage;
  #readOnly;
  #session;
  #hooks;
  #closed = false;
  #rebuilding = null;
  #broken = null;
  #checkpointing = null;
  #preparing = 0;
  #checkpointError = null;
  #checkpoints = 0;
  #lastCheckpointBytes = 0;
  #checkpointedAt = 0;

  /**
   * Made by persistent-open.js. `session`: `{ state, recovery, writer, appliedSeq }`, as `hooks.reopen()`
   * returns it too (the open's recovery, run again after a failed write). `hooks`: `{ reopen, close,
   * published(seq, record), checkpointBytes, applied?(record) (after a change applied in memory: written or followed), pendingLinks?(), kind }`; `kind`: `{ what, apply(state, record), append(writer,
   * record), toBytes(state), free(state), beforeCheckpoint?(state), beforeWrite?(state, seq) (synchronous, in the
   * snapshot's turn), afterWrite?(what beforeWrite returned) (once the checkpoint is durable) }`.
   */
  constructor(name, storage, readOnly, session, hooks) {
    this.#name = name;
    this.#storage = storage;
    this.#readOnly = readOnly;
    this.#session = session;
    this.#hooks = hooks;
  }

  get name() { return this.#name; }
  get storage() { return this.#storage; }
  get readOnly() { return this.#readOnly; }
  get recovery() { return this.#session.recovery; }

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
      // Ids stored and logged but not linked into their HNSW graph yet (deferred-links.js).
      pendingLinks: this.#closed ? 0 : this.#hooks.pendingLinks?.() ?? 0,
    };
  }

  /** The in-memory state now (it is replaced after a failed write); STORAGE_ERROR once closed. */
  state() {
    this.#checkOpen();
    return this.#session.state;
  }

  /**
   * One change: `apply()` changes memory synchronously (or throws, changing nothing) and returns
   * `{ result, record }` (record null: nothing to log); the record goes to the log in the same turn and the
   * promise resolves with the result once it is durable. A failed write sends memory back to the durable
   * state before its promise rejects. `writes: false`: a read-only database may run it (it logs nothing there).
   */
  mutate(apply, { writes = true } = {}) {
    if (this.#rebuilding) return this.#rebuilding.then(() => this.mutate(apply, { writes }));
    let out;
    try {
      this.#checkOpen();
      if (writes) this.checkWritable();
      out = apply();
    } catch (e) {
      return Promise.reject(e);
    }
    const { writer } = this.#session;
    // A change that changed nothing (a delete that matched nothing) still answers from a state that may hold
    // changes not yet durable: like any other it resolves once everything before it is durable.
    if (out.record === null) return writer && !this.readOnly ? writer.flush().then(() => out.result) : Promise.resolve(out.result);
    const record = out.record;
    this.#hooks.applied?.(record);
    return this.#hooks.kind.append(writer, record).then((seq) => {
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

  async flush() {
    this.#checkOpen();
    await this.#rebuilding;
    await this.#session.writer?.flush();
  }

  /** A checkpoint of the state after every change so far; resolves with `{ generation, seq }` once durable. */
  async checkpoint() {
    this.#checkOpen();
    this.checkWritable();
    await this.#rebuilding;
    // What the snapshot needs loaded first (a database's stale text indexes); the snapshot itself is taken below, in one turn.
    this.#preparing++;
    try {
      await this.#hooks.kind.beforeCheckpoint?.(this.#session.state);
    } finally {
      this.#preparing--;
    }
    this.#checkOpen();
    const { writer, state } = this.#session;
    const snapshot = this.#hooks.kind.toBytes(state);
    const startedAt = writer.appendedBytes;
    // What must be durable before the checkpoint is (rerank 'storage' rows), written in the same turn.
    const beside = this.#hooks.kind.beforeWrite?.(state, writer.lastSeq);
    // The snapshot and the writer's position are taken in one turn: the checkpoint covers exactly the records before it.
    // Rows written asynchronously (IndexedDB) are durable before the checkpoint is stored, never after.
    const done = writer.checkpoint(snapshot, beside?.written ?? null);
    this.#checkpointing = done.then(async (result) => {
      await this.#hooks.kind.afterWrite?.(beside);
      this.#checkpoints++;
      this.#lastCheckpointBytes = snapshot.byteLength;
      this.#checkpointedAt = Math.max(this.#checkpointedAt, startedAt);
      return result;
    }).finally(() => { this.#checkpointing = null; });
    return this.#checkpointing;
  }

  async close() {
    if (this.#closed) return;
    this.#closed = true;
    await this.#rebuilding?.catch(() => {});
    await this.#checkpointing?.catch(() => {});
    try {
      await this.#session.writer?.close();
    } finally {
      this.#hooks.kind.free(this.#session.state);
      this.#hooks.kind.close?.();
      await this.#hooks.close();
    }
  }

  /** Applies a record another context made durable (followers); false when it does not follow on. */
  follow(seq, record) {
    if (this.#closed || seq <= this.#session.appliedSeq) return true;
    if (seq !== this.#session.appliedSeq + 1) return false;
    this.#hooks.kind.apply(this.#session.state, record);
    this.#session.appliedSeq = seq;
    // A follower defers graph links like its writer, and links them in its own idle slices.
    this.#hooks.applied?.(record);
    return true;
  }

  /** Replaces the in-memory state with a newer one read from storage (followers that missed a notice). */
  replaceSession(session) {
    if (this.#closed) {
      this.#hooks.kind.free(session.state);
      return;
    }
    const old = this.#session;
    this.#session = session;
    this.#hooks.kind.free(old.state);
  }

  checkWritable() {
    if (this.#readOnly) {
      throw new TeaVecError('READ_ONLY', `${this.#hooks.kind.what} ${JSON.stringify(this.#name)} is open read-only: another `
        + 'tab or worker holds its writer lock (or it was opened with readOnly: true); this one follows its changes');
    }
  }

  /**
   * After a failed write of `writer`: memory holds changes the log does not, so it is rebuilt from the log
   * (once for all the writes that failed together). Resolves when done; if even that fails, every later
   * call rejects with the reason, and it must be opened again.
   */
  #recoverFrom(writer) {
    if (this.#session.writer !== writer) return this.#rebuilding ?? Promise.resolve();
    this.#rebuilding ??= (async () => {
      await writer.close().catch(() => {});
      try {
        const session = await this.#hooks.reopen();
        const old = this.#session;
        this.#session = session;
        this.#hooks.kind.free(old.state);
      } catch (e) {
        this.#broken = new TeaVecError('STORAGE_ERROR', `${this.#hooks.kind.what} ${JSON.stringify(this.#name)} could not `
          + `return to its durable state after a failed write (${e?.message ?? e}); open it again`);
      }
    })().finally(() => { this.#rebuilding = null; });
    return this.#rebuilding;
  }

  #maybeCheckpoint() {
    const writer = this.#session.writer;
    if (this.#checkpointing || this.#preparing > 0 || this.#closed || !writer) return;
    const threshold = Math.max(this.#hooks.checkpointBytes, this.#lastCheckpointBytes / 2);
    if (writer.appendedBytes - this.#checkpointedAt < threshold) return;
    this.checkpoint().then(() => { this.#checkpointError = null; }, (e) => { this.#checkpointError = e; });
  }

  #checkOpen() {
    if (this.#broken) throw this.#broken;
    if (this.#closed) {
      throw new TeaVecError('STORAGE_ERROR', `${this.#hooks.kind.what} ${JSON.stringify(this.#name)} is closed; open it again`);
    }
  }
}
