// The rerank: 'storage' tier of one database opened by name: hands each such collection its CollectionRows,
// attaches the rows file of the checkpoint recovery loaded, writes a new rows file in the same turn as each
// checkpoint's snapshot (before the checkpoint itself, so a durable checkpoint always has its rows), and once
// that checkpoint is durable reads from the new file and forgets the in-memory rows it holds.
// Row files whose reads are asynchronous (IndexedDB: rerank-idb-files.js) have `settle(fn, then)`: the file is
// opened before recovery builds the checkpoint's collections, and a checkpoint's rows file is written once the
// old rows it copies are fetched. docs/database.md "Re-ranking from storage".
import { TeaVecError } from './errors.js';
import { resolvedSettings } from './config.js';
import { TEXT } from './collection.js';
import { CollectionRows } from './rerank-rows.js';
import { RowsFile, writeRowsFile, removeOtherRowsFiles, rowsFileName } from './rerank-rows-file.js';

export class RerankTier {
  #files;
  #storage;
  #file = null;
  // Bumped by each recovery: a checkpoint that finishes after memory was rebuilt (a failed write) switches nothing.
  #epoch = 0;

  #openFiles;
  // IndexedDB: the rows file of the checkpoint recovery is about to load, opened ahead (loadCheckpoint).
  #loaded = null;

  /** `openFiles`: async () => the storage's synchronous row file access (null: this storage has none yet). */
  constructor(storage, openFiles) {
    this.#storage = storage;
    this.#openFiles = openFiles;
  }

  /** Opens the row files (once the writer lock is held, before recovery). */
  async prepare() {
    if (this.#openFiles && !this.#files) this.#files = await this.#openFiles();
  }

  /** Database's factory for a collection's rows (database.js ROWS); NOT_SUPPORTED without row files. */
  rowsFor = (name, settings) => {
    if (!this.#files) {
      throw new TeaVecError('NOT_SUPPORTED', `collection ${JSON.stringify(name)}: rerank 'storage' is implemented for `
        + `storage 'file' (Node), 'opfs' (dedicated workers) and 'indexeddb', not for storage '${this.#storage}'; use `
        + 'rerank: true (floats in memory) there');
    }
    const resolved = resolvedSettings({ dimensions: 1, ...settings });
    const rows = new CollectionRows(resolved.metric, resolved.ef_search, this.asyncFiles);
    rows.checkpointed = this.#file?.section(name) ?? null;
    return rows;
  };

  /** Asynchronous row files: reads happen inside `settle` (rerank-idb-files.js); null for synchronous ones. */
  get asyncFiles() {
    return this.#files?.settle ? this.#files : null;
  }

  /** Before recovery builds `checkpoint` (async): opens its rows file ahead where reads are asynchronous. */
  async loadCheckpoint(checkpoint) {
    this.#loaded = null;
    const files = this.asyncFiles;
    if (!files || checkpoint.generation === 0) return;
    await files.refresh();
    if (!files.exists(rowsFileName(checkpoint.seq))) return;
    this.#loaded = await files.settle(() => new RowsFile(files, checkpoint.seq));
  }

  #open(seq) {
    const loaded = this.#loaded;
    this.#loaded = null;
    return loaded?.seq === seq ? loaded : new RowsFile(this.#files, seq);
  }

  /**
   * Before a checkpoint's collections are built: opens the rows file of the checkpoint at `seq` (generation
   * 0: none) if there is one. A checkpoint whose collections need rows it lacks fails in `verify`.
   */
  openCheckpoint(checkpoint) {
    this.#epoch++;
    this.#file?.close();
    this.#file = null;
    // Rows files of other checkpoints (an interrupted one's too) are removed by the writer's next checkpoint:
    // not here, where a read-only follower may be opening.
    if (!this.#files || checkpoint.generation === 0) return;
    if (this.#files.exists(rowsFileName(checkpoint.seq))) this.#file = this.#open(checkpoint.seq);
  }

  /** After the checkpoint's database is built: every rerank 'storage' collection has a row per live vector. */
  verify(db) {
    for (const collection of db.listCollections()) {
      const { native, state } = collection[TEXT]();
      if (!state.rows || !native) continue;
      const have = state.rows.checkpointed?.count ?? 0;
      if (have !== native.liveCount()) {
        throw new TeaVecError('CORRUPT_SNAPSHOT', `collection ${JSON.stringify(collection.name)} (rerank 'storage'): the `
          + `checkpoint holds ${native.liveCount()} vectors, its re-ranking rows file ${have}`);
      }
    }
  }

  /**
   * In the checkpoint's turn, before the checkpoint is handed to the log: writes the rows file for `seq`
   * (synchronously, synced) and returns what `checkpointed` needs once the checkpoint is durable.
   */
  beforeCheckpoint(db, seq) {
    const sections = [];
    for (const collection of db.listCollections()) {
      const { native, state } = collection[TEXT]();
      if (!state.rows || !native) continue;
      sections.push({ name: collection.name, dims: native.dimensions, state, snap: state.rows.snapshot(native) });
    }
    if (sections.length === 0 && !this.#file) return null;
    const plan = { seq, sections, epoch: this.#epoch, written: null };
    if (this.#file?.seq === seq) return plan;
    const files = this.asyncFiles;
    if (!files) {
      writeRowsFile(this.#files, seq, sections);
      return plan;
    }
    // Asynchronous reads: the old rows this file copies are fetched first (every run reads them all).
    const touchOld = () => {
      for (const { snap } of sections) for (const id of snap.ids) if (!snap.taken.has(id)) snap.checkpointed?.read(id);
    };
    plan.written = files.settle(touchOld, () => {
      writeRowsFile(files, seq, sections);
      return files.written;
    });
    return plan;
  }

  /** The checkpoint of `plan` is durable: read its rows file, drop the in-memory rows it holds, remove older files. */
  async checkpointed(plan) {
    if (!plan) return;
    await plan.written;
    if (plan.epoch !== this.#epoch) return;
    const files = this.asyncFiles;
    const opened = files && this.#file?.seq !== plan.seq ? await files.settle(() => new RowsFile(files, plan.seq)) : null;
    if (plan.epoch !== this.#epoch) return;
    const previous = this.#file;
    if (previous?.seq !== plan.seq) {
      this.#file = opened ?? new RowsFile(this.#files, plan.seq);
      for (const { name, state, snap } of plan.sections) {
        state.rows.checkpointed = this.#file.section(name);
        // A row replaced after the snapshot stays in memory: the new file holds the older one.
        for (const [id, row] of snap.taken) if (state.rows.pending.get(id) === row) state.rows.pending.delete(id);
      }
      previous?.close();
    }
    removeOtherRowsFiles(this.#files, [plan.seq, previous?.seq].filter((s) => s !== undefined));
  }

  close() {
    this.#file?.close();
    this.#file = null;
    this.#files?.close?.();
    this.#files = null;
  }
}
