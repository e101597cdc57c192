// Deferred graph linking for databases and indexes opened by name (docs/database.md, "When a write is
// acknowledged"): a write is stored in the engine (vectors, ids, metadata), logged and flushed, and resolves; its
// HNSW insertion waits. Searches scan the pending ids exactly beside the graph, so a query right after an
// acknowledged write sees it. Pending ids are linked here in idle slices (a setTimeout chain that yields between
// slices and waits while writes keep coming), by the engine itself when more than 1,024 are pending in one index
// (the oldest, synchronously, in the write: wasm-core index/PendingLinks.CAP), and before every snapshot (the
// engine links all in toBytes). Log replay at reopen stores records pending too. Nothing here changes what is durable: the log holds every pending id.
//
// The set of indexes is learnt from the changes themselves, never by walking the database on a write: a state (one
// per open, rebuild after a failed write, or a follower's reread) is walked once when it arrives (`adopt`); after
// that each applied record names the one index it may have created or given pending ids (`applied`), so an
// acknowledged write costs the same with 1 collection or 1,000.

/** Time one idle slice links for before it yields (ms). */
const SLICE_MS = 3;
/** Quiet time after a write before linking starts (ms): a burst of writes is not slowed by slices between them. */
const QUIET_MS = 4;
const LINK_STEP = 16;

export class DeferredLinks {
  #nativesOf;
  #nativeOf;
  #current = () => null;
  #adopted = new WeakSet();
  /** Indexes that may hold pending ids: the ones idle slices visit (dropped once linked, freed or deleted). */
  #active = new Set();
  #timer = null;
  #lastWrite = 0;
  #closed = false;

  /**
   * `nativesOf(state)`: the engine indexes (NativeIndex) a state (a Database or an EdgeVec) holds now;
   * `nativeOf(state, record)`: the one index a record just applied to `state` wrote into (null: none, or one that
   * links at once).
   */
  constructor(nativesOf, nativeOf) {
    this.#nativesOf = nativesOf;
    this.#nativeOf = nativeOf;
  }

  /** `current()`: the state in use (a failed write replaces it); idle slices link its indexes. */
  attach(current) {
    this.#current = current;
  }

  /** A state that just arrived (recovered, rebuilt, reread): deferral on for every index it holds. Walks it once. */
  adopt(state) {
    for (const native of this.#nativesOf(state)) this.#defer(native);
  }

  /** After `record` was applied to `state` (a write, a replayed or followed record): its index defers too. */
  applied(state, record) {
    const native = this.#nativeOf(state, record);
    if (native) this.#defer(native);
  }

  /** After a write (or a followed record) was applied to the current state: links wait until writes pause. */
  wrote(record = null) {
    try {
      if (record) this.applied(this.#current(), record);
    } catch {
      // Deferral only saves time: an index it could not reach links at once, and the write goes on.
    }
    this.#lastWrite = performance.now();
    this.#schedule(QUIET_MS);
  }

  /** Ids stored but not linked yet, over every index. */
  get pending() {
    let n = 0;
    // deferLinking(1) again changes nothing and says how many are pending (one export for both).
    for (const native of this.#natives()) n += native.deferLinking(1);
    return n;
  }

  /** Links everything pending now (tests, benchmarks: the deferred CPU counted). */
  linkAll() {
    for (const native of this.#natives()) native.advanceBuild(0x7fffffff);
  }

  close() {
    this.#closed = true;
    clearTimeout(this.#timer);
    this.#timer = null;
    this.#active.clear();
  }

  #defer(native) {
    if (!this.#adopted.has(native)) {
      native.deferLinking(1);
      this.#adopted.add(native);
    }
    this.#active.add(native);
  }

  #natives() {
    try {
      const state = this.#current();
      return state ? this.#nativesOf(state) : [];
    } catch {
      return []; // closed
    }
  }

  #schedule(delay) {
    if (this.#timer !== null || this.#closed) return;
    this.#timer = setTimeout(() => this.#slice(), delay);
    // Node: pending links never keep a process alive (the log holds them).
    this.#timer.unref?.();
  }

  #slice() {
    this.#timer = null;
    if (this.#closed) return;
    const now = performance.now();
    if (now - this.#lastWrite < QUIET_MS) {
      this.#schedule(QUIET_MS - (now - this.#lastWrite));
      return;
    }
    const deadline = now + SLICE_MS;
    for (const native of this.#active) {
      let pending;
      try {
        pending = native.deferLinking(1);
        while (pending > 0 && performance.now() < deadline) pending = native.advanceBuild(LINK_STEP);
      } catch {
        pending = 0; // freed under us (collection deleted, state replaced, database closed): nothing left to link there
      }
      if (pending === 0) this.#active.delete(native);
      if (performance.now() >= deadline) break;
    }
    if (this.#active.size > 0) this.#schedule(0);
  }
}
