// The rows files of rerank: 'storage' (rerank-rows-file.js, same layout byte for byte) kept in IndexedDB, for
// storage 'indexeddb': each rows file is a run of CHUNK-byte chunks keyed [seq, index] plus a `files` record
// keyed seq, all written in one transaction with durability 'strict' (whole or absent). IndexedDB reads are
// asynchronous while the rows code reads synchronously, so a synchronous read finds its chunks cached:
// - queries and gets (CollectionRows#read) know the rows they need before reading them (the candidates come from
//   the codes): inside `holding(fn)` they fetch those rows' chunks (an open file's `fetch(ranges)`, one
//   transaction) and then read them, the engine work done once;
// - reads that learn where to read by reading (a rows file's header and table, a checkpoint copying the old rows)
//   go through `settle(fn)`: `fn` runs against the chunks cached (a chunk not cached reads as zeros and is noted),
//   the noted chunks are fetched, and `fn` runs again; only the last run's answer counts.
// docs/database.md "Re-ranking from storage".
import { TeaVecError } from './errors.js';

/** Bytes per chunk: a query touches about one chunk per candidate, so a chunk stays near a few rows. */
export const CHUNK = 16 * 1024;
const PREFIX = 'rerank-';
const SUFFIX = '.tvrr';
const nameOf = (seq) => `${PREFIX}${String(seq).padStart(16, '0')}${SUFFIX}`;
const seqOf = (name) => Number(name.slice(PREFIX.length, -SUFFIX.length));
const dbName = (name) => `teavec-rerank:${name}`;

const failed = (what, e) => new TeaVecError('STORAGE_ERROR', `IndexedDB re-ranking rows: ${what} failed (${e?.message ?? e})`);

const done = (request) => new Promise((resolve, reject) => {
  request.onsuccess = () => resolve(request.result);
  request.onerror = () => reject(request.error);
});
const committed = (tx) => new Promise((resolve, reject) => {
  tx.oncomplete = () => resolve();
  tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  tx.onerror = () => reject(tx.error);
});

/** Opens (creating) the rows database of database `name` and reads which rows files it holds. */
export async function idbRowFiles(name, factory = globalThis.indexedDB) {
  let db;
  try {
    const request = factory.open(dbName(name), 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore('files');
      request.result.createObjectStore('chunks');
    };
    db = await done(request);
    const files = new IdbRowFiles(db);
    await files.refresh();
    return files;
  } catch (e) {
    db?.close();
    throw failed(`opening ${dbName(name)}`, e);
  }
}

/** The `files` interface of rerank-rows-file.js over one rows database, plus `settle` and `written`. */
class IdbRowFiles {
  #db;
  #sizes = new Map();
  // Chunks fetched for the runs of `settle` in flight: `${seq}/${index}` → Uint8Array; dropped once none is.
  #cache = new Map();
  // One map per run of `settle` in flight: a chunk read and not found is noted in each (a run that awaits may
  // note another's, which costs one more fetch, never a wrong answer).
  #missing = new Set();
  #settling = 0;
  #writes = Promise.resolve();
  #lastWrite = null;

  constructor(db) {
    this.#db = db;
  }

  /** Reads which rows files are stored (a follower's view goes stale as the writer checkpoints). */
  async refresh() {
    try {
      const tx = this.#db.transaction('files', 'readonly');
      const [keys, values] = await Promise.all([done(tx.objectStore('files').getAllKeys()), done(tx.objectStore('files').getAll())]);
      this.#sizes = new Map(keys.map((k, i) => [nameOf(k), values[i].size]));
    } catch (e) {
      throw failed('listing the rows files', e);
    }
  }

  /** Rows files written whole: name → size. */
  list() { return [...this.#sizes.keys()]; }

  exists(name) { return this.#sizes.has(name); }

  open(name) {
    const size = this.#sizes.get(name);
    const seq = seqOf(name);
    return {
      size,
      read: (position, bytes) => {
        for (let done = 0; done < bytes.length;) {
          const at = position + done;
          const index = Math.floor(at / CHUNK);
          const n = Math.min(bytes.length - done, CHUNK - (at % CHUNK));
          const chunk = this.#cache.get(`${seq}/${index}`);
          if (chunk) bytes.set(chunk.subarray(at % CHUNK, at % CHUNK + n), done);
          else {
            if (this.#missing.size === 0) throw new Error(`${name}: read outside settle()`);
            bytes.fill(0, done, done + n);
            for (const missing of this.#missing) missing.set(`${seq}/${index}`, [seq, index]);
          }
          done += n;
        }
      },
      /**
       * Fetches the chunks holding `ranges` ([position, length] pairs) that are not cached, inside `holding`:
       * a Promise, or null when every one is cached already.
       */
      fetch: (ranges) => {
        if (this.#settling === 0) throw new Error(`${name}: fetch outside holding()`);
        const keys = new Map();
        for (const [position, length] of ranges) {
          for (let index = Math.floor(position / CHUNK); index * CHUNK < position + length; index++) {
            if (!this.#cache.has(`${seq}/${index}`)) keys.set(`${seq}/${index}`, [seq, index]);
          }
        }
        return keys.size === 0 ? null : this.#fetch([...keys.values()]);
      },
      close() {},
    };
  }

  /**
   * Whole or absent: the chunks and the files record go in one strict transaction, started now (in the
   * checkpoint's turn); `written()` resolves once it committed. The name is listed once it did.
   */
  writeAtomic(name, write) {
    const seq = seqOf(name);
    const tx = this.#db.transaction(['files', 'chunks'], 'readwrite', { durability: 'strict' });
    const chunks = tx.objectStore('chunks');
    chunks.delete(IDBKeyRange.bound([seq, 0], [seq, Infinity]));
    let chunk = new Uint8Array(CHUNK);
    let fill = 0;
    let index = 0;
    let size = 0;
    write((bytes) => {
      for (let done = 0; done < bytes.length;) {
        const n = Math.min(bytes.length - done, CHUNK - fill);
        chunk.set(bytes.subarray(done, done + n), fill);
        fill += n;
        done += n;
        if (fill === CHUNK) {
          chunks.put(chunk, [seq, index++]);
          chunk = new Uint8Array(CHUNK);
          fill = 0;
        }
      }
      size += bytes.length;
    });
    if (fill > 0) chunks.put(chunk.slice(0, fill), [seq, index]);
    tx.objectStore('files').put({ size }, seq);
    const result = committed(tx).then(() => { this.#sizes.set(name, size); }, (e) => { throw failed(`writing ${name}`, e); });
    this.#lastWrite = result;
    this.#writes = result.catch(() => {});
    return result;
  }

  /** The last writeAtomic's commit (it rejects with STORAGE_ERROR if the transaction failed). */
  get written() {
    return this.#lastWrite;
  }

  /** Removes a rows file (its files record first: a half-removed one is not listed). */
  remove(name) {
    const seq = seqOf(name);
    this.#sizes.delete(name);
    const tx = this.#db.transaction(['files', 'chunks'], 'readwrite');
    tx.objectStore('files').delete(seq);
    tx.objectStore('chunks').delete(IDBKeyRange.bound([seq, 0], [seq, Infinity]));
    // A rows file left behind is removed by a later checkpoint's removeOtherRowsFiles.
    committed(tx).catch(() => {});
  }

  /**
   * Runs `fn` (it may return a Promise) until every chunk it reads is cached (see the file's head); resolves with its
   * answer or rejects with its error. `then(answer)`, if given, runs right after the last run of `fn`, with
   * its chunks still cached, and its result is what settle resolves with.
   */
  async settle(fn, then = (answer) => answer) {
    this.#settling++;
    try {
      for (;;) {
        const missing = new Map();
        this.#missing.add(missing);
        let result;
        let error = null;
        try {
          result = await fn();
        } catch (e) {
          error = e;
        } finally {
          this.#missing.delete(missing);
        }
        if (missing.size === 0) {
          if (error) throw error;
          return then(result);
        }
        await this.#fetch([...missing.values()]);
      }
    } finally {
      if (--this.#settling === 0) this.#cache.clear();
    }
  }

  /** Runs `fn` (it may return a Promise) with the chunks fetched for it (`fetch`) cached until it settles. */
  async holding(fn) {
    this.#settling++;
    try {
      return await fn();
    } finally {
      if (--this.#settling === 0) this.#cache.clear();
    }
  }

  async #fetch(keys) {
    try {
      const store = this.#db.transaction('chunks', 'readonly').objectStore('chunks');
      const chunks = await Promise.all(keys.map((key) => done(store.get(key))));
      chunks.forEach((chunk, i) => {
        if (!chunk) throw new Error(`chunk ${keys[i].join('/')} is missing`);
        this.#cache.set(keys[i].join('/'), new Uint8Array(chunk));
      });
    } catch (e) {
      throw failed('reading rows', e);
    }
  }

  close() {
    // Writes started are settled before the connection goes (close() waits for them anyway).
    this.#writes.finally(() => this.#db.close());
  }
}
