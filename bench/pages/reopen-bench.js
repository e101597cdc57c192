// The browser side of bench/reopen.mjs: build a large database once, then time openDatabase on it next to the
// floor (the same stored bytes merely read back, no decoding). IndexedDB runs in the page, OPFS in a worker.
import init, { openDatabase } from '/teavec/teavec.js';
import { buildForReopen, secondCheckpoint, timeReopen } from '/lib/durable-workload.js';

export async function build(storage, name, config) {
  await init();
  const first = await buildForReopen(openDatabase, name, { storage }, config);
  const second = await secondCheckpoint(openDatabase, name, { storage }, config);
  return { ...first, ...second };
}

/** openDatabase timed, with the phases persistent-open marks (teavec:* measures) when present. */
export async function reopen(storage, name) {
  await init();
  performance.clearMeasures();
  const out = await timeReopen(openDatabase, name, { storage });
  out.phases = Object.fromEntries(performance.getEntriesByType('measure').filter((m) => m.name.startsWith('teavec:'))
    .map((m) => [m.name.slice(7), m.duration]));
  return out;
}

const request = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });

/**
 * The IndexedDB floor: every stored value of database teavec-db:<name> (checkpoint chunks and log) read in one
 * read-only transaction with getAll (the fastest read IndexedDB offers), nothing decoded or checked.
 */
export async function idbFloor(name) {
  const t0 = performance.now();
  const db = await request(indexedDB.open(`teavec-db:${name}`));
  const t1 = performance.now();
  const tx = db.transaction(['manifests', 'chunks', 'log'], 'readonly', { durability: 'relaxed' });
  const manifests = await request(tx.objectStore('manifests').getAll());
  const newest = manifests.length ? Math.max(...manifests.map((m) => m.generation ?? 0)) : 0;
  const [chunks, log] = await Promise.all([
    request(tx.objectStore('chunks').getAll(IDBKeyRange.bound([newest, 0], [newest, Infinity]))),
    request(tx.objectStore('log').getAll()),
  ]);
  const bytes = chunks.reduce((s, b) => s + b.byteLength, 0) + log.reduce((s, b) => s + b.byteLength, 0);
  const ms = performance.now() - t0;
  db.close();
  return { ms, openMs: t1 - t0, bytes, chunks: chunks.length, logValues: log.length, newest, manifests: manifests.length };
}

/**
 * The OPFS floor: what a reopen reads, read whole through sync access handles (workers only): the newest
 * checkpoint file and every log segment of teavec-db/<name> (older checkpoints are kept as fallbacks, unread).
 */
export async function opfsFloor(name) {
  const t0 = performance.now();
  const root = await (await navigator.storage.getDirectory()).getDirectoryHandle('teavec-db');
  let dir = null;
  for await (const [entry, handle] of root.entries()) if (handle.kind === 'directory' && decodeURIComponent(entry).includes(name)) dir = handle;
  let bytes = 0;
  const files = [];
  const entries = [];
  for await (const [entry, handle] of dir.entries()) if (handle.kind === 'file') entries.push([entry, handle]);
  const checkpoints = entries.map(([e]) => e).filter((e) => e.startsWith('checkpoint')).sort();
  for (const [entry, handle] of entries) {
    if (entry.startsWith('checkpoint') && entry !== checkpoints.at(-1)) continue;
    const h = await handle.createSyncAccessHandle();
    const size = h.getSize();
    const buf = new Uint8Array(size);
    h.read(buf, { at: 0 });
    h.close();
    bytes += size;
    files.push([entry, size]);
  }
  return { ms: performance.now() - t0, bytes, files };
}

export async function exists(storage, name) {
  if (storage === 'indexeddb') return (await indexedDB.databases()).some((d) => d.name === `teavec-db:${name}`);
  try {
    const root = await (await navigator.storage.getDirectory()).getDirectoryHandle('teavec-db');
    for await (const [entry] of root.entries()) if (decodeURIComponent(entry).includes(name)) return true;
  } catch { /* none */ }
  return false;
}
