// A set of named collections, as Chroma's client manages them, held in memory.
import { requireEngine } from './init.js';
import { TeaVecError } from './errors.js';
import { EdgeVecConfig, validateConfig } from './config.js';
import { checkOptions, describe, checkOneOf } from './validate.js';
import { encodeMetadata } from './metadata.js';
import { Collection } from './collection.js';

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

export class Database {
  #collections = new Map();

  /**
   * A new, empty collection. Options: `name`, `metadata` (the collection's own; Chroma's
   * `'hnsw:space'` picks the metric), `dimensions` (else taken from the first add) and any
   * EdgeVecConfig setting (`metric` default 'cosine', `indexType`, `quantization`, …).
   */
  createCollection(options) {
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
    const name = checkName(checkOptions(options, 'getOrCreateCollection options').name);
    return this.#collections.get(name)?.collection ?? this.createCollection(options);
  }

  /** Every collection, in creation order. */
  listCollections() {
    return [...this.#collections.values()].map((e) => e.collection);
  }

  countCollections() {
    return this.#collections.size;
  }

  /** Deletes the collection and its records; the Collection object then throws UNKNOWN_ID. */
  deleteCollection(args) {
    const name = nameOf(args);
    const entry = this.#collections.get(name);
    if (!entry) throw new TeaVecError('UNKNOWN_ID', `no collection named ${JSON.stringify(name)}`);
    entry.state.dropped = true;
    this.#collections.delete(name);
  }
}
