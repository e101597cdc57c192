// The re-ranking rows file written beside a checkpoint (docs/format.md "Re-ranking rows"): for every
// collection with rerank: 'storage', its live ids ascending and their float32 rows in that order, so that a
// query reads the rows of its candidates by offset. `files` is a synchronous file access (Node:
// rerank-node-files.js): `{ list(), exists(name), open(name) → { size, read(position, bytes), close() },
// writeAtomic(name, write(append)), remove(name) }` (OPFS: rerank-opfs-files.js).
import { TeaVecError } from './errors.js';

const MAGIC = 0x52524654; // "TFRR" little-endian
const VERSION = 1;
const HEADER = 24;
const PREFIX = 'rerank-';
const SUFFIX = '.tvrr';
/** Rows copied per write while a checkpoint writes its rows file. */
const BATCH_ROWS = 1024;

/** The rows file of the checkpoint that holds the log up to `seq`. */
export const rowsFileName = (seq) => `${PREFIX}${String(seq).padStart(16, '0')}${SUFFIX}`;
const seqOfName = (name) => (name.startsWith(PREFIX) && name.endsWith(SUFFIX) ? Number(name.slice(PREFIX.length, -SUFFIX.length)) : NaN);

const corrupt = (name, why) => new TeaVecError('CORRUPT_SNAPSHOT', `re-ranking rows file ${name}: ${why}`);

/**
 * Writes `rowsFileName(seq)` (atomically: whole or absent) with the rows of `sections`:
 * `[{ name, dims, snap: CollectionRows#snapshot() }]`. Synchronous, so that it is taken in the same turn as
 * the checkpoint's snapshot.
 */
export function writeRowsFile(files, seq, sections) {
  // Offsets in the table count from the end of the header (the table's own length does not move them).
  const table = [];
  let offset = 0;
  for (const { name, dims, snap } of sections) {
    table.push({ name, dims, count: snap.ids.length, ids: offset });
    offset += snap.ids.length * 4;
  }
  for (const entry of table) {
    entry.rows = offset;
    offset += entry.count * entry.dims * 4;
  }
  const json = new TextEncoder().encode(JSON.stringify(table));
  const header = new Uint8Array(align(HEADER + json.length));
  const view = new DataView(header.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, VERSION, true);
  view.setUint32(8, json.length, true);
  view.setFloat64(16, seq, true);
  header.set(json, HEADER);
  files.writeAtomic(rowsFileName(seq), (append) => {
    append(header);
    for (const { snap } of sections) append(new Uint8Array(snap.ids.buffer, snap.ids.byteOffset, snap.ids.byteLength));
    sections.forEach(({ dims, snap }, s) => {
      const batch = new Float32Array(BATCH_ROWS * dims);
      const { ids } = snap;
      for (let i = 0; i < ids.length; i += BATCH_ROWS) {
        const n = Math.min(BATCH_ROWS, ids.length - i);
        for (let j = 0; j < n; j++) {
          const row = snap.taken.get(ids[i + j]) ?? snap.checkpointed?.read(ids[i + j]);
          if (!row) throw new TeaVecError('STORAGE_ERROR', `collection ${JSON.stringify(table[s].name)}: no float row for vector ${ids[i + j]}`);
          batch.set(row, j * dims);
        }
        append(new Uint8Array(batch.buffer, 0, n * dims * 4));
      }
    });
  });
}

function align(n) {
  return (n + 3) & ~3;
}

/** An open rows file: `section(name)` gives a collection's rows (a RowsSection), or null. */
export class RowsFile {
  #handle;
  #sections = new Map();

  constructor(files, seq) {
    this.name = rowsFileName(seq);
    this.seq = seq;
    this.#handle = files.open(this.name);
    try {
      this.#readTable();
    } catch (e) {
      this.#handle.close();
      throw e;
    }
  }

  #readTable() {
    const size = this.#handle.size;
    if (size < HEADER) throw corrupt(this.name, `${size} bytes, shorter than its header`);
    const head = new Uint8Array(HEADER);
    this.#handle.read(0, head);
    const view = new DataView(head.buffer);
    if (view.getUint32(0, true) !== MAGIC) throw corrupt(this.name, 'bad magic');
    if (view.getUint32(4, true) !== VERSION) throw corrupt(this.name, `version ${view.getUint32(4, true)}, expected ${VERSION}`);
    const length = view.getUint32(8, true);
    if (view.getFloat64(16, true) !== this.seq) throw corrupt(this.name, `it holds the rows of checkpoint ${view.getFloat64(16, true)}`);
    if (HEADER + length > size) throw corrupt(this.name, 'its table runs past the end');
    const json = new Uint8Array(length);
    this.#handle.read(HEADER, json);
    let table;
    try {
      table = JSON.parse(new TextDecoder().decode(json));
    } catch (e) {
      throw corrupt(this.name, `its table does not parse (${e.message})`);
    }
    const base = align(HEADER + length);
    for (const entry of table) {
      const { name, dims, count } = entry;
      const ids = base + entry.ids;
      const rows = base + entry.rows;
      if (rows + count * dims * 4 > size || ids + count * 4 > size) throw corrupt(this.name, `collection ${JSON.stringify(name)} runs past the end`);
      const column = new Int32Array(count);
      this.#handle.read(ids, new Uint8Array(column.buffer));
      this.#sections.set(name, new RowsSection(this.#handle, column, rows, dims));
    }
  }

  /** The rows of collection `name` at this checkpoint, or null (it had no rows then). */
  section(name) {
    return this.#sections.get(name) ?? null;
  }

  close() {
    this.#handle.close();
  }
}

/** One collection's rows in a rows file: its id column in memory (4 bytes a vector), rows read on demand. */
export class RowsSection {
  #handle;
  #ids;
  #rows;
  #dims;

  constructor(handle, ids, rows, dims) {
    this.#handle = handle;
    this.#ids = ids;
    this.#rows = rows;
    this.#dims = dims;
  }

  /** The float row of `id` (a new array), or null when this checkpoint did not hold it. */
  read(id) {
    const at = this.positionOf(id);
    if (at < 0) return null;
    const row = new Float32Array(this.#dims);
    this.#handle.read(at, new Uint8Array(row.buffer));
    return row;
  }

  /**
   * Where reads are asynchronous (IndexedDB), fetches the rows of `ids` this checkpoint holds for the synchronous
   * reads that follow (rerank-idb-files.js `holding`): a Promise, or null when there is nothing to wait for.
   */
  fetch(ids) {
    if (!this.#handle.fetch) return null;
    const ranges = [];
    for (const id of ids) {
      const at = this.positionOf(id);
      if (at >= 0) ranges.push([at, this.rowBytes]);
    }
    return this.#handle.fetch(ranges);
  }

  /** Where the row of `id` starts in the file (-1: not held); it is `rowBytes` long. */
  positionOf(id) {
    const ids = this.#ids;
    let lo = 0;
    let hi = ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if (ids[mid] < id) lo = mid + 1;
      else if (ids[mid] > id) hi = mid - 1;
      else return this.#rows + mid * this.#dims * 4;
    }
    return -1;
  }

  get rowBytes() {
    return this.#dims * 4;
  }

  get count() {
    return this.#ids.length;
  }

  memoryBytes() {
    return this.#ids.byteLength;
  }
}

/** Removes rows files other than those of the checkpoints `keep` (sequence numbers). */
export function removeOtherRowsFiles(files, keep) {
  for (const name of files.list()) {
    const seq = seqOfName(name);
    // A .tmp is a rows file a crash interrupted: it never counted.
    if ((!Number.isNaN(seq) && !keep.includes(seq)) || (name.startsWith(PREFIX) && name.endsWith('.tmp'))) files.remove(name);
  }
}
