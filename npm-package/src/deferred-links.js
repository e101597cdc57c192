// Deferred graph linking for databases and indexes opened by name (docs/database.md, "When a write is
// acknowledged"): a write is stored in the engine (vectors, ids, metadata), logged and flushed, and resolves; its
// HNSW insertion waits. Searches scan the pending ids exactly beside the graph, so a query right after an
// acknowledged write sees it. Pending ids are linked here in idle slices (a setTimeout chain that yields between
// slices and waits while writes keep coming), by the engine itself when more than 1,024 are pending in one index
// (the oldest, synchronously, in the write: wasm-core index/PendingLinks.CAP), and before every snapshot (the
// engine links all in toBytes). Log replay at reopen stores records pending too. Nothing here changes what is durable: the log holds every pending id.

/** Time one idle slice links for before it yields (ms). */
const SLICE_MS = 3;
/** Quiet time after a write before linking starts (ms): a burst of writes is not slowed by slices between them. */
const QUIET_MS = 4;
const LINK_STEP = 16;

export class DeferredLinks {
  #nativesOf;
  #current = () => null;
  #adopted = new WeakSet();
  #timer = null;
  #lastWrite = 0;
  #closed = false;

  /** `nativesOf(state)`: the engine indexes (NativeIndex) a state (a Database or an EdgeVec) holds now. */
  constructor(nativesOf) {
    this.#nativesOf = nativesOf;
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
      native.deferLinking(1);
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
        let pending = native.deferLinking(1);
        while (pending > 0 && performance.now() < deadline) pending = native.advanceBuild(LINK_STEP);
        left += pending;
      }
    } catch {
      // An index freed under us (collection deleted, database closed): the next write or slice sees the new set.
    }
    if (left > 0) this.#schedule(0);
  }
}
