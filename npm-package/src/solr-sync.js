// Sync between a local collection (any object with the Collection API: get, upsert, delete) and a
// SolrCollection. push sends local changes, pull brings a subset into the local collection: the offline
// hot cache. The conflict rule (docs/solr.md): every remote record and delete carries a version; Solr
// keeps the highest, so the last writer wins and repeating a write is a no-op.
import { TeaVecError } from './errors.js';
import { F, VersionClock, recordHash } from './solr-layout.js';
import { SolrCollection, REALTIME, WRITE, SCAN, HTTP } from './solr-collection.js';

const PAGE = 1000;
const ALL_FIELDS = [F.id, F.vector, F.metadata, F.document];
const INCLUDE_ALL = ['embeddings', 'metadatas', 'documents'];

function checkRemote(remote) {
  if (!(remote instanceof SolrCollection)) {
    throw new TeaVecError('INVALID_ARGUMENT', 'the remote side of push/pull must be a SolrCollection');
  }
}

function checkLocal(local) {
  if (local === null || typeof local !== 'object' || typeof local.get !== 'function' || typeof local.upsert !== 'function'
    || typeof local.delete !== 'function') {
    throw new TeaVecError('INVALID_ARGUMENT', 'the local side of push/pull must be a collection (get, upsert, delete)');
  }
}

function pageSizeOf(value) {
  if (value === undefined) return PAGE;
  if (!Number.isInteger(value) || value < 1) {
    throw new TeaVecError('INVALID_ARGUMENT', `pageSize must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Local records of a GetResult as `{ id, embedding, metadata, document }`. */
function recordsOf(result) {
  return result.ids.map((id, i) => ({
    id,
    embedding: Float32Array.from(result.embeddings[i]),
    metadata: result.metadatas[i],
    document: result.documents[i],
  }));
}

/**
 * A change feed made by comparing (diff) the local collection with the remote one: one put per local
 * record that is missing remotely or differs (by content hash), and, with `mirror`, one delete per remote
 * record the local collection does not have. Local records deleted remotely (a tombstone) are not put
 * back: without per-record times a remote delete wins (`skippedDeleted`). Without a change log it reads
 * every local record and asks the remote for their hashes; a feed over the persistent database's
 * write-ahead log will give the changes since a sequence number instead (docs/solr.md).
 */
export class DiffFeed {
  #local;
  #remote;
  #mirror;
  #pageSize;
  /** Records the remote already has as they are. */
  unchanged = 0;
  /** Ids deleted remotely (tombstones) that the local collection still has: not pushed. */
  skippedDeleted = [];

  constructor(local, remote, { mirror = false, pageSize = undefined } = {}) {
    checkLocal(local);
    checkRemote(remote);
    this.#local = local;
    this.#remote = remote;
    this.#mirror = mirror === true;
    this.#pageSize = pageSizeOf(pageSize);
  }

  /** Batches of changes `{ op: 'put', id, embedding, metadata, document }` / `{ op: 'delete', id }`. */
  async* changes(_since = undefined, signal = undefined) {
    for (let offset = 0; ; offset += this.#pageSize) {
      const page = await this.#local.get({ offset, limit: this.#pageSize, include: INCLUDE_ALL });
      if (page.ids.length === 0) break;
      const records = recordsOf(page);
      const [hashes, remote] = await Promise.all([
        Promise.all(records.map(recordHash)),
        this.#remote[REALTIME](page.ids, [F.id, F.hash], signal),
      ]);
      const there = new Map(remote.map((r) => [r.id, r]));
      const puts = [];
      records.forEach((r, i) => {
        const theirs = there.get(r.id);
        if (theirs?.tombstone) this.skippedDeleted.push(r.id);
        else if (theirs?.hash === hashes[i]) this.unchanged++;
        else puts.push({ op: 'put', ...r });
      });
      if (puts.length > 0) yield puts;
      if (page.ids.length < this.#pageSize) break;
    }
    if (!this.#mirror) return;
    for await (const page of this.#remote[SCAN]({}, [F.id], signal, this.#pageSize)) {
      const ids = page.map((r) => r.id);
      const here = new Set((await this.#local.get({ ids, include: [] })).ids);
      const gone = ids.filter((id) => !here.has(id));
      if (gone.length > 0) yield gone.map((id) => ({ op: 'delete', id }));
    }
  }
}

/**
 * Sends local changes to SolrCloud. Options: `feed` (a change feed; default a DiffFeed over `local`),
 * `mirror` (DiffFeed: also delete remote records the local collection lacks), `since` (the watermark of
 * the last push, for a feed with sequence numbers), `signal`, `onProgress(stats)`, `pageSize`.
 * Safe to repeat after a failure or an interruption: what arrived is skipped (same hash) or ignored
 * (same version). Resolves with `{ sent, deleted, unchanged, skippedDeleted, retries, watermark, ms }`.
 */
export async function push(local, remote, options = {}) {
  checkRemote(remote);
  const started = Date.now();
  const retriesBefore = remote.retries;
  const feed = options.feed ?? new DiffFeed(local, remote, { mirror: options.mirror, pageSize: options.pageSize });
  if (typeof feed?.changes !== 'function') throw new TeaVecError('INVALID_ARGUMENT', 'feed must have changes(since, signal)');
  // Changes without a version of their own (a diff has no times) get this push's time, increasing in feed
  // order, so that a later change of the same id wins over an earlier one (Solr drops an equal version).
  const clock = new VersionClock();
  const stats = { sent: 0, deleted: 0, unchanged: 0, skippedDeleted: [], retries: 0, watermark: options.since ?? null };
  const report = () => {
    stats.unchanged = feed.unchanged ?? 0;
    stats.skippedDeleted = feed.skippedDeleted ?? [];
    stats.retries = remote.retries - retriesBefore;
    options.onProgress?.({ ...stats });
  };
  for await (const changes of feed.changes(options.since, options.signal)) {
    options.signal?.throwIfAborted();
    const batch = changes.map((c) => (typeof c.version === 'number' ? c : { ...c, version: clock.next() }));
    await remote[WRITE](batch, undefined, options.signal, (sent) => {
      for (const c of sent) {
        if (c.op === 'delete') stats.deleted++;
        else stats.sent++;
      }
      report();
    }, false);
    for (const c of batch) {
      if (typeof c.seq === 'number' && (stats.watermark === null || c.seq > stats.watermark)) stats.watermark = c.seq;
    }
    report();
  }
  await remote[HTTP].postJson('/update', { commit: 'true' }, {}, options.signal);
  report();
  return { ...stats, ms: Date.now() - started };
}

/**
 * Brings remote records into the local collection (the offline hot cache): `{ where, whereDocument }`
 * (a subset; where: {} is everything), `{ ids }`, or `{ queries: [{ queryEmbeddings, nResults, where }] }`
 * (the top results of recent queries). The remote wins for the records it brings; records deleted
 * remotely are deleted locally; local records the remote never had are kept (`localOnly`). Resolves with
 * `{ pulled, unchanged, deleted, missing, localOnly, ms }`.
 */
export async function pull(remote, local, options = {}) {
  checkRemote(remote);
  checkLocal(local);
  const started = Date.now();
  const { signal } = options;
  const pageSize = pageSizeOf(options.pageSize);
  const kinds = ['ids', 'queries'].filter((k) => options[k] !== undefined);
  const bySubset = options.where !== undefined || options.whereDocument !== undefined;
  if (kinds.length + (bySubset ? 1 : 0) !== 1) {
    throw new TeaVecError('INVALID_ARGUMENT', 'pull takes one of: where (and/or whereDocument), ids, queries');
  }
  const stats = { pulled: 0, unchanged: 0, deleted: 0, missing: [], localOnly: [] };
  const apply = (records) => applyRemote(local, records, stats);

  if (bySubset) {
    const seen = new Set();
    for await (const page of remote[SCAN]({ where: options.where, whereDocument: options.whereDocument }, ALL_FIELDS, signal, pageSize)) {
      page.forEach((r) => seen.add(r.id));
      await apply(page);
      options.onProgress?.({ ...stats });
    }
    // Local copies in the subset the remote no longer has there: deleted, or changed to fall outside it.
    if (options.whereDocument === undefined) {
      const here = (await local.get({ where: options.where, include: [] })).ids.filter((id) => !seen.has(id));
      await pullIds(remote, here, stats, apply, local, signal, stats.localOnly);
    }
  } else {
    let ids = options.ids;
    if (options.queries !== undefined) {
      if (!Array.isArray(options.queries)) throw new TeaVecError('INVALID_ARGUMENT', 'queries must be an array of query parameters');
      const found = new Set();
      for (const q of options.queries) {
        const r = await remote.query({ ...q, include: [], signal });
        r.ids.flat().forEach((id) => found.add(id));
      }
      ids = [...found];
    } else {
      ids = typeof ids === 'string' ? [ids] : ids;
      if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string')) {
        throw new TeaVecError('INVALID_ARGUMENT', 'ids must be a string or an array of strings');
      }
    }
    for (let i = 0; i < ids.length; i += pageSize) {
      await pullIds(remote, ids.slice(i, i + pageSize), stats, apply, local, signal, stats.missing);
      options.onProgress?.({ ...stats });
    }
  }
  return { ...stats, ms: Date.now() - started };
}

/** Pulls records by id; ids the remote does not have at all are listed in `absent`. */
async function pullIds(remote, ids, stats, apply, local, signal, absent) {
  if (ids.length === 0) return;
  const found = await remote[REALTIME](ids, [...ALL_FIELDS, F.hash], signal);
  const byId = new Map(found.map((r) => [r.id, r]));
  const deleted = found.filter((r) => r.tombstone).map((r) => r.id);
  if (deleted.length > 0) stats.deleted += (await local.delete({ ids: deleted })).length;
  await apply(found.filter((r) => !r.tombstone));
  absent.push(...ids.filter((id) => !byId.has(id)));
}

/** Upserts remote records whose content differs from the local copy (by content hash). */
async function applyRemote(local, records, stats) {
  if (records.length === 0) return;
  const here = recordsOf(await local.get({ ids: records.map((r) => r.id), include: INCLUDE_ALL }));
  const mine = new Map(here.map((r) => [r.id, r]));
  const hashes = new Map(await Promise.all(here.map(async (r) => [r.id, await recordHash(r)])));
  const changed = records.filter((r) => r.hash === null || hashes.get(r.id) !== r.hash);
  stats.unchanged += records.length - changed.length;
  if (changed.length === 0) return;
  // upsert keeps a document it is not given: a record whose remote copy has none is replaced whole.
  const clear = changed.filter((r) => r.document === null && mine.get(r.id)?.document != null).map((r) => r.id);
  if (clear.length > 0) await local.delete({ ids: clear });
  await local.upsert({
    ids: changed.map((r) => r.id),
    embeddings: changed.map((r) => Float32Array.from(r.embedding)),
    metadatas: changed.map((r) => r.metadata ?? {}),
    documents: changed.map((r) => r.document),
  });
  stats.pulled += changed.length;
}
