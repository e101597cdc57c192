// A collection of a database opened by name (openDatabase): the Chroma-shaped collection of src/collection.js,
// whose every change returns a Promise that resolves once the change is durable. Reads answer from memory.
import { WRITE, EMBED } from './collection.js';
import { batchRecord, deleteRecord, modifyRecord } from './log-records.js';

export class PersistentCollection {
  #name;
  #access;

  /**
   * Made by PersistentDatabase. `access.inner(name)`: the in-memory Collection now holding that name (the
   * database may rebuild its memory after a failed write); `access.mutate(fn)`: runs `fn` (apply in memory,
   * return `{ result, record }`) as one durable change; `access.renamed(from, to)`.
   */
  constructor(name, access) {
    this.#name = name;
    this.#access = access;
  }

  get name() { return this.#name; }
  get metadata() { return this.#inner().metadata; }
  get dimensions() { return this.#inner().dimensions; }
  get metric() { return this.#inner().metric; }

  count() { return this.#inner().count(); }

  /**
   * Bytes of memory the collection holds: its engine index (vectors or codes, graph, ids, metadata estimate)
   * and, with rerank 'storage', the float rows kept in memory (those written since the last checkpoint) and
   * the id column of the checkpoint's rows file.
   */
  memoryUsage() { return this.#inner().memoryUsage(); }

  /** get, peek and query return a Promise where rows are read asynchronously (rerank 'storage' on IndexedDB). */
  get(args = undefined) { return this.#inner().get(args); }

  peek(args = undefined) { return this.#inner().peek(args); }

  query(args) { return this.#inner().query(args); }

  /** Adds new records; rejects with DUPLICATE_ID (storing nothing) if any id exists. Resolves once durable. */
  add(args) { return this.#write(args, 'add'); }

  /** Adds new records and replaces existing ones; omitted metadata/documents are kept. Resolves once durable. */
  upsert(args) { return this.#write(args, 'upsert'); }

  /** Changes existing records (UNKNOWN_ID if one is missing). Resolves once durable. */
  update(args) { return this.#write(args, 'update'); }

  /** Deletes records by ids and/or where; resolves with the deleted ids once durable. */
  delete(args = undefined) {
    return this.#access.mutate(() => {
      const keys = this.#inner().delete(args);
      return { result: keys, record: keys.length > 0 ? deleteRecord(this.#name, keys) : null };
    });
  }

  /** Renames the collection and/or replaces its metadata (null clears it). Resolves once durable. */
  modify(args) {
    const from = this.#name;
    let to = null;
    return this.#access.mutate(() => {
      this.#inner().modify(args);
      const record = modifyRecord(from, args.name, args.metadata);
      if (record.newName !== null) {
        to = record.newName;
        this.#name = to;
        this.#access.renamed(from, to, this);
      }
      return { result: undefined, record };
    }).catch((e) => {
      // A rename that did not become durable is undone in memory by then: this handle takes its old name back.
      if (to !== null && this.#name === to) {
        this.#name = from;
        this.#access.renamed(to, from, this);
      }
      throw e;
    });
  }

  #write(args, mode) {
    // Documents are embedded before the change (the log then holds vectors; replay never needs the model).
    let embedded;
    try {
      embedded = this.#inner()[EMBED](args, mode);
    } catch (e) {
      return Promise.reject(e);
    }
    return embedded ? embedded.then((opts) => this.#logged(opts, mode)) : this.#logged(args, mode);
  }

  #logged(args, mode) {
    return this.#access.mutate(() => {
      const batch = this.#inner()[WRITE](args, mode);
      return { result: undefined, record: batch.items.length > 0 ? batchRecord(this.#name, batch) : null };
    });
  }

  #inner() {
    return this.#access.inner(this.#name);
  }
}
