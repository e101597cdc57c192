// openDatabase's code (and the log's own teavec-wal.wasm) loads on first use: an app that never opens a
// database by name does not download it (the core bundle's budget, README "Size").

/**
 * Opens, or creates, the database `name`: collections whose every change resolves once durable
 * (docs/database.md). options: storage ('auto' | 'indexeddb' | 'opfs' | 'file' | 'memory'), durability
 * ('strict' | 'relaxed'), flushIntervalMs, checkpointBytes, onLocked ('wait' | 'readonly'), readOnly.
 */
export async function openDatabase(name, options = undefined) {
  const { open } = await import('./persistent-open.js');
  return open(name, options);
}

// Internal, for tests only: the log's storages and record encoders (src/wal-store.js). Not a public API.
export async function _openLogStorage(name, options = undefined) {
  return (await import('./wal-store.js')).openLogStorage(name, options);
}

export const _logRecords = {
  segmentStart: async (seq, generation) => (await import('./wal-store.js')).logRecords.segmentStart(seq, generation),
  delete: async (seq, collection, keys) => (await import('./wal-store.js')).logRecords.delete(seq, collection, keys),
};
