// INTERNAL (issue 13, first phase): the write-ahead log and its storages, as the engine's Java exports them
// (js-bindings dev.teavec.bindings.wal). openDatabase will build on these; until then they are exported for
// tests only and are not a public API. Log format: docs/format.md, "Write-ahead log".
import { TeaVecError, engineError } from './errors.js';
import { nodePlatform } from './files.js';
import { loadWal } from './wal-init.js';

const STORAGES = ['memory', 'file', 'indexeddb', 'opfs'];
let store = null;

/** One WalStore per process: memory logs live in it. */
async function walStore() {
  store ??= (await loadWal()).walStore();
  return store;
}

async function call(fn) {
  try {
    return await fn();
  } catch (e) {
    throw engineError(e);
  }
}

const strings = (a, what) => {
  if (!Array.isArray(a)) throw new TeaVecError('INVALID_ARGUMENT', `${what} must be an array of strings`);
  return a;
};

const bytesOf = (b) => (b instanceof Int8Array ? b : new Int8Array(b.buffer ?? b, b.byteOffset ?? 0, b.byteLength));

/**
 * An OPFS checkpoint as the storage verified it: its file's sync access handle, still open, and where the snapshot
 * lies in it (js-bindings OpenCheckpointFile). recover({ pieces: true }) hands it out as filePieces (the engine reads
 * the file straight into linear memory; `release()` closes it); otherwise it is read whole and closed (readWhole).
 */
const isOpenFile = (bytes) => typeof bytes?.file?.read === 'function';

/** Bytes per read of an open checkpoint file during the decode. */
const FILE_PIECE = 4 << 20;

/**
 * An open checkpoint file as a snapshot in pieces ({ pieces, pieceBytes, length }, as IndexedDB's), each piece
 * read from the file when asked for, into one reused buffer (copy each out before asking for the next). The
 * engine's decode does not use the pieces: it reads `file` from `offset` straight into linear memory (JsRows).
 * The bytes are the ones the CRC pass checked: the handle is exclusive and stayed open since. `release()` closes it.
 */
function filePieces({ file, offset, length }) {
  const count = Math.ceil(length / FILE_PIECE);
  let buffer = null; // made on first use: the engine's decode never asks for a piece
  let held = -1;
  const piece = (i) => {
    buffer ??= new Int8Array(Math.min(FILE_PIECE, length));
    const n = Math.min(FILE_PIECE, length - i * FILE_PIECE);
    const view = n === buffer.length ? buffer : buffer.subarray(0, n);
    if (held !== i) {
      held = -1;
      const got = file.read(view, { at: offset + i * FILE_PIECE });
      if (got !== n) throw new TeaVecError('CORRUPT_SNAPSHOT', `the checkpoint file ended early (piece ${i}: ${got} of ${n} bytes)`);
      held = i;
    }
    return view;
  };
  const pieces = new Proxy([], {
    get: (target, key) => {
      if (key === 'length') return count;
      if (typeof key === 'string' && /^\d+$/.test(key) && Number(key) < count) return piece(Number(key));
      return target[key];
    },
  });
  // `file` and `offset` let the engine read the bytes straight into linear memory instead (JsRows).
  return { pieces, pieceBytes: FILE_PIECE, length, file, offset, release: () => file.close() };
}

/** An open checkpoint file read whole into one Int8Array, and closed. */
function readWhole({ file, offset, length }) {
  try {
    const out = new Int8Array(length);
    const got = file.read(out, { at: offset });
    if (got !== length) throw new TeaVecError('CORRUPT_SNAPSHOT', `the checkpoint file ended early (${got} of ${length} bytes)`);
    return out;
  } finally {
    file.close();
  }
}

/** A checkpoint in pieces (IndexedDB keeps it in the chunks it was stored in) or open (OPFS) as one Int8Array; anything else as it is. */
function joined(bytes) {
  if (isOpenFile(bytes)) return readWhole(bytes);
  if (!bytes?.pieces) return bytes;
  const out = new Int8Array(bytes.length);
  let at = 0;
  for (const piece of bytes.pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

/** A writer appending to a recovered log; every mutation resolves with its sequence number once durable. */
export class LogWriter {
  #w;

  constructor(writer) {
    this.#w = writer;
  }

  /**
   * Runs an append; its sequence number is the writer's lastSeq right after the (synchronous) call. One `then`
   * on the engine's promise, not async wrappers: each turn between the flush and the caller is latency.
   */
  #append(fn) {
    let durable;
    try {
      durable = fn();
    } catch (e) {
      return Promise.reject(engineError(e));
    }
    const seq = this.#w.lastSeq;
    return durable.then(() => seq, (e) => { throw engineError(e); });
  }

  createCollection(name, settingsJson) {
    return this.#append(() => this.#w.createCollection(name, settingsJson));
  }

  deleteCollection(name) {
    return this.#append(() => this.#w.deleteCollection(name));
  }

  /** `newName`, `metadataJson`: null (or undefined) leaves that part unchanged. */
  modifyCollection(name, { newName = null, metadataJson = null } = {}) {
    return this.#append(() => this.#w.modifyCollection(name, newName, metadataJson));
  }

  /**
   * One add/upsert/update batch, one log record. `vectors`: a Float32Array of the keys' vectors end to end
   * (`dimensions` each), only for the keys whose `hasVector` byte is set (all keys when `hasVector` is
   * omitted); `metadata`, `documents`: arrays with a JSON string / a string or null per key.
   */
  writeBatch(op, collection, { keys, dimensions = 0, hasVector = null, vectors = null, metadata = null, documents = null }) {
    return this.#append(() => this.#w.writeBatch(op, collection, strings(keys, 'keys'), dimensions,
      hasVector === null ? null : bytesOf(hasVector), vectors, metadata, documents));
  }

  /** A change through the single-index API: method name, arguments JSON, the vectors it referenced (Float32Array). */
  indexCall(method, argumentsJson, floats) {
    return this.#append(() => this.#w.indexCall(method, argumentsJson, floats));
  }

  deleteKeys(collection, keys) {
    return this.#append(() => this.#w.deleteKeys(collection, strings(keys, 'keys')));
  }

  flush() {
    return call(() => this.#w.flush());
  }

  /**
   * Checkpoints the state after the last mutation: call in the same turn as `snapshot` was taken. `before`: a
   * Promise of what must be durable before the checkpoint is stored (it fails the checkpoint if it rejects).
   */
  checkpoint(snapshot, before = null) {
    // The log awaits `before` only once the segment rolled: until then its rejection is not unhandled.
    before?.catch(() => {});
    return call(() => this.#w.checkpoint(bytesOf(snapshot), before));
  }

  close() {
    return call(() => this.#w.close());
  }

  get lastSeq() { return this.#w.lastSeq; }

  get durableSeq() { return this.#w.durableSeq; }

  get generation() { return this.#w.generation; }

  get writes() { return this.#w.writes; }

  /** Bytes of records appended by this writer so far (queued or written). */
  get appendedBytes() { return this.#w.appendedBytes; }

  segmentIds() {
    return [...this.#w.segmentIds()];
  }
}

/** One opened log storage: recover() then writer(), or its raw operations (the contract suite uses them). */
export class LogStorage {
  #s;

  constructor(storage) {
    this.#s = storage;
  }

  get description() { return this.#s.description; }

  /**
   * { checkpoint: { generation, seq, bytes, skipped, nextGeneration }, records, recovery }. `pieces`: a
   * checkpoint's bytes may stay in pieces ({ pieces, pieceBytes, length }, which the engine's snapshot decoding
   * reads as it is): IndexedDB's as they were stored, OPFS's read from the still open file as the decode asks
   * for them (the caller must call `bytes.release?.()` once decoded: it closes the file); else they are
   * joined into one Int8Array.
   */
  recover({ pieces = false } = {}) {
    return call(async () => {
      const r = await this.#s.recover();
      const { bytes } = r.checkpoint;
      const asPieces = () => (isOpenFile(bytes) ? filePieces(bytes) : bytes);
      const checkpoint = { ...r.checkpoint, bytes: pieces ? asPieces() : joined(bytes) };
      return { checkpoint, records: [...r.records], recovery: r.recovery };
    });
  }

  /** options: { durability: 'strict' (default) | 'relaxed', flushIntervalMs (relaxed; default 100) }. */
  writer({ durability = 'strict', flushIntervalMs = 100 } = {}) {
    try {
      return new LogWriter(this.#s.writer(durability, flushIntervalMs));
    } catch (e) {
      throw engineError(e);
    }
  }

  readLog() {
    return call(async () => {
      const log = await this.#s.readLog();
      return { ids: [...log.ids], segments: [...log.segments] };
    });
  }

  append(bytes) { return call(() => this.#s.append(bytesOf(bytes))); }

  startSegment(id, first) { return call(() => this.#s.startSegment(id, bytesOf(first))); }

  removeSegmentsBefore(id) { return call(() => this.#s.removeSegmentsBefore(id)); }

  writeCheckpoint(generation, seq, snapshot) { return call(() => this.#s.writeCheckpoint(generation, seq, bytesOf(snapshot))); }

  readCheckpoint() {
    return call(async () => {
      const c = await this.#s.readCheckpoint();
      return { ...c, bytes: joined(c.bytes), skipped: [...c.skipped] };
    });
  }

  close() { return call(() => this.#s.close()); }
}

/**
 * Opens the log storage of `name`. storage: 'memory' (options.quotaBytes: writes beyond fail with
 * QUOTA_EXCEEDED), 'file' (Node; `name` is a directory; options.files replaces the node:fs shim, for
 * fault injection), 'indexeddb', 'opfs' (dedicated workers).
 */
export function openLogStorage(name, { storage = 'memory', quotaBytes = Infinity, files = undefined } = {}) {
  return call(async () => {
    const s = await walStore();
    if (!STORAGES.includes(storage)) {
      throw new TeaVecError('INVALID_ARGUMENT', `storage is one of ${STORAGES.join(', ')}, got ${storage}`);
    }
    let opened;
    if (storage === 'memory') opened = await s.openMemory(name, quotaBytes);
    else if (storage === 'file') opened = await s.openFile(name, files ?? await (await nodePlatform("storage 'file'")).nodeFiles());
    else if (storage === 'indexeddb') opened = await s.openIndexedDb(name);
    else opened = await s.openOpfs(name);
    return new LogStorage(opened);
  });
}

/** Record encoders for tests that build logs by hand (async: they load the log module). */
export const logRecords = {
  segmentStart: async (seq, generation) => (await walStore()).encodeSegmentStart(seq, generation),
  delete: async (seq, collection, keys) => (await walStore()).encodeDelete(seq, collection, keys),
};
