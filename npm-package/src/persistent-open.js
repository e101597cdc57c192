// openDatabase: picks the storage, takes the writer lock (or follows the writer read-only), recovers the
// newest verified checkpoint plus the valid log after it, and hands out a PersistentDatabase.
import { TeaVecError } from './errors.js';
import { requireEngine } from './init.js';
import { checkOptions, checkOneOf } from './validate.js';
import { describe } from './describe.js';
import { openLogStorage } from './wal-store.js';
import { PersistentDatabase, databaseKind } from './persistent-database.js';
import { RerankTier } from './rerank-tier.js';
import { nodePlatform } from './files.js';
import { persistentIndex, indexKind } from './persistent-index.js';
import { LoggedState, DEFAULT_CHECKPOINT_BYTES } from './logged-state.js';
import { acquireWriterLock, openChannel, channelName } from './writer-lock.js';
import { DeferredLinks } from './deferred-links.js';

const OPTIONS = ['storage', 'durability', 'flushIntervalMs', 'checkpointBytes', 'onLocked', 'readOnly', 'quotaBytes'];
const STORAGES = ['auto', 'indexeddb', 'opfs', 'file', 'memory'];

function checkOpenOptions(name, options) {
  if (typeof name !== 'string' || name.length === 0 || name.length > 256) {
    throw new TeaVecError('INVALID_ARGUMENT', `a database name is a string of 1..256 characters, got ${describe(name)}`);
  }
  const opts = checkOptions(options, 'openDatabase options');
  const unknown = Object.keys(opts).filter((k) => !OPTIONS.includes(k));
  if (unknown.length > 0) {
    throw new TeaVecError('INVALID_ARGUMENT', `unknown openDatabase option(s) ${unknown.join(', ')}; known: ${OPTIONS.join(', ')}`);
  }
  const out = {
    storage: opts.storage ?? 'auto',
    durability: opts.durability ?? 'strict',
    flushIntervalMs: opts.flushIntervalMs ?? 100,
    checkpointBytes: opts.checkpointBytes ?? DEFAULT_CHECKPOINT_BYTES,
    onLocked: opts.onLocked ?? 'wait',
    readOnly: opts.readOnly ?? false,
    quotaBytes: opts.quotaBytes ?? Infinity,
  };
  checkOneOf('storage', out.storage, STORAGES, 'INVALID_ARGUMENT');
  checkOneOf('durability', out.durability, ['strict', 'relaxed'], 'INVALID_ARGUMENT');
  checkOneOf('onLocked', out.onLocked, ['wait', 'readonly'], 'INVALID_ARGUMENT');
  if (typeof out.readOnly !== 'boolean') throw new TeaVecError('INVALID_ARGUMENT', `readOnly must be a boolean, got ${describe(out.readOnly)}`);
  if (!Number.isInteger(out.flushIntervalMs) || out.flushIntervalMs < 0 || out.flushIntervalMs > 60_000) {
    throw new TeaVecError('INVALID_ARGUMENT', `flushIntervalMs must be an integer in 0..60000, got ${describe(out.flushIntervalMs)}`);
  }
  if (!Number.isSafeInteger(out.checkpointBytes) || out.checkpointBytes < 1) {
    throw new TeaVecError('INVALID_ARGUMENT', `checkpointBytes must be a positive integer, got ${describe(out.checkpointBytes)}`);
  }
  if (!(out.quotaBytes === Infinity || (Number.isSafeInteger(out.quotaBytes) && out.quotaBytes >= 0))) {
    throw new TeaVecError('INVALID_ARGUMENT', `quotaBytes must be a non-negative integer or Infinity, got ${describe(out.quotaBytes)}`);
  }
  if (out.quotaBytes !== Infinity && out.storage !== 'memory') {
    throw new TeaVecError('INVALID_ARGUMENT', "quotaBytes applies to storage 'memory' only (a test aid)");
  }
  return out;
}

/**
 * How the rerank 'storage' rows files of database `name` are reached: opened once the writer lock is held (OPFS
 * slots are exclusive handles); null where there are none (rerank-tier.js then says NOT_SUPPORTED).
 */
function rowFiles(storage, name) {
  if (storage === 'file') return async () => (await nodePlatform("storage 'file'")).nodeRowFiles(name);
  if (storage === 'opfs' && typeof globalThis.FileSystemSyncAccessHandle === 'function') {
    return async () => (await import('./rerank-opfs-files.js')).opfsRowFiles(name);
  }
  if (storage === 'indexeddb') return async () => (await import('./rerank-idb-files.js')).idbRowFiles(name);
  return null;
}

const inDedicatedWorker = () => typeof globalThis.DedicatedWorkerGlobalScope === 'function'
  && globalThis instanceof globalThis.DedicatedWorkerGlobalScope;

/** 'auto': OPFS where synchronous access handles exist (dedicated workers), else IndexedDB, else Node files. */
function pickStorage(storage) {
  if (storage !== 'auto') return storage;
  if (inDedicatedWorker() && typeof globalThis.FileSystemSyncAccessHandle === 'function') return 'opfs';
  if (typeof globalThis.indexedDB === 'object' && globalThis.indexedDB !== null) return 'indexeddb';
  if (typeof globalThis.process?.versions?.node === 'string') return 'file';
  throw new TeaVecError('NOT_SUPPORTED', "no durable storage here (no OPFS, IndexedDB or Node file system): use storage 'memory'");
}

// Where a reopen's time goes, for bench/reopen.mjs and profilers: measures named teavec:read / checkpoint / replay.
const measure = (what, start, end) => globalThis.performance?.measure?.(`teavec:${what}`, { start, end });

/**
 * Recovery: the newest verified checkpoint, then every valid record after it, applied in order; their graph
 * links deferred (`links`: deferred-links.js), so that replay stores records without HNSW insertion.
 */
async function recoverSession(storage, kind, links, { writable, durability, flushIntervalMs }) {
  const t0 = performance.now();
  const found = await storage.recover({ pieces: true });
  const { checkpoint, records } = found;
  let t1;
  let state;
  try {
    await kind.loadCheckpoint?.(checkpoint);
    t1 = performance.now();
    state = kind.fromCheckpoint(checkpoint.bytes, checkpoint);
  } finally {
    // An OPFS checkpoint's file stayed open for the decode (wal-store.js): closed once decoded.
    checkpoint.bytes?.release?.();
  }
  const t2 = performance.now();
  let appliedSeq = checkpoint.seq;
  try {
    links.adopt(state);
    for (const record of records) {
      kind.apply(state, record);
      appliedSeq = record.seq;
      // A collection the record created (or gave its first vectors) defers from its next record on.
      links.applied(state, record);
    }
  } catch (e) {
    kind.free(state);
    throw e;
  }
  measure('read', t0, t1);
  measure('checkpoint', t1, t2);
  measure('replay', t2, performance.now());
  const recovery = {
    ...found.recovery, replayed: records.length, generation: checkpoint.generation, skippedCheckpoints: checkpoint.skipped,
    // IndexedDB: the browser discarded the origin's data (docs/indexeddb.md) and nothing was stored since.
    storageLost: !checkpoint.bytes && records.length === 0 ? checkpoint.storageLost ?? null : null,
  };
  const writer = writable ? storage.writer({ durability, flushIntervalMs }) : null;
  return { state, recovery, writer, appliedSeq };
}

/**
 * Opens (creating if needed) the database `name`. Resolves once it is recovered; see docs/database.md for
 * the options.
 */
export async function open(name, options = undefined) {
  const opts = checkOpenOptions(name, options);
  const storage = pickStorage(opts.storage);
  const tier = new RerankTier(storage, rowFiles(storage, name));
  return new PersistentDatabase(await openLogged(name, { ...opts, storage }, databaseKind(tier)));
}

/**
 * Opens (creating with `config` if needed) the index `name` (EdgeVec.open). An existing index keeps its
 * settings (the config is used to create it only); a config of other dimensions is INVALID_CONFIG.
 */
export async function openIndex(name, config, options = undefined) {
  const logged = await openLogged(name, checkOpenOptions(name, options), indexKind(config));
  const { dimensions } = logged.state();
  if (config && config.dimensions !== dimensions) {
    await logged.close();
    throw new TeaVecError('INVALID_CONFIG', `index ${JSON.stringify(name)} exists with ${dimensions} dimensions, the config `
      + `asks for ${config.dimensions} (an existing index keeps its settings: open it without a config)`);
  }
  // A new index's settings live only in its config: a first checkpoint stores them for every later open.
  if (!logged.readOnly && logged.recovery.generation === 0) await logged.checkpoint();
  return persistentIndex(logged);
}

async function openLogged(name, opts, kind) {
  requireEngine();
  const storage = pickStorage(opts.storage);
  if (storage === 'opfs' && opts.readOnly) {
    throw new TeaVecError('NOT_SUPPORTED', 'an OPFS database has one opener at a time (its files\' synchronous access '
      + "handles are exclusive): read-only followers need storage 'indexeddb'");
  }
  const lockName = channelName(storage, name);
  // OPFS cannot have followers (above): a second opener waits for the writer whatever onLocked says.
  const wait = opts.onLocked === 'wait' || storage === 'opfs';
  const release = opts.readOnly ? null : await acquireWriterLock(lockName, wait);
  const writable = release !== null;
  const openStorage = () => openLogStorage(name, { storage, quotaBytes: opts.quotaBytes });
  let log;
  let session;
  const links = new DeferredLinks(kind.nativesOf, kind.nativeOf);
  try {
    log = await openStorage();
    await kind.prepare?.();
    session = await recoverSession(log, kind, links, { ...opts, writable });
  } catch (e) {
    kind.close?.();
    await log?.close().catch(() => {});
    release?.();
    throw e;
  }
  // OPFS has no followers (above): announcing each change there would be a structured clone per write for no one.
  const channel = storage === 'opfs' ? null : openChannel(lockName);
  const hooks = {
    checkpointBytes: opts.checkpointBytes,
    published: writable && channel ? (seq, record) => channel.postMessage({ seq, record }) : () => {},
    applied: (record) => links.wrote(record),
    pendingLinks: () => links.pending,
    reopen: async () => {
      log = await openStorage();
      return recoverSession(log, kind, links, { ...opts, writable });
    },
    close: async () => {
      links.close();
      channel?.close();
      // A writer's close released its storage; a follower's storage is still open.
      if (!writable) await log.close().catch(() => {});
      release?.();
    },
  };
  const logged = new LoggedState(name, storage, !writable, session, { ...hooks, kind });
  links.attach(() => logged.state());
  // What the replay left pending is linked in idle slices from here on.
  links.wrote();
  if (!writable && channel) followWriter(logged, channel, async () => recoverSession(log, kind, links, { ...opts, writable }));
  channel?.unref?.();
  return logged;
}

/**
 * A follower applies each change the writer announces once durable; on a gap (a notice missed, or sent
 * before this database had recovered) it reads the storage again.
 */
function followWriter(logged, channel, reread) {
  let resyncing = null;
  channel.onmessage = ({ data }) => {
    if (resyncing || logged.follow(data.seq, data.record)) return;
    resyncing = reread().then((session) => logged.replaceSession(session), () => {}).finally(() => { resyncing = null; });
  };
}
