// Drives the IndexedDB snapshot store for the Playwright tests (test/idb-*.test.mjs) through window.idbTest.
// Payloads are a deterministic function of (k, size), so a test can tell exactly which save a load returned
// without moving megabytes between the page and Node.
import init, {
  saveSnapshot, loadSnapshot, listGenerations, deleteSnapshot, requestPersistence, onSnapshotChange, TeaVecError,
} from '/teavec/teavec.js';

const HEADER = 8;

/** Bytes of save number k: [k, size] as two uint32, then xorshift32 words seeded by k and size. */
function payload(k, size) {
  const bytes = new Int8Array(size);
  const words = new Uint32Array(bytes.buffer, 0, size >>> 2);
  let x = (Math.imul(k, 2654435761) ^ size ^ 0x9e3779b9) >>> 0 || 1;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    words[i] = x >>> 0;
  }
  for (let i = words.length * 4; i < size; i++) bytes[i] = i & 0x7f;
  if (size >= HEADER) new DataView(bytes.buffer).setUint32(0, k, true), new DataView(bytes.buffer).setUint32(4, size, true);
  return bytes;
}

/** Which save produced `bytes`, checked byte for byte: { k, size, intact }. */
function identify(bytes) {
  if (bytes.length < HEADER) return { k: -1, size: bytes.length, intact: true };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const k = view.getUint32(0, true);
  const size = view.getUint32(4, true);
  if (size !== bytes.length) return { k, size, intact: false };
  const expected = payload(k, size);
  const a = new Uint32Array(bytes.buffer, bytes.byteOffset, size >>> 2);
  const b = new Uint32Array(expected.buffer, 0, size >>> 2);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return { k, size, intact: false };
  for (let i = a.length * 4; i < size; i++) if (bytes[i] !== expected[i]) return { k, size, intact: false };
  return { k, size, intact: true };
}

/** Size of save k in the crash test; test/idb-crash.test.mjs computes the same. */
function sizeOf(k, minSize, maxSize) {
  return minSize + ((Math.imul(k, 2246822519) >>> 0) % (maxSize - minSize + 1));
}

function errorInfo(e) {
  return { code: e instanceof TeaVecError ? e.code : null, message: String(e?.message ?? e), name: e?.name };
}

function recorder() {
  const calls = [];
  return { calls, onProgress: (done, total) => calls.push([done, total]) };
}

const messages = [];

/** Raw IndexedDB access to the store's database, bypassing TeaVec (to inspect it or damage it on purpose). */
function rawOpen(name) {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(`teavec:${name}`);
    // Never create the database here: an empty one would lack TeaVec's object stores.
    request.onupgradeneeded = () => request.transaction.abort();
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => (request.error?.name === 'AbortError' ? resolve(null) : reject(request.error));
  });
}

function rawRequest(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function rawChange(name, stores, change) {
  const db = await rawOpen(name);
  try {
    const tx = db.transaction(stores, 'readwrite');
    const done = new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onabort = () => reject(tx.error);
    });
    await change(tx);
    await done;
  } finally {
    db.close();
  }
}

const raw = {
  /** { manifests: [generation], chunkGenerations: [generation], chunks: count, meta } or null when absent. */
  async inspect(name) {
    const db = await rawOpen(name);
    if (db === null) return null;
    try {
      const tx = db.transaction(['manifests', 'chunks', 'meta'], 'readonly');
      const manifests = await rawRequest(tx.objectStore('manifests').getAllKeys());
      const chunkKeys = await rawRequest(tx.objectStore('chunks').getAllKeys());
      const next = await rawRequest(tx.objectStore('meta').get('nextGeneration'));
      return { manifests, chunkGenerations: [...new Set(chunkKeys.map((k) => k[0]))], chunks: chunkKeys.length, next };
    } finally {
      db.close();
    }
  },
  /** Damages chunk `index` of `generation`: 'flip' one byte, 'delete' it, 'truncate' it by one byte. */
  corruptChunk(name, generation, index, how) {
    return rawChange(name, ['chunks'], async (tx) => {
      const store = tx.objectStore('chunks');
      const key = [generation, index];
      if (how === 'delete') return store.delete(key);
      const value = await rawRequest(store.get(key));
      const copy = how === 'truncate' ? value.slice(0, value.byteLength - 1) : value.slice(0);
      if (how === 'flip') new Uint8Array(copy)[copy.byteLength >> 1] ^= 0x40;
      return store.put(copy, key);
    });
  },
  /** Replaces the manifest of `generation` with `record` (e.g. a malformed one). */
  putManifest(name, generation, record) {
    return rawChange(name, ['manifests'], (tx) => tx.objectStore('manifests').put(record, generation));
  },
  /** Chunks of a generation that never got its manifest, as a crashed save leaves them. */
  putOrphanChunks(name, generation, count) {
    return rawChange(name, ['chunks'], (tx) => {
      for (let i = 0; i < count; i++) tx.objectStore('chunks').put(new ArrayBuffer(1024), [generation, i]);
    });
  },
};

window.idbTest = {
  ready: init().then(() => true),
  payload,
  identify,
  messages,
  async save(name, k, size, chunkBytes = undefined) {
    const bytes = payload(k, size);
    const progress = recorder();
    const started = performance.now();
    try {
      const result = await saveSnapshot(name, bytes, { onProgress: progress.onProgress, chunkBytes });
      return { ok: true, result, ms: performance.now() - started, progress: progress.calls };
    } catch (e) {
      return { ok: false, error: errorInfo(e), progress: progress.calls };
    }
  },
  /**
   * Like save, but records progress in `state` as it happens (for tests that act mid-save): bytes written in
   * `progress`, and the wall-clock times of the first and the last chunk written in `firstAt` and `lastAt`.
   */
  async saveTracked(name, k, size, chunkBytes, state) {
    const onProgress = (done) => {
      state.progress = done;
      state.firstAt ??= Date.now();
      state.lastAt = Date.now();
    };
    try {
      const result = await saveSnapshot(name, payload(k, size), { chunkBytes, onProgress });
      return { ok: true, result };
    } catch (e) {
      return { ok: false, error: errorInfo(e) };
    }
  },
  async load(name) {
    const progress = recorder();
    const started = performance.now();
    try {
      const loaded = await loadSnapshot(name, { onProgress: progress.onProgress });
      const ms = performance.now() - started;
      if (loaded === null) return { ok: true, empty: true, progress: progress.calls };
      return {
        ok: true, generation: loaded.generation, length: loaded.bytes.length, isInt8: loaded.bytes instanceof Int8Array,
        skipped: [...loaded.skipped], ...identify(loaded.bytes), ms, progress: progress.calls,
      };
    } catch (e) {
      return { ok: false, error: errorInfo(e), progress: progress.calls };
    }
  },
  async list(name) {
    return listGenerations(name);
  },
  async remove(name) {
    try {
      await deleteSnapshot(name);
      return { ok: true };
    } catch (e) {
      return { ok: false, error: errorInfo(e) };
    }
  },
  persist: () => requestPersistence(),
  listen(name) {
    return onSnapshotChange(name, (m) => messages.push(m));
  },
  /** Saves k = from, from+1, ... forever, awaiting window.__ack(k, generation) after each (the crash test). */
  async saveLoop(name, from, minSize, maxSize, chunkBytes) {
    for (let k = from; ; k++) {
      const r = await saveSnapshot(name, payload(k, sizeOf(k, minSize, maxSize)), { chunkBytes });
      await window.__ack(k, r.generation);
    }
  },
  /**
   * Saves payload k for every k in `ks`; after each acknowledged save, loads and checks that what comes back
   * is at least that generation and intact (another page may have saved a newer one meanwhile).
   */
  async writeMany(name, ks, size) {
    const acks = [];
    const violations = [];
    for (const k of ks) {
      const saved = await saveSnapshot(name, payload(k, size));
      acks.push([k, saved.generation]);
      const loaded = await loadSnapshot(name);
      const seen = identify(loaded.bytes);
      if (loaded.generation < saved.generation || !seen.intact) {
        violations.push({ k, generation: saved.generation, loaded: loaded.generation, seen });
      }
    }
    return { acks, violations };
  },
  errorInfo,
  raw,
};
