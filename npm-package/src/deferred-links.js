// Deferred graph linking for databases and indexes opened by name (docs/database.md, "When a write is
// acknowledged"): a write is stored in the engine (vectors, ids, metadata), logged and flushed, and resolves; its
// HNSW insertion waits. Searches scan the pending ids exactly beside the graph, so a query right after an
// acknowledged write sees it. Pending ids are linked here in idle slices (a setTimeout chain that yields between
// slices and waits while writes keep coming), by the engine itself when more than the cap are pending (the
// oldest, synchronously, in the write), and before every snapshot (the engine links all in toBytes). Log replay
// at reopen stores records pending too. Nothing here changes what is durable: the log holds every pending id.

/**
 * Ids left pending per index before a write links the oldest itself. Each search scans the pending ids
 * exactly: at 384 dimensions 1,024 float32 vectors cost about what the graph search costs (bench/durable-write.mjs).
 */
export const DEFAULT_LINK_CAP = 1024;
/** Time one idle slice links for before it yields (ms). */
const SLICE_MS = 3;
/** Quiet time after a write before linking starts (ms): a burst of writes is not slowed by slices between them. */
const QUIET_MS = 4;
const LINK_STEP = 16;

export class DeferredLinks {
  #nativesOf;
  #current = () => null;
  #cap;
  #adopted = new WeakSet();
  #timer = null;
  #lastWrite = 0;
  #closed = false;

  /** `nativesOf(state)`: the engine indexes (NativeIndex) a state (a Database or an EdgeVec) holds now. */
  constructor(nativesOf, cap = DEFAULT_LINK_CAP) {
    this.#nativesOf = nativesOf;
    this.#cap = cap;
  }

  /** `current()`: the state in use (a failed write replaces it); idle slices link its indexes. */
  attach(current) {
    this.#current = current;
  }

  /** Turns deferral on for indexes of `state` not seen yet (new collections, a state rebuilt after a failed write). */
  adopt(state = this.#current()) {
    if (!state) return;
    for (const native of this.#nativesOf(state)) {
      if (this.#adopted.has(native)) continue;
      native.deferLinking(this.#cap);
      this.#adopted.add(native);
    }
  }

  /** After a write: links wait until writes pause. */
  wrote() {
    this.adopt();
    this.#lastWrite = performance.now();
    this.#schedule(QUIET_MS);
  }

  /** Ids stored but not linked yet, over every index. */
  get pending() {
    let n = 0;
    // deferLinking with the cap it has already changes nothing and says how many are pending (one export for both).
    for (const native of this.#natives()) n += native.deferLinking(this.#cap);
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
    let left = 0;
    try {
      for (const native of this.#natives()) {
        let pending = native.deferLinking(this.#cap);
        while (pending > 0 && performance.now() < deadline) pending = native.advanceBuild(LINK_STEP);
        left += pending;
      }
    } catch {
      // An index freed under us (collection deleted, database closed): the next write or slice sees the new set.
    }
    if (left > 0) this.#schedule(0);
  }
}
