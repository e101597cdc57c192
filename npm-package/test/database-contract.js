// The contract of a database opened by name (openDatabase), as a list of cases that run unchanged against
// every storage: Node's memory and files (database.test.mjs), Chromium's IndexedDB and OPFS
// (browser-tests/test/database-storage.test.mjs). Plain ES module without Node imports.
//
// env: {
//   open(name, options)        → openDatabase(name, { storage, ...options }) of this backend
//   quota(name) | null         → the same, on a storage whose space runs out after a few hundred KB
//   follows: boolean            → whether a second open of a name in this context can follow the first
// }
import { rng } from './random.js';

export class ContractFailure extends Error {}

function ok(value, message) {
  if (!value) throw new ContractFailure(message);
}

function eq(actual, expected, what) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new ContractFailure(`${what}:\n expected ${e.slice(0, 400)}\n got      ${a.slice(0, 400)}`);
}

async function rejectsWith(promise, code, what) {
  try {
    await promise;
  } catch (e) {
    if (e?.code !== code) throw new ContractFailure(`${what}: expected ${code}, got ${e?.code} ${e?.message}`);
    return e;
  }
  throw new ContractFailure(`${what}: expected ${code}, but it succeeded`);
}

/** Everything a database holds, in a comparable form: collections in order, with metadata and every record. */
export function contents(db) {
  return db.listCollections().map((c) => ({
    name: c.name,
    metadata: c.metadata,
    metric: c.metric,
    dimensions: c.dimensions ?? null,
    records: c.get({ include: ['embeddings', 'metadatas', 'documents'] }),
  }));
}

/** A seeded batch of `n` records of `dims` dimensions, ids `${prefix}-i`. */
export function records(seed, n, dims, prefix = 'r') {
  const random = rng(seed);
  const ids = Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
  return {
    ids,
    embeddings: ids.map(() => Array.from({ length: dims }, () => Math.fround(random() * 2 - 1))),
    metadatas: ids.map((_, i) => ({ i, tag: `t${i % 4}`, even: i % 2 === 0 })),
    documents: ids.map((_, i) => (i % 3 === 0 ? null : `document ${i} of ${prefix} \u00e9\ud83d\ude00`)),
  };
}

/** Closes `db`, reopens `name` and checks it holds `expected` (contents) and is sound; returns the reopened database. */
async function reopened(env, db, name, expected, what, options = {}) {
  await db.close();
  const again = await env.open(name, options);
  eq(contents(again), expected, `${what}, after reopening`);
  again.checkIntegrity();
  return again;
}

export const databaseContract = [
  {
    name: 'every kind of change survives a reopen exactly',
    async run(env, name) {
      const db = await env.open(name);
      eq(db.recovery.dropped, [], 'a new database drops nothing');
      const c = await db.createCollection({ name: 'notes', metadata: { owner: 'me' } });
      await c.add(records(1, 40, 8));
      await c.upsert({ ids: ['r-1', 'new-1'], embeddings: [new Float32Array(8).fill(0.5), new Float32Array(8).fill(-0.25)] });
      await c.update({ ids: ['r-2', 'r-3'], metadatas: [{ changed: true }, { changed: 2 }], documents: ['two', 'three'] });
      await c.update({ ids: ['r-4'], embeddings: [new Float32Array(8).fill(1)] });
      eq(await c.delete({ ids: ['r-5', 'missing'] }), ['r-5'], 'delete by ids resolves with what it deleted');
      const byWhere = await c.delete({ where: { tag: 't3' } });
      // t3 is every fourth record; r-3 lost its tag in the update above.
      ok(byWhere.length === 9, `delete by where removed ${byWhere.length}, expected 9`);
      const other = await db.createCollection('other', { metric: 'l2', dimensions: 3 });
      await other.add({ ids: 'x', embeddings: [1, 2, 3] });
      const expected = contents(db);
      ok(expected[0].records.ids.length === 40 + 1 - 1 - 9, 'the record count after the changes');
      const again = await reopened(env, db, name, expected, 'the changes');
      eq(again.recovery.dropped, [], 'a clean close drops nothing');
      await again.close();
    },
  },
  {
    name: 'bad input rejects with its code and changes nothing, in memory or durably',
    async run(env, name) {
      const db = await env.open(name);
      const c = await db.createCollection('c');
      await c.add(records(2, 10, 4));
      const before = contents(db);
      await rejectsWith(c.add({ ids: ['z'], embeddings: [[1, 2, 3]] }), 'DIMENSION_MISMATCH', 'wrong dimensions');
      await rejectsWith(c.add({ ids: ['fresh', 'r-1'], embeddings: [[1, 2, 3, 4], [4, 3, 2, 1]] }), 'DUPLICATE_ID',
        'a batch with one existing id');
      await rejectsWith(c.upsert({ ids: ['fresh', 'bad'], embeddings: [[1, 2, 3, 4], [1, 2, NaN, 4]] }), 'INVALID_VECTOR',
        'a batch with one NaN');
      await rejectsWith(c.update({ ids: ['r-1', 'nobody'], metadatas: [{ a: 1 }, { a: 2 }] }), 'UNKNOWN_ID', 'update of a missing id');
      await rejectsWith(db.createCollection('c'), 'DUPLICATE_ID', 'a second collection of one name');
      await rejectsWith(c.modify({ metadata: { 'hnsw:space': 'l2' } }), 'INVALID_CONFIG', 'a metric change through modify');
      await db.createCollection('d');
      await rejectsWith(c.modify({ name: 'd' }), 'DUPLICATE_ID', 'a rename onto another collection');
      await rejectsWith(c.delete({}), 'INVALID_ARGUMENT', 'delete without ids or where');
      await rejectsWith(db.deleteCollection('nope'), 'UNKNOWN_ID', 'deleting a missing collection');
      const expected = contents(db);
      eq(expected.filter((x) => x.name === 'c'), before, 'memory after the refused changes');
      const again = await reopened(env, db, name, expected, 'the refused changes');
      await again.close();
    },
  },
  {
    name: 'collections: rename, metadata replaced and cleared, dropped and created again',
    async run(env, name) {
      const db = await env.open(name);
      const a = await db.createCollection({ name: 'a', metadata: { v: 1 } });
      await a.add(records(3, 5, 4, 'a'));
      const b = await db.createCollection({ name: 'b', metadata: { 'hnsw:space': 'ip' } });
      await b.add(records(4, 5, 4, 'b'));
      await a.modify({ name: 'renamed', metadata: { v: 2, note: 'x' } });
      ok(a.name === 'renamed' && db.getCollection('renamed') === a, 'the handle follows the rename');
      await b.modify({ metadata: null });
      ok(b.metadata === null, 'metadata null clears it');
      await db.deleteCollection('renamed');
      await rejectsWith(a.add({ ids: ['q'], embeddings: [[1, 2, 3, 4]] }), 'UNKNOWN_ID', 'a dropped collection');
      const a2 = await db.createCollection({ name: 'a', metric: 'l2' });
      await a2.add(records(5, 3, 6, 'again'));
      const same = await db.getOrCreateCollection('a');
      ok(same === a2, 'getOrCreateCollection hands out the existing collection');
      const created = await db.getOrCreateCollection({ name: 'c', dimensions: 2 });
      ok(created.dimensions === 2, 'getOrCreateCollection creates what is missing');
      const again = await reopened(env, db, name, contents(db), 'collection changes');
      eq(again.listCollections().map((c) => c.name), ['b', 'a', 'c'], 'collections in creation order');
      await again.close();
    },
  },
  {
    name: 'checkpoints, manual and automatic: reopen starts from the newest and replays the rest',
    async run(env, name) {
      const db = await env.open(name, { checkpointBytes: 8 * 1024 });
      const c = await db.createCollection('c');
      for (let round = 0; round < 12; round++) {
        await c.upsert(records(100 + round, 10, 16, `round${round % 5}`));
      }
      await db.flush();
      ok(db.stats.checkpoints >= 1 || db.stats.checkpointError === null, 'automatic checkpoints ran');
      const manual = await db.checkpoint();
      ok(manual.seq === db.stats.lastSeq, `a manual checkpoint covers every change (${manual.seq} vs ${db.stats.lastSeq})`);
      await c.delete({ ids: ['round0-1'] });
      await c.add(records(7, 3, 16, 'tail'));
      const again = await reopened(env, db, name, contents(db), 'checkpoint + log');
      ok(again.recovery.checkpointSeq === manual.seq, `recovery starts from the manual checkpoint (${again.recovery.checkpointSeq})`);
      ok(again.recovery.replayed === 2, `the two records after it are replayed (${again.recovery.replayed})`);
      await again.close();
    },
  },
  {
    name: 'relaxed durability: changes resolve at once and flush() makes them durable',
    async run(env, name) {
      const db = await env.open(name, { durability: 'relaxed', flushIntervalMs: 60_000 });
      const c = await db.createCollection('c');
      await c.add(records(8, 20, 4));
      await db.flush();
      ok(db.stats.durableSeq === db.stats.lastSeq, 'flush leaves nothing pending');
      const again = await reopened(env, db, name, contents(db), 'relaxed writes after flush');
      await again.close();
    },
  },
  {
    name: 'a write that runs out of space: QUOTA_EXCEEDED, memory and storage as before, later writes work',
    needsQuota: true,
    async run(env, name) {
      const db = await env.quota(name);
      const c = await db.createCollection('c');
      await c.add(records(9, 20, 32));
      const before = contents(db);
      const big = records(10, 4000, 32, 'big');
      await rejectsWith(c.add(big), 'QUOTA_EXCEEDED', 'a batch larger than the space left');
      eq(contents(db), before, 'memory after the refused write');
      await c.add({ ids: ['small'], embeddings: [new Float32Array(32).fill(0.1)] });
      const after = contents(db);
      ok(after[0].records.ids.length === 21, 'a later small write is stored');
      await db.close();
      const again = await env.quota(name);
      eq(contents(again), after, 'after reopening');
      await again.close();
    },
  },
  {
    name: 'read-only: writes reject with READ_ONLY; a follower applies what the writer made durable',
    async run(env, name) {
      const writer = await env.open(name);
      const c = await writer.createCollection('c');
      await c.add(records(11, 5, 4));
      const reader = await env.open(name, { readOnly: true });
      ok(reader.readOnly && !writer.readOnly, 'readOnly says which is which');
      eq(contents(reader), contents(writer), 'the reader starts from what is durable');
      await rejectsWith(reader.getCollection('c').add({ ids: ['x'], embeddings: [[1, 2, 3, 4]] }), 'READ_ONLY', 'a write to a reader');
      await rejectsWith(reader.createCollection('d'), 'READ_ONLY', 'a collection created through a reader');
      await rejectsWith(reader.checkpoint(), 'READ_ONLY', 'a checkpoint through a reader');
      if (env.follows) {
        await c.upsert(records(12, 8, 4, 'more'));
        await c.delete({ ids: ['r-0'] });
        await c.modify({ metadata: { followed: true } });
        for (let i = 0; i < 100 && JSON.stringify(contents(reader)) !== JSON.stringify(contents(writer)); i++) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        eq(contents(reader), contents(writer), 'the follower after the writer\'s changes');
      }
      await reader.close();
      await writer.close();
    },
  },
  {
    name: 'a closed database refuses every call with STORAGE_ERROR; close twice is harmless',
    async run(env, name) {
      const db = await env.open(name);
      const c = await db.createCollection('c');
      await db.close();
      await db.close();
      await rejectsWith(db.createCollection('d'), 'STORAGE_ERROR', 'createCollection after close');
      await rejectsWith(c.add({ ids: ['x'], embeddings: [[1]] }), 'STORAGE_ERROR', 'add after close');
      await rejectsWith(db.flush(), 'STORAGE_ERROR', 'flush after close');
      let code;
      try { c.count(); } catch (e) { code = e.code; }
      ok(code === 'STORAGE_ERROR', `a read after close: ${code}`);
    },
  },
];
