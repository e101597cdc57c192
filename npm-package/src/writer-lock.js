// One writer per database: the Web Locks API where the runtime has it (browsers and their workers, across
// tabs of an origin), else a lock of this JavaScript realm. Node has no cross-process lock here: a 'file'
// database is opened by one process at a time (docs/database.md). Committed changes reach read-only
// followers over a BroadcastChannel.

/** The lock and channel name of a database: storages are separate namespaces. */
export const channelName = (storage, name) => `teavec-db:${storage}:${name}`;

/**
 * Takes the writer lock of `lockName`. `wait`: true waits until it is free; false returns null at once
 * when another context holds it. Resolves with `release()`.
 */
export function acquireWriterLock(lockName, wait) {
  const locks = globalThis.navigator?.locks ?? inProcessLocks;
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

/**
 * Where the runtime has no Web Locks (Node): the same request() for this JavaScript realm, so that two opens
 * of one name in a process do not both write. (Across processes nothing guards a 'file' database.)
 */
const inProcessLocks = {
  held: new Map(),
  request(name, { ifAvailable }, callback) {
    const previous = this.held.get(name);
    if (previous && ifAvailable) return Promise.resolve(callback(null));
    let done;
    const mine = new Promise((resolve) => { done = resolve; });
    const chained = (previous ?? Promise.resolve()).then(() => mine);
    this.held.set(name, chained);
    return (previous ?? Promise.resolve()).then(() => callback({ name })).finally(() => {
      done();
      if (this.held.get(name) === chained) this.held.delete(name);
    });
  },
};

/** A BroadcastChannel where the runtime has one, else null. */
export function openChannel(name) {
  return typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : null;
}
