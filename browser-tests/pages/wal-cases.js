// Runs one case of the log storage contract (npm-package/test/wal-contract.js) against a browser storage, in
// the page (IndexedDB) or in a dedicated worker (OPFS, whose sync access handles exist only there).
import init, { _openLogStorage as openLogStorage, _logRecords as records } from '/teavec/teavec.js';
import { walContract } from '/npm-test/wal-contract.js';

export const ready = init();

export async function runCase(index, storage, name) {
  await ready;
  const open = (n) => openLogStorage(n, { storage });
  // Quota cases run on an origin whose quota the test made small, so the storage is the ordinary one.
  const env = { open, quota: open, records, damageCheckpoint: storage === 'opfs' ? damageOpfs : damageIdb };
  try {
    await walContract[index].run(env, name);
    return { ok: true };
  } catch (e) {
    return { ok: false, message: `${e?.code ?? ''} ${e?.message ?? e}`, stack: e?.stack };
  }
}

/** Flips a bit of byte `at` of checkpoint `generation`'s snapshot in its OPFS file (after the 32-byte header). */
async function damageOpfs(name, generation, at) {
  const root = await (await navigator.storage.getDirectory()).getDirectoryHandle('teavec-db');
  const dir = await root.getDirectoryHandle(encodeURIComponent(name).replace(/\./g, '%2E'));
  const file = await dir.getFileHandle(`checkpoint-${String(generation).padStart(10, '0')}.tvck`);
  const h = await file.createSyncAccessHandle();
  try {
    const one = new Uint8Array(1);
    h.read(one, { at: 32 + at });
    one[0] ^= 0x10;
    h.write(one, { at: 32 + at });
    h.flush();
  } finally {
    h.close();
  }
}

/** The same in the IndexedDB chunk (4 MiB each, keyed [generation, index]) holding that byte. */
export async function damageIdb(name, generation, at) {
  const CHUNK = 4 << 20;
  const db = await new Promise((resolve, reject) => {
    const r = indexedDB.open(`teavec-db:${name}`);
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  await new Promise((resolve, reject) => {
    const tx = db.transaction('chunks', 'readwrite');
    const store = tx.objectStore('chunks');
    const key = [generation, Math.floor(at / CHUNK)];
    const get = store.get(key);
    get.onsuccess = () => {
      const chunk = new Uint8Array(get.result);
      chunk[at % CHUNK] ^= 0x10;
      store.put(chunk.buffer, key);
    };
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

export const caseNames = walContract.map((c) => ({ name: c.name, needsQuota: !!c.needsQuota }));
