// One writer per database: the Web Locks API where the runtime has it (browsers and their workers, across
// tabs of an origin). Node has no cross-process lock here: a 'file' database is opened by one process at a
// time (docs/database.md). Committed changes reach read-only followers over a BroadcastChannel.

/** The lock and channel name of a database: storages are separate namespaces. */
export const channelName = (storage, name) => `teavec-db:${storage}:${name}`;

/**
 * Takes the writer lock of `lockName`. `wait`: true waits until it is free; false returns null at once
 * when another context holds it. Resolves with `release()`; without Web Locks with a no-op.
 */
export function acquireWriterLock(lockName, wait) {
  const locks = globalThis.navigator?.locks;
  if (!locks) return Promise.resolve(() => {});
  return new Promise((resolve, reject) => {
    locks.request(lockName, { ifAvailable: !wait }, (lock) => {
      if (!lock) {
        resolve(null);
        return undefined;
      }
      // Held until the database closes (or the context goes away, which frees it too).
      return new Promise((release) => resolve(release));
    }).catch(reject);
  });
}

/** A BroadcastChannel where the runtime has one, else null. */
export function openChannel(name) {
  return typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : null;
}
