// What an origin's IndexedDB holds, read back value by value: the bytes a library really stored
// (TeaVec's chunks, EdgeVec's file, emscripten IDBFS's file contents), independent of what it reports.
// Browser only.

const done = (request) => new Promise((resolve, reject) => {
  request.onsuccess = () => resolve(request.result);
  request.onerror = () => reject(request.error);
});

/** Payload bytes of a stored value: binary data by length, strings by UTF-16 units × 2, numbers as 8. */
function payloadBytes(value, seen = new Set()) {
  if (value === null || value === undefined) return 0;
  if (value instanceof ArrayBuffer) return value.byteLength;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (typeof Blob !== 'undefined' && value instanceof Blob) return value.size;
  if (typeof value === 'string') return value.length * 2;
  if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return 8;
  if (typeof value !== 'object' || seen.has(value)) return 0;
  seen.add(value);
  let sum = 0;
  for (const v of value instanceof Map ? value.values() : Object.values(value)) sum += payloadBytes(v, seen);
  return sum;
}

async function databaseBytes(name) {
  const db = await done(indexedDB.open(name));
  try {
    const stores = [...db.objectStoreNames];
    const perStore = {};
    for (const store of stores) {
      // One value at a time through a cursor, so a 300 MB store is never all in memory at once.
      perStore[store] = await new Promise((resolve, reject) => {
        let sum = 0;
        const request = db.transaction(store, 'readonly').objectStore(store).openCursor();
        request.onsuccess = () => {
          const cursor = request.result;
          if (!cursor) return resolve(sum);
          sum += payloadBytes(cursor.value);
          cursor.continue();
        };
        request.onerror = () => reject(request.error);
      });
    }
    return perStore;
  } finally {
    db.close();
  }
}

/** { total, databases: { name: { store: bytes } } } over every database of this origin. */
export async function idbBytes() {
  const databases = {};
  let total = 0;
  for (const { name } of await indexedDB.databases()) {
    databases[name] = await databaseBytes(name);
    for (const b of Object.values(databases[name])) total += b;
  }
  return { total, databases };
}

/**
 * Deletes every database of this origin. Call it from a page no library has touched yet: a connection
 * left open (EdgeVec never closes its own) blocks the delete, which then only finishes once that page is gone.
 */
export async function deleteAllDatabases(timeoutMs = 10_000) {
  const names = (await indexedDB.databases()).map((d) => d.name);
  await Promise.all(names.map((name) => new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    const timer = setTimeout(() => reject(new Error(`deleting ${name} stayed blocked for ${timeoutMs / 1000} s`)), timeoutMs);
    request.onsuccess = () => {
      clearTimeout(timer);
      resolve();
    };
    request.onerror = () => {
      clearTimeout(timer);
      reject(request.error);
    };
  })));
  return names;
}

/** navigator.storage.estimate().usage: what Chromium counts against the quota (coarse, and may lag). */
export async function storageUsage() {
  return (await navigator.storage?.estimate?.())?.usage ?? null;
}

/**
 * Opens, writes 1 MB to and deletes a database of its own, so the first library timed in a profile does
 * not also pay IndexedDB's start-up (backing store, first transaction), which the others would not.
 */
export async function warmUpIndexedDb() {
  const name = 'teavec-bench-warm-up';
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => open.result.createObjectStore('s');
  const db = await done(open);
  try {
    const tx = db.transaction('s', 'readwrite', { durability: 'strict' });
    tx.objectStore('s').put(new ArrayBuffer(1_000_000), 1);
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
  await done(indexedDB.deleteDatabase(name));
}
