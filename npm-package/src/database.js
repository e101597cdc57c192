// A set of named collections, as Chroma's client manages them, held in memory; saved and loaded whole
// as one database snapshot (docs/format.md).
import { requireEngine } from './init.js';
import { TeaVecError } from './errors.js';
import { SETTING_NAMES, resolvedSettings } from './config.js';
import { checkOptions, describe, checkOneOf } from './validate.js';
import { encodeMetadata } from './metadata.js';
import { Collection, PARTS, RELEASE, CHROMA_SPACES } from './collection.js';
import { indexTypeTable } from './index-types.js';
import { snapshotOf, asInt8Array } from './persistence.js';
import { textState } from './text-state.js';

const SETTINGS = SETTING_NAMES;

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

/**
 * The options of `(options)` or `(name, options)` (Chroma's object form, and the positional form of
 * Chroma's Python client and EdgeVec code), as one object holding the name.
 */
function collectionOptions(nameOrOptions, options, what) {
  if (typeof nameOrOptions !== 'string') return checkOptions(nameOrOptions, `${what} options`);
  const opts = checkOptions(options, `${what} options`);
  if (opts.name !== undefined && opts.name !== nameOrOptions) {
    throw new TeaVecError('INVALID_ARGUMENT', `${what}(name, options) got two names: ${describe(nameOrOptions)} and `
      + `options.name ${describe(opts.name)}`);
  }
  return { ...opts, name: nameOrOptions };
}

/** Index settings from createCollection's options, validated (INVALID_CONFIG) before anything exists. */
function settingsOf(opts) {
  const unknown = Object.keys(opts).filter((k) => !SETTINGS.includes(k) && !['name', 'metadata', 'embeddingFunction'].includes(k));
  if (unknown.length > 0) {
    throw new TeaVecError('INVALID_CONFIG', `unknown collection option(s) ${unknown.join(', ')}; known: name, metadata, `
      + `embeddingFunction, ${SETTINGS.join(', ')}`);
  }
  const settings = {};
  for (const key of SETTINGS) if (opts[key] !== undefined) settings[key] = opts[key];
  // Chroma's order: the metadata's space, else the embedding function's own.
  const space = opts.metadata?.['hnsw:space'] ?? opts.embeddingFunction?.defaultSpace?.();
  if (settings.metric === undefined && space !== undefined) {
    checkOneOf("metadata['hnsw:space']", space, Object.keys(CHROMA_SPACES));
    settings.metric = CHROMA_SPACES[space];
  }
  // Checked by the engine now (a collection without dimensions yet is checked as 1-dimensional).
  const valid = resolvedSettings({ dimensions: 1, ...settings });
  return { ...settings, metric: valid.metric, indexType: valid.indexType };
}

const shown = (v) => (typeof v === 'string' ? `'${v}'` : String(v));

/**
 * The first setting `opts` asks for that `collection` does not have, as text; null when all match.
 * Settings not given are not compared; given ones are compared as the index uses them (defaults
 * filled in, 'hnsw:space' as the metric, dimensions as fixed by the first add). Other metadata is not
 * a setting.
 */
function differingSetting(collection, opts) {
  const asked = settingsOf(opts);
  const { settings } = collection[PARTS]();
  // Both sides as the engine fills them in (a collection without dimensions yet counts as 1-dimensional).
  const want = resolvedSettings({ dimensions: 1, ...asked });
  const have = resolvedSettings({ dimensions: 1, ...settings });
  for (const key of SETTINGS) {
    if (opts[key] === undefined && !(key === 'metric' && opts.metadata?.['hnsw:space'] !== undefined)) continue;
    const wanted = key === 'dimensions' ? opts.dimensions : want[key];
    const actual = key === 'dimensions' ? collection.dimensions ?? settings.dimensions : have[key];
    if (wanted !== actual) {
      return `${key} ${shown(wanted)}, it has ${actual === undefined ? 'none yet (they come with its first add)' : shown(actual)}`;
    }
  }
  return null;
}

/**
 * A collection's name-independent description, as snapshots and the log's create records hold it:
 * `{ metadata, settings, embeddingFunction?: { name, config } }` (docs/format.md).
 */
export function collectionJson(collection) {
  const parts = collection[PARTS]();
  return JSON.stringify({ metadata: parts.metadata, settings: parts.settings, embeddingFunction: parts.embeddingFunction });
}

/**
 * What a collection keeps of an embedding function: `{ fn, name, config }`; `name` (and the JSON of `getConfig()`)
 * is what it saves to re-attach the function from the registry later, null for a function without a name.
 */
function embeddingOf(fn, saved = undefined) {
  if (fn === undefined || fn === null) return saved ? { fn: null, ...saved } : null;
  if (typeof fn !== 'object' || typeof fn.generate !== 'function') {
    throw new TeaVecError('INVALID_ARGUMENT', 'embeddingFunction must be an object with generate(texts) (Chroma\'s '
      + `EmbeddingFunction interface), got ${describe(fn)}`);
  }
  const name = typeof fn.name === 'string' && fn.name ? fn.name : null;
  if (saved?.name && name && name !== saved.name) {
    throw new TeaVecError('INVALID_CONFIG', `the collection embeds with "${saved.name}", not "${name}": its vectors `
      + 'come from that function (embed with another one yourself and pass embeddings)');
  }
  if (saved) return { fn, ...saved };
  return { fn, name, config: name ? JSON.parse(JSON.stringify(fn.getConfig?.() ?? {})) : {} };
}

/** The persistent database's way to create a collection from a log record (`[RESTORE](name, json)`). */
export const RESTORE = Symbol('teavec.databaseRestore');
/** Database[FROM_CHECKPOINT](bytes, crcVerified): fromBytes for openDatabase's recovery (not a public API). */
export const FROM_CHECKPOINT = Symbol('teavec.databaseFromCheckpoint');
/** openDatabase's hook for rerank 'storage' collections (src/rerank-tier.js). */
export const ROWS = Symbol('teavec.databaseRows');

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
  const ef = saved.embeddingFunction;
  if (ef !== undefined && (!isPlainObject(ef) || typeof ef.name !== 'string' || !isPlainObject(ef.config))) {
    throw new Error('its embedding function is not { name, config }');
  }
  return {
    name,
    metadata: metadata === null ? null : JSON.parse(encodeMetadata(metadata, 'metadata')),
    settings: settingsOf({ ...settings, metadata: undefined }),
    embedding: embeddingOf(undefined, ef),
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
  #rowsFor = null;

  /** openDatabase's rerank 'storage' tier: `(name, settings) => rows` for each such collection (rerank-tier.js). */
  [ROWS](rowsFor) {
    this.#rowsFor = rowsFor;
  }

  /** A collection's shared state; with rerank 'storage', its float rows (NOT_SUPPORTED outside openDatabase). */
  #stateWith(name, settings) {
    const state = this.#stateOf(name);
    if (settings.rerank === 'storage') {
      if (!this.#rowsFor) {
        throw new TeaVecError('NOT_SUPPORTED', `collection ${JSON.stringify(name)}: rerank 'storage' re-reads float `
          + "vectors from a database's storage: open one with openDatabase(name, { storage: 'file' | 'opfs' })");
      }
      state.rows = this.#rowsFor(name, settings);
    }
    return state;
  }

  /**
   * A new, empty collection. Options: `name`, `metadata` (the collection's own; Chroma's
   * `'hnsw:space'` picks the metric), `dimensions` (else taken from the first add) and any
   * EdgeVecConfig setting (`metric` default 'cosine', `indexType`, `quantization`, …), and
   * `embeddingFunction` (Chroma's interface; its name and getConfig() are saved with the collection). Also
   * `(name, options)`.
   */
  createCollection(nameOrOptions, options = undefined) {
    this.#check();
    return this.#create(collectionOptions(nameOrOptions, options, 'createCollection'));
  }

  #create(opts, saved = undefined) {
    const name = checkName(opts.name);
    if (this.#collections.has(name)) {
      throw new TeaVecError('DUPLICATE_ID', `a collection named ${JSON.stringify(name)} already exists (use getOrCreateCollection)`);
    }
    const settings = settingsOf(opts);
    const metadata = opts.metadata === undefined || opts.metadata === null ? null : JSON.parse(encodeMetadata(opts.metadata, 'metadata'));
    requireEngine();
    const state = this.#stateWith(name, settings);
    state.embedding = embeddingOf(opts.embeddingFunction, saved);
    const collection = new Collection(name, metadata, settings, state);
    this.#collections.set(name, { collection, state });
    return collection;
  }

  /** A collection as a log's create record describes it (see collectionJson). */
  [RESTORE](name, json) {
    const saved = JSON.parse(json);
    return this.#create({ ...saved.settings, name, metadata: saved.metadata }, saved.embeddingFunction);
  }

  /** What a Collection shares with its database: whether it was dropped, and how to rename it (modify). */
  #stateOf(initialName) {
    let name = initialName;
    // Weakly: a collection in use must not keep its database reachable (its engine memory goes with it).
    const database = new WeakRef(this);
    const state = {
      dropped: false,
      rename: (newName) => {
        checkName(newName);
        const db = database.deref();
        if (db?.#collections.has(newName)) {
          throw new TeaVecError('DUPLICATE_ID', `a collection named ${JSON.stringify(newName)} already exists`);
        }
        if (db) {
          // Map order is creation order (listCollections, snapshots): the renamed entry keeps its place.
          const entries = [...db.#collections].map(([key, entry]) => [key === name ? newName : key, entry]);
          db.#collections = new Map(entries);
        }
        name = newName;
      },
    };
    return state;
  }

  /**
   * The collection named `name` (`{ name }` or the bare name); UNKNOWN_ID if there is none. `{ name,
   * embeddingFunction }` attaches that function (one of another name than the saved one is INVALID_CONFIG).
   */
  getCollection(args) {
    this.#check();
    const name = nameOf(args);
    const entry = this.#collections.get(name);
    if (!entry) {
      throw new TeaVecError('UNKNOWN_ID', `no collection named ${JSON.stringify(name)}; existing: `
        + `${[...this.#collections.keys()].map((n) => JSON.stringify(n)).join(', ') || 'none'}`);
    }
    this.#attach(entry, args?.embeddingFunction);
    return entry.collection;
  }

  #attach(entry, fn) {
    if (fn === undefined) return;
    const saved = entry.state.embedding;
    entry.state.embedding = embeddingOf(fn, saved?.name ? { name: saved.name, config: saved.config } : undefined);
  }

  /**
   * The existing collection of that name, or a new one. Settings given must match the existing
   * collection's (INVALID_CONFIG naming the first that differs); its metadata is left as it is.
   * Also `(name, options)`.
   */
  getOrCreateCollection(nameOrOptions, options = undefined) {
    this.#check();
    const opts = collectionOptions(nameOrOptions, options, 'getOrCreateCollection');
    const entry = this.#collections.get(checkName(opts.name));
    if (!entry) return this.createCollection(opts);
    const differs = differingSetting(entry.collection, opts);
    if (differs !== null) {
      throw new TeaVecError('INVALID_CONFIG', `collection ${JSON.stringify(opts.name)} exists with other settings: `
        + `getOrCreateCollection asked for ${differs} (getCollection takes it as it is)`);
    }
    this.#attach(entry, opts.embeddingFunction);
    return entry.collection;
  }

  /** Every collection, in creation order; Chroma's `{ limit, offset }` page through them. */
  listCollections(args = undefined) {
    this.#check();
    const { limit, offset = 0 } = checkOptions(args, 'listCollections options');
    return [...this.#collections.values()].slice(offset, limit === undefined ? undefined : offset + limit).map((e) => e.collection);
  }

  countCollections() {
    this.#check();
    return this.#collections.size;
  }

  /**
   * Checks every collection's index and record store (graph links, id maps, records); throws a TeaVecError
   * naming the first unsound structure. For tests and crash recovery checks: it reads everything.
   */
  checkIntegrity() {
    this.#check();
    for (const { collection } of this.#collections.values()) collection[PARTS]().native?.checkIntegrity();
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
      const settings = collectionJson(collection);
      if (parts.native) out.add(parts.name, settings, parts.native);
      else out.addWithoutIndex(parts.name, settings);
      if (parts.native) for (const bytes of parts.text?.toBytes() ?? []) out.addTextIndex(bytes);
    }
    return snapshotOf(out);
  }

  /** The database a snapshot holds; TeaVecError CORRUPT_SNAPSHOT when the bytes are damaged. */
  static fromBytes(bytes) {
    return Database[FROM_CHECKPOINT](bytes, false);
  }

  /**
   * fromBytes of a checkpoint whose CRC-32 the log storage verified (`crcVerified`: not checksummed again);
   * its bytes may be in pieces (an IndexedDB checkpoint, wal-store.js), which the engine reads as they are.
   */
  static [FROM_CHECKPOINT](bytes, crcVerified, rowsFor = null) {
    const view = crcVerified && bytes.pieces ? bytes : asInt8Array(bytes);
    const saved = requireEngine().databaseFromBytes(view, indexTypeTable, crcVerified ? 1 : 0);
    const db = new Database();
    db.#rowsFor = rowsFor;
    for (let i = 0; i < saved.count; i++) {
      const name = saved.name(i);
      const native = saved.index(i);
      let parts;
      let text;
      let state;
      try {
        parts = restoredParts(name, saved.settings(i), native);
        const texts = Array.from({ length: saved.textIndexCount(i) }, (_, j) => saved.textIndex(i, j));
        if (texts.length > 0 && !native) throw new Error('it has text indexes but no records');
        text = texts.length > 0 ? textState(texts) : undefined;
        state = db.#stateWith(name, parts.settings);
      } catch (e) {
        // Nothing of this snapshot is handed out: free every index it holds, those of earlier collections too.
        for (let j = 0; j < saved.count; j++) saved.index(j)?.free();
        if (e.code === 'NOT_SUPPORTED') throw e;
        throw new TeaVecError('CORRUPT_SNAPSHOT', `collection ${JSON.stringify(name)}: ${e.message}`);
      }
      state.embedding = parts.embedding;
      state.text = text;
      const collection = new Collection(parts.name, parts.metadata, parts.settings, state, { native });
      db.#collections.set(name, { collection, state });
    }
    return db;
  }

  /** Node: writes the snapshot to `path` atomically (never a partial file under that name). */
  async saveToFile(path) {
    // The snapshot is taken now, before the (lazily loaded) file code: what was written before the call is saved.
    const bytes = this.toBytes();
    await (await import('./files.js')).writeFileAtomic(path, bytes);
  }

  /** Node: loads a file written by `saveToFile`, verifying it. */
  static async loadFromFile(path) {
    return Database.fromBytes(await (await import('./files.js')).readFileBytes(path));
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
