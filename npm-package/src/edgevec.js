// EdgeVec's index API with the same names and argument order. Where EdgeVec returns JSON text,
// TeaVec returns plain objects. Scores are distances: lower is closer, best first.
import { TeaVecError, engineError } from './errors.js';
import { EdgeVecConfig, userSettings, createNativeIndex } from './config.js';
import {
  checkVectorType, checkK, checkId, checkKey, checkArray, checkEfSearch, checkRerankK, checkOptions, describe,
} from './validate.js';
import { encodeMetadata, encodeValue, decodeJson, checkMetadataKey } from './metadata.js';
import { encodeFilter } from './filters.js';
import { filteredSearch } from './search.js';
import { flatten, checkBatchSize, softDeleteMany } from './batch.js';
import { applyBatch, getByKey, keysOf } from './keyed.js';
import { MemoryMonitor } from './memory.js';
import { RESTORED, snapshotOf, restoredFrom } from './persistence.js';
import { saveSnapshot, loadSnapshot } from './snapshot-store.js';
import { NativeHandle, watchOwner, release } from './native-handle.js';

const FREED = 'this index was freed (free() was called): its engine memory is returned; create or load a new index';

export { EdgeVecConfig };

/** The engine settings of a new EdgeVec index made from `config`, checked (EdgeVec.open's new index too). */
export function edgeVecSettings(config) {
  const settings = userSettings(config);
  if (settings.rerank === 'storage') {
    throw new TeaVecError('NOT_SUPPORTED', "rerank 'storage' is for a collection of openDatabase(name, { storage: "
      + "'file' | 'opfs' }); an EdgeVec index re-ranks on floats in memory (rerank: true)");
  }
  return settings;
}

/**
 * A vector index with EdgeVec's method names. It owns its engine index (src/native-handle.js): free()
 * returns the index's memory at once, otherwise it goes when this object is garbage-collected.
 */
export class EdgeVec {
  #handle;
  #memory = new MemoryMonitor();

  constructor(config) {
    let native;
    if (config?.[RESTORED]) {
      native = config[RESTORED];
    } else {
      native = createNativeIndex(edgeVecSettings(config));
    }
    this.#handle = new NativeHandle(native, FREED);
    watchOwner(this, this.#handle);
  }

  /** The engine index; every use goes through here, so that after free() each method throws INDEX_FREED. */
  get #native() { return this.#handle.native; }

  get dimensions() { return this.#native.dimensions; }
  get metric() { return this.#native.metric; }
  /** Number of live vectors (same as liveCount()). */
  get size() { return this.#native.size; }

  // ---- inserts ----------------------------------------------------------------------------------

  /** Stores a copy of `vector`; returns its id. */
  insert(vector) {
    checkVectorType(vector, 'vector');
    this.#checkCanInsert();
    return this.#native.insert(vector);
  }

  /** Inserts `count` vectors laid end to end; all are checked before any is stored. */
  insertBatchFlat(vectors, count) {
    checkVectorType(vectors, 'vectors');
    if (!Number.isInteger(count) || count < 0) {
      throw new TeaVecError('INVALID_ARGUMENT', `count must be a non-negative integer, got ${describe(count)}`);
    }
    checkBatchSize(vectors.length);
    this.#checkCanInsert();
    return this.#native.insertBatchFlat(vectors, count);
  }

  /** Inserts an array of vectors, all or none: `{ ids, total, inserted }`. `config` is accepted for EdgeVec's sake. */
  insertBatch(vectors, config = undefined) {
    void config;
    const flat = this.#flatten(vectors, 'vectors');
    const ids = this.insertBatchFlat(flat, vectors.length);
    return { ids, total: vectors.length, inserted: ids.length };
  }

  /**
   * insertBatch that reports progress: `onProgress(0, total)` before and `onProgress(total, total)`
   * after. Errors thrown by the callback are ignored, as in EdgeVec: they must not break the insert.
   */
  insertBatchWithProgress(vectors, onProgress) {
    if (typeof onProgress !== 'function') {
      throw new TeaVecError('INVALID_ARGUMENT', `onProgress must be a function, got ${describe(onProgress)}`);
    }
    const flat = this.#flatten(vectors, 'vectors');
    const report = (done) => {
      try {
        onProgress(done, vectors.length);
      } catch {
        // A failing progress display must not undo or block stored data.
      }
    };
    report(0);
    const ids = this.insertBatchFlat(flat, vectors.length);
    report(vectors.length);
    return { ids, total: vectors.length, inserted: ids.length };
  }

  /**
   * insertBatchWithProgress in slices of about 12 ms with a turn of the event loop between them, so that the
   * page stays responsive (the auto index's switch to HNSW is finished in slices too); all or none.
   * `options.signal` aborts between slices: the promise rejects and nothing of the batch stays stored.
   */
  async insertBatchWithProgressAsync(vectors, onProgress, options = undefined) {
    const { signal } = checkOptions(options, 'options');
    const { slicedInsert } = await import('./worker-slices.js');
    return slicedInsert(this, 'progress', [vectors, onProgress], { signal });
  }

  /**
   * Does up to `maxVectors` of the work inserts left for later (the auto index's switch to HNSW, which the
   * inserts after the threshold do a few vectors at a time); returns how many vectors are left (0: none).
   * Results are the same either way: it only makes later searches faster.
   */
  advanceBuild(maxVectors = 64) {
    if (!Number.isInteger(maxVectors) || maxVectors < 1) {
      throw new TeaVecError('INVALID_ARGUMENT', `maxVectors must be a positive integer, got ${describe(maxVectors)}`);
    }
    return this.#native.advanceBuild(maxVectors);
  }

  /** Stores the vector with its metadata (a flat object) in one step; returns its id. */
  insertWithMetadata(vector, metadata) {
    checkVectorType(vector, 'vector');
    const json = encodeMetadata(metadata);
    this.#checkCanInsert();
    return this.#native.insertWithMetadata(vector, json);
  }

  /** TeaVec: insertBatch with one metadata record (or null) per vector, all or none. */
  insertBatchWithMetadata(vectors, metadatas) {
    const flat = this.#flatten(vectors, 'vectors');
    checkArray(metadatas, 'metadatas');
    if (metadatas.length !== vectors.length) {
      throw new TeaVecError('INVALID_ARGUMENT', `metadatas must have one entry per vector (${vectors.length}), got ${metadatas.length}`);
    }
    const json = `[${metadatas.map((m, i) => encodeMetadata(m, `metadatas[${i}]`) ?? 'null').join(',')}]`;
    this.#checkCanInsert();
    const ids = this.#native.insertBatchFlatWithMetadata(flat, vectors.length, json);
    return { ids, total: vectors.length, inserted: ids.length };
  }

  // ---- string ids -------------------------------------------------------------------------------

  /** Inserts or replaces the vector under string id `id` (same numeric id, updated in place); returns the numeric id. */
  upsert(id, vector, metadata = undefined) {
    return this.upsertBatch([{ id, vector, metadata }])[0];
  }

  /** upsert for many `{ id, vector, metadata? }`, all or none; returns the numeric ids. */
  upsertBatch(items) {
    checkArray(items, 'items');
    const batch = items.map((item, i) => {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        throw new TeaVecError('INVALID_ARGUMENT', `items[${i}] must be an object { id, vector, metadata? }, got ${describe(item)}`);
      }
      return { key: item.id, vector: item.vector, metadata: encodeMetadata(item.metadata, `items[${i}].metadata`) };
    });
    this.#checkCanInsert();
    return applyBatch(this.#native, batch, 'upsert', 'items');
  }

  /** `{ id, vector, metadata }` stored under string id `id`, or undefined. */
  get(id) {
    checkKey(id);
    return getByKey(this.#native, id);
  }

  getBatch(ids) {
    checkArray(ids, 'ids');
    ids.forEach((id, i) => checkKey(id, `ids[${i}]`));
    return ids.map((id) => getByKey(this.#native, id));
  }

  /** Deletes the vector under string id `id`: true when it existed. */
  delete(id) {
    checkKey(id);
    const deleted = this.#native.deleteKey(id);
    if (deleted) this.#afterDelete();
    return deleted;
  }

  /** Deletes many string ids; returns how many existed. */
  deleteBatch(ids) {
    checkArray(ids, 'ids');
    ids.forEach((id, i) => checkKey(id, `ids[${i}]`));
    let deleted = 0;
    for (const id of ids) if (this.#native.deleteKey(id)) deleted++;
    if (deleted > 0) this.#afterDelete();
    return deleted;
  }

  /** The string id of numeric id `id`, or undefined. */
  keyOf(id) {
    checkId(id);
    return keysOf(this.#native, [id])[0];
  }

  /** The numeric id of string id `key`, or undefined when it is not live. */
  idOf(key) {
    checkKey(key);
    return this.#native.idOfKey(key);
  }

  /** Replaces the vector of live id `id` in place: the id, metadata and string id stay. */
  updateVector(id, vector) {
    checkId(id);
    checkVectorType(vector, 'vector');
    this.#native.updateVector(id, vector);
  }

  // ---- search -----------------------------------------------------------------------------------

  /**
   * The k nearest live vectors as [{ id, score }], best first. `options.efSearch` overrides the
   * configured ef_search for this query (HNSW only; raised to k when smaller); `options.rerankK`, with a
   * quantized encoding that keeps floats (`rerank`), how many of the graph's best candidates are re-scored exactly
   * (default: every candidate of the beam; the beam widens to it when larger).
   */
  search(query, k, options = undefined) {
    checkVectorType(query, 'query');
    checkK(k);
    const opts = checkOptions(options, 'options');
    return this.#native.search(query, k, checkEfSearch(opts.efSearch), checkRerankK(opts.rerankK)).results;
  }

  /** The k nearest live vectors that match `filter` (EdgeVec string or where object) as [{ id, score }]. */
  searchWithFilter(query, filter, k) {
    checkVectorType(query, 'query');
    checkK(k);
    const { text, kind } = encodeFilter(filter);
    return this.#native.searchFiltered(query, k, 0, text, kind).results;
  }

  /**
   * EdgeVec's searchFiltered with a plain-object result: `{ results: [{ id, score, metadata?, vector? }],
   * complete, observedSelectivity, strategyUsed, vectorsEvaluated, totalTimeMs }`. `options` may also be
   * EdgeVec's JSON text. The strategy is TeaVec's choice (it always returns k when k match); `strategy`
   * and `oversampleFactor` are accepted and checked only.
   */
  searchFiltered(query, k, options = undefined) {
    return filteredSearch(this.#native, query, k, options);
  }

  /** A copy of the stored vector. */
  getVector(id) {
    checkId(id);
    return this.#native.getVector(id);
  }

  // ---- deletes and compaction -------------------------------------------------------------------

  /** Marks `id` deleted in O(1): true when this call deleted it, false when it already was. */
  softDelete(id) {
    checkId(id);
    const deleted = this.#native.softDelete(id);
    if (deleted) this.#afterDelete();
    return deleted;
  }

  /** Deletes many ids; never throws for unknown ids, it counts them (EdgeVec's result shape). */
  softDeleteBatch(ids) {
    const result = softDeleteMany(this.#native, ids);
    if (result.deleted > 0) this.#afterDelete();
    return result;
  }

  /** EdgeVec's Safari-14 variant of softDeleteBatch: the same here. */
  softDeleteBatchCompat(ids) {
    return this.softDeleteBatch(ids);
  }

  /** True for a deleted id, false for a live one; UNKNOWN_ID for an id never handed out (as in EdgeVec). */
  isDeleted(id) {
    checkId(id);
    if (this.#native.isDeleted(id)) return true;
    // The engine answers false for ids it never handed out; its cheapest read that checks liveness tells them apart.
    this.#native.metadataKeyCount(id);
    return false;
  }

  liveCount() { return this.#native.liveCount(); }
  deletedCount() { return this.#native.deletedCount(); }
  /** deletedCount / (liveCount + deletedCount). */
  tombstoneRatio() { return this.#native.tombstoneRatio(); }
  needsCompaction() { return this.#native.needsCompaction(); }
  compactionThreshold() { return this.#native.compactionThreshold(); }

  /** EdgeVec's warning text when compaction is due, else undefined. */
  compactionWarning() {
    if (!this.needsCompaction()) return undefined;
    return `${(100 * this.tombstoneRatio()).toFixed(1)}% of the index is deleted vectors `
      + `(threshold ${(100 * this.compactionThreshold()).toFixed(1)}%): call compact()`;
  }

  /** Rebuilds without tombstones; ids do not change. */
  compact() {
    const start = Date.now();
    const removed = this.#native.compact();
    return { tombstones_removed: removed, new_size: this.#native.liveCount(), duration_ms: Date.now() - start };
  }

  // ---- metadata (EdgeVec: per key; reads of an unknown id give undefined, as in EdgeVec) ---------

  setMetadata(id, key, value) {
    checkId(id);
    checkMetadataKey(key, 'metadata key');
    const json = encodeValue(value, `metadata.${key}`);
    this.#native.setMetadataValue(id, key, json);
  }

  /** TeaVec: replaces the whole record of `id` (null or {} removes it). */
  setAllMetadata(id, metadata) {
    checkId(id);
    const json = encodeMetadata(metadata) ?? 'null';
    this.#native.setMetadata(id, json);
  }

  /** The value of `key` of `id`'s record; with `key` omitted, the whole record (EdgeVec's wrapper form). */
  getMetadata(id, key = undefined) {
    if (key === undefined) return this.getAllMetadata(id);
    checkMetadataKey(key, 'metadata key');
    return this.#readMetadata(id, () => decodeJson(this.#native.getMetadataValue(id, key)), undefined);
  }

  hasMetadata(id, key) {
    checkMetadataKey(key, 'metadata key');
    return this.#readMetadata(id, () => this.#native.getMetadataValue(id, key) !== null, false);
  }

  deleteMetadata(id, key) {
    checkMetadataKey(key, 'metadata key');
    return this.#readMetadata(id, () => this.#native.deleteMetadataValue(id, key), false);
  }

  deleteAllMetadata(id) {
    return this.#readMetadata(id, () => this.#native.deleteAllMetadata(id), false);
  }

  /** The whole record as a plain object, or undefined when `id` has none. */
  getAllMetadata(id) {
    return this.#readMetadata(id, () => decodeJson(this.#native.getMetadata(id)), undefined);
  }

  /** Alias of getAllMetadata (EdgeVec's RFC-002 name). */
  getVectorMetadata(id) {
    return this.getAllMetadata(id);
  }

  metadataKeyCount(id) {
    return this.#readMetadata(id, () => this.#native.metadataKeyCount(id), 0);
  }

  metadataVectorCount() { return this.#native.metadataVectorCount(); }
  totalMetadataCount() { return this.#native.totalMetadataCount(); }

  // ---- snapshots (docs/format.md) ----------------------------------------------------------------

  /** A snapshot of the whole index (docs/format.md), for any storage; `EdgeVec.fromBytes` loads it. */
  toBytes() {
    return snapshotOf(this.#native);
  }

  /** The index a snapshot holds; TeaVecError CORRUPT_SNAPSHOT when the bytes are damaged. */
  static fromBytes(bytes) {
    return new EdgeVec(restoredFrom(bytes));
  }

  /** Node: writes the snapshot to `path` atomically (never a partial file under that name). */
  async saveToFile(path) {
    // The snapshot is taken now, before the (lazily loaded) file code: what was written before the call is saved.
    const bytes = this.toBytes();
    await (await import('./files.js')).writeFileAtomic(path, bytes);
  }

  /** Node: loads a file written by `saveToFile`, verifying it. */
  static async loadFromFile(path) {
    return EdgeVec.fromBytes(await (await import('./files.js')).readFileBytes(path));
  }

  /** Browser: saves to IndexedDB as a new generation (docs/indexeddb.md); options: { onProgress }. */
  async save(name, options) {
    return saveSnapshot(name, this.toBytes(), options);
  }

  /** Browser: the newest saved generation that verifies; NOT_FOUND when nothing is saved under `name`. */
  /**
   * Opens, or creates with `config`, the index `name` as a database of one index (docs/database.md): the
   * EdgeVec API whose every change resolves once durable in a write-ahead log. `options` as openDatabase's.
   */
  static async open(name, config = undefined, options = undefined) {
    const { openIndex } = await import('./persistent-open.js');
    return openIndex(name, config, options);
  }

  static async load(name, options) {
    const saved = await loadSnapshot(name, options);
    if (saved === null) throw new TeaVecError('NOT_FOUND', `no index is saved under the name "${name}"`);
    return EdgeVec.fromBytes(saved.bytes);
  }

  /** 'simd' (vectors in Wasm linear memory, SIMD kernels) or 'scalar' (Java heap, scalar kernels). */
  get kernels() { return this.#native.kernels; }

  // ---- memory -----------------------------------------------------------------------------------

  /** Bytes of engine memory held by this index (vectors, graph, ids, metadata estimate). */
  memoryUsage() {
    const metadata = typeof this.#native.metadataBytes === 'function' ? this.#native.metadataBytes() : 0;
    return this.#native.memoryBytes() + metadata;
  }

  /** `{ level: 'normal' | 'warning' | 'critical', usedBytes, totalBytes, usagePercent }`. */
  getMemoryPressure() { return this.#memory.pressure(this.memoryUsage()); }
  getMemoryConfig() { this.#handle.check(); return this.#memory.getConfig(); }
  setMemoryConfig(config) { this.#handle.check(); this.#memory.setConfig(config); }
  /** False when blockInsertsOnCritical is set and memory use is critical (inserts then throw QUOTA_EXCEEDED). */
  canInsert() { return !this.#memory.blocksInserts(this.getMemoryPressure()); }
  getMemoryRecommendation() { return this.#memory.recommendation(this.getMemoryPressure(), this.deletedCount()); }

  /**
   * Returns the index's engine memory now (with the SIMD kernels its vectors live in Wasm linear memory,
   * which no garbage collector reclaims). Afterwards every method throws INDEX_FREED; free() again does
   * nothing. Without it the memory goes when this object is garbage-collected, at an unknown time.
   */
  free() { release(this.#handle); }
  [Symbol.dispose]() { this.free(); }

  /**
   * A test aid, deliberately outside the typed API: checks the engine index's consistency and that the
   * linear memory it holds is exactly what its live vectors and kernels use (nothing stranded by
   * compaction, SQ8 training or the switch to HNSW). Returns those bytes (-1 with scalar kernels).
   */
  [Symbol.for('teavec.checkIntegrity')]() { return this.#native.checkIntegrity(); }

  // ---- helpers ----------------------------------------------------------------------------------

  #readMetadata(id, read, absent) {
    checkId(id);
    try {
      return read();
    } catch (e) {
      const err = engineError(e);
      if (err.code === 'UNKNOWN_ID') return absent;
      throw err;
    }
  }

  #flatten(vectors, what) {
    return flatten(this.#native, vectors, what);
  }

  #checkCanInsert() {
    const pressure = this.#memory.getConfig().blockInsertsOnCritical ? this.getMemoryPressure() : null;
    if (pressure && this.#memory.blocksInserts(pressure)) {
      throw new TeaVecError('QUOTA_EXCEEDED', `memory use is critical (${pressure.usedBytes} of ${pressure.totalBytes} bytes, `
        + `${pressure.usagePercent.toFixed(1)}%) and blockInsertsOnCritical is set: delete and compact, or raise budgetBytes`);
    }
  }

  #afterDelete() {
    if (this.#memory.getConfig().autoCompactOnWarning && this.#memory.compactsOnWarning(this.getMemoryPressure())) {
      this.compact();
    }
  }
}
