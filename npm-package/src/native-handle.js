// Who frees an engine index. With the SIMD kernels an engine index keeps its vectors and kernel
// scratch in Wasm linear memory, which no garbage collector reclaims: it is returned only by the
// index's own free(). So every engine index has exactly one owner, the JS object that made or loaded
// it, and the owner frees it once: on its free() (EdgeVec), deleteCollection or Database#free, or
// when the owner is garbage-collected (the registry below).
//
// Ownership rule: an EdgeVec owns the index it created or loaded (new EdgeVec, fromBytes, load); a
// Collection owns its index, and its Database owns the Collection (it holds it, and frees it in
// deleteCollection and free()). The registry watches the EdgeVec or the Collection, not the Database:
// a Collection still in use after its Database became unreachable keeps its index. Nothing else may
// keep an engine index past its owner (Database#toBytes only borrows them for the call).
import { TeaVecError } from './errors.js';

// The held value is the handle, never the owner: the registry holds it strongly, and a handle that
// led back to its owner would keep the owner reachable for ever. FinalizationRegistry is missing only
// on runtimes older than those Wasm GC needs; there free() is the only way.
const registry = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry((handle) => handle.release())
  : null;

/** The engine index (or none yet) of one owner, usable until released. */
export class NativeHandle {
  #native;
  #released = false;
  #freedMessage;

  /** `freedMessage`: what INDEX_FREED says once released, naming the owner and how it was freed. */
  constructor(native, freedMessage) {
    this.#native = native;
    this.#freedMessage = freedMessage;
  }

  /** The engine index (null while a collection has none); INDEX_FREED once released. */
  get native() {
    this.check();
    return this.#native;
  }

  /** Gives the owner its (first) engine index. */
  set native(native) {
    this.check();
    this.#native = native;
  }

  get released() { return this.#released; }

  check() {
    if (this.#released) {
      throw new TeaVecError('INDEX_FREED', this.#freedMessage);
    }
  }

  /** Returns the engine index's memory; again is a no-op. */
  release() {
    if (this.#released) return;
    this.#released = true;
    const native = this.#native;
    this.#native = null;
    native?.free();
  }
}

/** Frees `handle`'s engine index when `owner` is garbage-collected, unless `release` comes first. */
export function watchOwner(owner, handle) {
  registry?.register(owner, handle, handle);
}

/** Releases now, and stops watching the owner (its handle is gone: nothing left to do later). */
export function release(handle) {
  registry?.unregister(handle);
  handle.release();
}
