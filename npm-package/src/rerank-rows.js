// rerank: 'storage' (issue #16): a collection whose engine index keeps codes only (graph + codes in memory)
// and whose float vectors are re-read from the database's storage for the best candidates of each query.
// Floats written since the last checkpoint stay in memory (`pending`); those of checkpointed vectors are read
// by offset from the rows file written beside that checkpoint (rerank-rows-file.js, docs/format.md
// "Re-ranking rows"). Reads are synchronous (Node fs, OPFS sync access handles); on IndexedDB a read first
// searches, then fetches the rows of its candidates (rerank-idb-files.js), then ranks: `read(plan)`.
import { TeaVecError } from './errors.js';
import { WHERE_FILTER } from './filters.js';

const ALL = '{}';

/** The metric's distance of `q` to `v`, as the engine reports it (docs: Metric). */
export function exactDistance(metric, q, v) {
  let dot = 0;
  if (metric === 'l2') {
    for (let i = 0; i < q.length; i++) {
      const d = q[i] - v[i];
      dot += d * d;
    }
    return Math.fround(Math.sqrt(dot));
  }
  let qq = 0;
  let vv = 0;
  for (let i = 0; i < q.length; i++) {
    dot += q[i] * v[i];
    qq += q[i] * q[i];
    vv += v[i] * v[i];
  }
  if (metric === 'dot') return Math.fround(-dot);
  return Math.fround(Math.max(0, 1 - dot / Math.sqrt(qq * vv)));
}

/**
 * The float rows of one collection: `pending` (id → Float32Array, written since the checkpoint the reader
 * belongs to) over `checkpointed` (a RowsReader section, or null). Installed on the collection's shared state
 * as `state.rows`; collection.js calls wrote/deleted/vector/search.
 */
export class CollectionRows {
  pending = new Map();
  #checkpointed = null;
  /** Bumped by every change a read's rows may depend on: writes, deletes, a checkpoint's new rows file. */
  version = 0;

  /**
   * `depth`: candidates re-scored per query, the collection's ef_search (the whole beam, as in-memory
   * re-ranking). `files`: the row files where reads are asynchronous (IndexedDB), else null.
   */
  constructor(metric, depth, files = null) {
    this.metric = metric;
    this.depth = depth;
    this.files = files;
  }

  /** The checkpoint's rows (a RowsSection of rerank-rows-file.js), or null. */
  get checkpointed() {
    return this.#checkpointed;
  }

  set checkpointed(section) {
    this.#checkpointed = section;
    this.version++;
  }

  /** After a batch was applied: its vectors are the rows now (an update without vectors keeps its row). */
  wrote(native, items) {
    this.version++;
    for (const item of items) {
      if (item.vector !== undefined) this.pending.set(native.idOfKey(item.key), Float32Array.from(item.vector));
    }
  }

  deleted(id) {
    this.version++;
    this.pending.delete(id);
  }

  /** The float row of live id `id` (a copy for checkpointed rows); null when neither tier holds it. */
  vector(id) {
    return this.pending.get(id) ?? this.#checkpointed?.read(id) ?? null;
  }

  /**
   * A query's plan (Collection#query): the codes' best `rerankK` (at least k) candidates of each query vector, found
   * now by the engine; `ids`, all of them (the rows to read); `hitLists()`, per query vector the k nearest of its
   * candidates on their float rows.
   */
  plan(native, queries, k, where, rerankK = this.depth) {
    const depth = Math.max(k, rerankK);
    const found = queries.map((query) => (where ? native.searchFiltered(query, depth, 0, where.text, where.kind)
      : native.search(query, depth, 0, 0)).results.map(({ id }) => id));
    return { ids: found.flat(), hitLists: () => found.map((ids, i) => this.#rank(queries[i], ids, k)) };
  }

  /** The k of `ids` nearest `query` on their float rows: `[{ id, score }]` best first, ties by id (as the engine's top-k). */
  #rank(query, ids, k) {
    const scored = ids.map((id) => {
      const row = this.vector(id);
      if (row === null) {
        throw new TeaVecError('STORAGE_ERROR', `the float row of vector ${id} is neither in memory nor in the checkpoint's `
          + 're-ranking rows (rerank: \'storage\'): the storage lost it');
      }
      return { id, score: exactDistance(this.metric, query, row) };
    });
    scored.sort((a, b) => a.score - b.score || a.id - b.id);
    return scored.slice(0, k);
  }

  /**
   * A read where rows are read asynchronously (`files`): `plan()` does the read's synchronous work (the engine
   * search) and returns `{ ids, finish }`, the ids whose rows `finish()` reads; their chunks are fetched, then
   * `finish()` runs and its answer resolves the Promise. A write or checkpoint while the chunks were fetched
   * may change what the plan found: then it is planned again (its chunks mostly cached by then), so that plan
   * and finish always see the same state.
   */
  read(plan) {
    return this.files.holding(async () => {
      for (;;) {
        const version = this.version;
        const { ids, finish } = plan();
        const fetching = this.#checkpointed?.fetch(ids.filter((id) => !this.pending.has(id)));
        if (fetching) await fetching;
        if (this.version === version) return finish();
      }
    });
  }

  /** Bytes this tier holds in memory: pending rows plus the checkpointed section's id column. */
  memoryBytes() {
    let bytes = 0;
    for (const row of this.pending.values()) bytes += row.byteLength + 48;
    return bytes + (this.checkpointed?.memoryBytes() ?? 0);
  }

  /** The live ids (ascending) and a row source for each, as a checkpoint writes them. */
  snapshot(native) {
    const ids = Int32Array.from(native.matchIds(ALL, WHERE_FILTER, 0, -1)).sort();
    const taken = new Map(this.pending);
    return { ids, taken, checkpointed: this.#checkpointed };
  }
}
