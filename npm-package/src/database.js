// A set of named collections, as Chroma's client manages them, held in memory; saved and loaded whole
// as one database snapshot (docs/format.md).
import { requireEngine } from './init.js';
import { TeaVecError, callEngine } from './errors.js';
import { EdgeVecConfig, validateConfig } from './config.js';
import { checkOptions, describe, checkOneOf } from './validate.js';
import { encodeMetadata } from './metadata.js';
import { Collection, PARTS, RELEASE } from './collection.js';
import { indexTypeTable } from './index-types.js';
import { snapshotOf, asInt8Array } from './persistence.js';
import { writeFileAtomic, readFileBytes } from './node-files.js';

const SETTINGS = ['dimensions', 'metric', 'm', 'm0', 'ef_construction', 'ef_search', 'indexType', 'quantization',
  'rerank', 'compactionThreshold', 'seed'];
// Chroma names its metrics in the collection metadata: `{ 'hnsw:space': 'l2' | 'cosine' | 'ip' }`.
const CHROMA_SPACES = { l2: 'l2', cosine: 'cosine', ip: 'dot' };

function checkName(name) {
  if (typeof name !== 'string' || name.length === 0 || name.length > 256) {
    throw new TeaVecError('INVALID_ARGUMENT', `a collection name is a string of 1..256 characters, got ${describe(name)}`);
  }
  return name;
}

/** The name from `{ name }` or a bare name. */
function nameOf(args) {
  return checkName(typeof args === 'string' ? args : checkOptions(args, 'collection options').name);
}

/** Index settings from createCollection's options, validated (INVALID_CONFIG) before anything exists. */
function settingsOf(opts) {
  const unknown = Object.keys(opts).filter((k) => !SETTINGS.includes(k) && !['name', 'metadata'].includes(k));
  if (unknown.length > 0) {
    throw new TeaVecError('INVALID_CONFIG', `unknown collection option(s) ${unknown.join(', ')}; known: name, metadata, ${SETTINGS.join(', ')}`);
  }
  const settings = {};
  for (const key of SETTINGS) if (opts[key] !== undefined) settings[key] = opts[key];
  const space = opts.metadata?.['hnsw:space'];
  if (settings.metric === undefined && space !== undefined) {
    checkOneOf("metadata['hnsw:space']", space, Object.keys(CHROMA_SPACES));
    settings.metric = CHROMA_SPACES[space];
  }
  const probe = Object.assign(new EdgeVecConfig(1), settings);
  const valid = validateConfig(probe);
  return { ...settings, metric: valid.metric, indexType: valid.indexType };
}

const isPlainObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * A collection as a snapshot holds it, checked as createCollection checks its options and against its
 * index: `{ name, metadata, settings }`. Throws (any code); the caller reports CORRUPT_SNAPSHOT.
 * `settingsJson` is null in version 1 snapshots, whose collections all had an index.
 */
function restoredParts(name, settingsJson, native) {
  checkName(name);
  const saved = settingsJson === null ? {} : JSON.parse(settingsJson);
  const settings = saved.settings ?? {};
  if (!isPlainObject(saved) || !isPlainObject(settings)) throw new Error('its settings are not an object');
  if (native) {
    settings.metric ??= native.metric;
    if (settings.metric !== native.metric || (settings.dimensions ?? native.dimensions) !== native.dimensions) {
      throw new Error(`its settings (${settings.metric}, ${settings.dimensions} dimensions) do not match its index `
        + `(${native.metric}, ${native.dimensions})`);
    }
  } else if (settings.dimensions !== undefined) {
    throw new Error('it has dimensions but no index');
  }
  const metadata = saved.metadata ?? null;
  return {
    name,
    metadata: metadata === null ? null : JSON.parse(encodeMetadata(metadata, 'metadata')),
    settings: settingsOf({ ...settings, metadata: undefined }),
  };
}

/**
 * Collections by name. The database owns its collections and they own their engine indexes
 * (src/native-handle.js): deleteCollection and free() return their memory at once; otherwise each goes
 * when neither the database nor its Collection object is reachable any more.
 */
export class Database {
  #collections = new Map();
  #freed = false;

  /**
   * A new, empty collection. Options: `name`, `metadata` (the collection's own; Chroma's
   * `'hnsw:space'` picks the metric), `dimensions` (else taken from the first add) and any
   * EdgeVecConfig setting (`metric` default 'cosine', `indexType`, `quantization`, …).
   */
  createCollection(options) {
    this.#check();
    const opts = checkOptions(options, 'createCollection options');
    const name = checkName(opts.name);
    if (this.#collections.has(name)) {
      throw new TeaVecError('DUPLICATE_ID', `a collection named ${JSON.stringify(name)} already exists (use getOrCreateCollection)`);
    }
    const settings = settingsOf(opts);
    const metadata = opts.metadata === undefined || opts.metadata === null ? null : JSON.parse(encodeMetadata(opts.metadata, 'metadata'));
    requireEngine();
    const state = { dropped: false };
    const collection = new Collection(name, metadata, settings, state);
    this.#collections.set(name, { collection, state });
    return collection;
  }

  /** The collection named `name` (`{ name }` or the bare name); UNKNOWN_ID if there is none. */
  getCollection(args) {
    this.#check();
    const name = nameOf(args);
    const entry = this.#collections.get(name);
    if (!entry) {
      throw new TeaVecError('UNKNOWN_ID', `no collection named ${JSON.stringify(name)}; existing: `
        + `${[...this.#collections.keys()].map((n) => JSON.stringify(n)).join(', ') || 'none'}`);
    }
    return entry.collection;
  }

  /** The existing collection of that name (its options are then ignored), or a new one. */
  getOrCreateCollection(options) {
    this.#check();
    const name = checkName(checkOptions(options, 'getOrCreateCollection options').name);
    return this.#collections.get(name)?.collection ?? this.createCollection(options);
  }

  /** Every collection, in creation order. */
  listCollections() {
    this.#check();
    return [...this.#collections.values()].map((e) => e.collection);
  }

  countCollections() {
    this.#check();
    return this.#collections.size;
  }

  // ---- snapshots (docs/format.md) ----------------------------------------------------------------

  /**
   * A snapshot of every collection (name, metadata, settings, records, index), in creation order;
   * `Database.fromBytes` loads it.
   */
  toBytes() {
    this.#check();
    const out = requireEngine().newDatabase();
    for (const { collection } of this.#collections.values()) {
      const parts = collection[PARTS]();
      const settings = JSON.stringify({ metadata: parts.metadata, settings: parts.settings });
      if (parts.native) out.add(parts.name, settings, parts.native);
      else out.addWithoutIndex(parts.name, settings);
    }
    return snapshotOf(out);
  }

  /** The database a snapshot holds; TeaVecError CORRUPT_SNAPSHOT when the bytes are damaged. */
  static fromBytes(bytes) {
    const view = asInt8Array(bytes);
    const engine = requireEngine();
    const saved = callEngine(() => engine.databaseFromBytes(view, indexTypeTable));
    const db = new Database();
    for (let i = 0; i < saved.count; i++) {
      const name = saved.name(i);
      const native = saved.index(i);
      let parts;
      try {
        parts = restoredParts(name, saved.settings(i), native);
      } catch (e) {
        // Nothing of this snapshot is handed out: free every index it holds, those of earlier collections too.
        for (let j = 0; j < saved.count; j++) saved.index(j)?.free();
        throw new TeaVecError('CORRUPT_SNAPSHOT', `collection ${JSON.stringify(name)}: ${e.message}`);
      }
      const state = { dropped: false };
      const collection = new Collection(parts.name, parts.metadata, parts.settings, state, { native });
      db.#collections.set(name, { collection, state });
    }
    return db;
  }

  /** Node: writes the snapshot to `path` atomically (never a partial file under that name). */
  async saveToFile(path) {
    await writeFileAtomic(path, this.toBytes());
  }

  /** Node: loads a file written by `saveToFile`, verifying it. */
  static async loadFromFile(path) {
    return Database.fromBytes(await readFileBytes(path));
  }

  /** Deletes the collection and its records, freeing its engine memory; the Collection object then throws UNKNOWN_ID. */
  deleteCollection(args) {
    this.#check();
    const name = nameOf(args);
    const entry = this.#collections.get(name);
    if (!entry) throw new TeaVecError('UNKNOWN_ID', `no collection named ${JSON.stringify(name)}`);
    entry.state.dropped = true;
    entry.collection[RELEASE]();
    this.#collections.delete(name);
  }

  /**
   * Returns the engine memory of every collection now. Afterwards this database and its Collection
   * objects throw INDEX_FREED; free() again does nothing. Without it the memory goes when the database
   * and its collections are garbage-collected.
   */
  free() {
    if (this.#freed) return;
    this.#freed = true;
    for (const { collection } of this.#collections.values()) collection[RELEASE]();
    this.#collections.clear();
  }

  [Symbol.dispose]() {
    this.free();
  }

  #check() {
    if (this.#freed) {
      throw new TeaVecError('INDEX_FREED', 'this database was freed (free() was called): its engine memory is returned; '
        + 'create or load a new one');
    }
  }
}
