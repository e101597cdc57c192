// Durable single appends in the browser for bench/wal.mjs: TeaVec's log (one ~1.6 KB record per awaited append)
// and the bare floor of each storage (the same bytes, the cheapest durable write the platform offers).
// IndexedDB runs in the page, OPFS in a dedicated worker (wal-worker.js).
import init, { _openLogStorage as openLogStorage } from '/teavec/teavec.js';

const DIMS = 384;

function record(i) {
  const vector = new Float32Array(DIMS);
  for (let d = 0; d < DIMS; d++) vector[d] = Math.sin(i * 31 + d);
  return {
    keys: [`note-${i}`], dimensions: DIMS, vectors: vector,
    metadata: [JSON.stringify({ title: `note ${i}`, tag: 'bench', at: 1700000000000 + i })], documents: null,
  };
}

/**
 * Milliseconds of `n` awaited calls of each of `fns` (after `warm` unmeasured rounds), interleaved call by call so
 * that every contender sees the same moments of a shared, noisy disk.
 */
export async function interleaved(n, warm, fns) {
  const ms = fns.map(() => []);
  for (let i = -warm; i < n; i++) {
    for (let f = 0; f < fns.length; f++) {
      const t = performance.now();
      await fns[f](i);
      if (i >= 0) ms[f].push(performance.now() - t);
    }
  }
  return ms;
}

/** A fresh TeaVec log on `storage`: append(i) upserts one record and resolves once it is durable. */
async function teavecLog(storage, name) {
  await init();
  const s = await openLogStorage(name, { storage });
  await s.recover();
  const w = s.writer();
  return {
    append: (i) => w.writeBatch('upsert', 'notes', record(i)),
    async close(appends) {
      await w.close();
      const log = await (await openLogStorage(name, { storage })).readLog();
      return Math.round(log.segments.reduce((sum, seg) => sum + seg.length, 0) / appends);
    },
  };
}

/** Bare IndexedDB: one strict-durability transaction putting `size` bytes per call. */
export async function bareIndexedDb(name, size) {
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open(name, 1);
    open.onupgradeneeded = () => open.result.createObjectStore('log');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  let key = 0;
  return {
    append: () => new Promise((resolve, reject) => {
      const tx = db.transaction(['log'], 'readwrite', { durability: 'strict' });
      tx.objectStore('log').put(new Uint8Array(size).fill(key & 0xff).buffer, key++);
      tx.oncomplete = resolve;
      tx.onabort = () => reject(tx.error);
    }),
    close: () => db.close(),
  };
}

/** Bare OPFS (dedicated worker): a sync access handle appending `size` bytes and flushing per call. */
export async function bareOpfs(name, size) {
  const root = await navigator.storage.getDirectory();
  const h = await (await root.getFileHandle(name, { create: true })).createSyncAccessHandle();
  h.truncate(0);
  let at = 0;
  const bytes = new Uint8Array(size);
  return {
    append: async () => {
      at += h.write(bytes, { at });
      h.flush();
    },
    close: () => h.close(),
  };
}

/** The main thread's only OPFS write: createWritable (keepExistingData), write at the end, close. */
async function writableOpfs(name, size) {
  const root = await navigator.storage.getDirectory();
  const file = await root.getFileHandle(name, { create: true });
  const bytes = new Uint8Array(size);
  return {
    append: async () => {
      const end = (await file.getFile()).size;
      const w = await file.createWritable({ keepExistingData: true });
      await w.write({ type: 'write', position: end, data: bytes });
      await w.close();
    },
    close: () => {},
  };
}

/** TeaVec's IndexedDB log against bare strict puts of the same size, interleaved (page). */
export async function indexedDbRun(n, warm, size) {
  const log = await teavecLog('indexeddb', 'bench-idb');
  const bare = await bareIndexedDb('bare-idb', size);
  const [teavec, floor] = await interleaved(n, warm, [log.append, bare.append]);
  bare.close();
  return { teavec, floor, recordBytes: await log.close(n + warm) };
}

/** TeaVec's OPFS log against bare sync-handle appends of the same size, interleaved (dedicated worker). */
export async function opfsRun(n, warm, size) {
  const log = await teavecLog('opfs', 'bench-opfs');
  const bare = await bareOpfs('bare-opfs.log', size);
  const [teavec, floor] = await interleaved(n, warm, [log.append, bare.append]);
  bare.close();
  return { teavec, floor, recordBytes: await log.close(n + warm) };
}

/** createWritable appends on the main thread (for reference: what OPFS offers there). */
export async function writableRun(n, warm, size) {
  const w = await writableOpfs('writable.log', size);
  const [ms] = await interleaved(n, warm, [w.append]);
  return { ms };
}
