// Crash-safe storage of snapshot bytes in IndexedDB: thin promise functions over the engine's Java
// IdbSnapshotStore (docs/indexeddb.md). Loaded on first use through src/snapshot-store.js.
import { TeaVecError, engineError } from './errors.js';
import { snapshotStore, checkName } from './snapshot-store.js';

async function call(fn) {
  try {
    return await fn(snapshotStore());
  } catch (e) {
    throw engineError(e);
  }
}

function toInt8Array(bytes) {
  if (bytes instanceof Int8Array) return bytes;
  if (ArrayBuffer.isView(bytes)) return new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes instanceof ArrayBuffer) return new Int8Array(bytes);
  throw new TeaVecError('INVALID_ARGUMENT', 'bytes must be an ArrayBuffer or a typed array');
}

function progressOf(options) {
  const onProgress = options?.onProgress;
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new TeaVecError('INVALID_ARGUMENT', 'options.onProgress must be a function');
  }
  return onProgress ?? null;
}

/**
 * Saves `bytes` as a new generation of `name`: chunks first, the manifest last in a strict transaction, under
 * the name's Web Lock. Resolves with { generation, bytes, chunks, chunkBytes, crc32 } once it is on disk.
 * options: { onProgress(doneBytes, totalBytes), chunkBytes (default 4 MiB) }.
 */
export function saveSnapshot(name, bytes, options = undefined) {
  return call(async (s) => {
    checkName(name);
    const data = toInt8Array(bytes);
    const chunkBytes = options?.chunkBytes ?? 0;
    if (!Number.isInteger(chunkBytes)) {
      throw new TeaVecError('INVALID_ARGUMENT', 'options.chunkBytes must be an integer');
    }
    return s.saveSnapshot(name, data, chunkBytes, progressOf(options));
  });
}

/**
 * The newest saved generation of `name` whose checksums verify (older ones are tried when newer ones fail):
 * { generation, bytes: Int8Array, skipped: [generations that failed] }, or null when nothing is saved.
 * Rejects with CORRUPT_SNAPSHOT when generations exist but none verifies, and with STORAGE_LOST when the browser
 * reported that it discarded this site's IndexedDB (Chromium, after damaged LevelDB files; docs/indexeddb.md) until
 * a new save or deleteSnapshot. options: { onProgress }.
 */
export function loadSnapshot(name, options = undefined) {
  return call(async (s) => {
    checkName(name);
    return s.loadSnapshot(name, progressOf(options));
  });
}

/** What the saved manifests of `name` claim, newest first: [{ generation, bytes, chunks, crc32, savedAt }]. */
export function listGenerations(name) {
  return call(async (s) => {
    checkName(name);
    return [...(await s.listGenerations(name))];
  });
}

/** Deletes every saved generation of `name`. */
export function deleteSnapshot(name) {
  return call(async (s) => {
    checkName(name);
    await s.deleteSnapshot(name);
  });
}

/** Asks the browser not to evict this origin's storage (navigator.storage.persist()); resolves true if granted. */
export function requestPersistence() {
  return call(async (s) => s.requestPersistence());
}
