// The contract of a database opened by name (openDatabase), as a list of cases that run unchanged against
// every storage: Node's memory and files (database.test.mjs), Chromium's IndexedDB and OPFS
// (browser-tests/test/database-storage.test.mjs). Plain ES module without Node imports.
//
// env: {
//   open(name, options)        → openDatabase(name, { storage, ...options }) of this backend
//   openIndex(name, config, options) → EdgeVec.open(name, config, { storage, ...options })
//   quota(name) | null         → the same, on a storage whose space runs out after a few hundred KB
//   followers: boolean          → whether a read-only follower can open a name its writer holds open
//                                 (not OPFS: its files have one opener at a time)
// }
import { rng } from './random.js';
import { ok, eq, rejectsWith } from './contract-asserts.js';

export { ContractFailure } from './contract-asserts.js';

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

/** Everything observable about an index opened by name, to compare across a reopen. */
export function indexContents(ix, queries, maxId = 64) {
  const live = [];
  for (let id = 0; id < maxId; id++) {
    let deleted = true;
    try { deleted = ix.isDeleted(id); } catch { /* never given out */ }
    if (!deleted) live.push(id);
  }
  return {
    size: ix.size,
    live: ix.liveCount(),
    dimensions: ix.dimensions,
    records: live.map((id) => [id, ix.keyOf(id) ?? null, Array.from(ix.getVector(id)), ix.getAllMetadata(id) ?? null]),
    results: queries.map((q) => ix.search(q, 5)),
  };
}

/** Whether a database snapshot holds the optional TEXT_INDEXES section (docs/format.md: id 19). */
export function hasTextIndexes(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 24; at + 12 <= bytes.length; at += 12 + view.getUint32(at + 4, true)) {
    if (view.getUint16(at, true) === 19) return true;
  }
  return false;
}

/** The ids a text query finds, per query, as sorted lists (ties among equal scores may come in any order). */
async function textHits(c, queries) {
  const out = [];
  for (const q of queries) {
    const r = await c.query({ queryTexts: q, mode: 'text', nResults: 50, include: ['distances'] });
    out.push(r.ids[0].map((id, i) => `${id} ${Math.fround(r.distances[0][i])}`).sort());
  }
  return out;
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
      // Larger than the memory quota (300 KB) and the browsers' small-quota origin (2 MiB).
      const big = records(10, 20_000, 32, 'big');
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
      if (!env.followers) {
        await rejectsWith(env.open(name, { readOnly: true }), 'NOT_SUPPORTED', 'a follower where the storage has one opener');
        // Nobody can follow it (OPFS), so a change posts no notice: each would be a structured clone of its record
        // made before the caller resumes (src/persistent-open.js).
        const heard = [];
        const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(`teavec-db:opfs:${name}`) : null;
        if (channel) channel.onmessage = ({ data }) => heard.push(data.seq);
        await c.upsert(records(12, 3, 4, 'more'));
        await new Promise((resolve) => setTimeout(resolve, 50));
        channel?.close();
        eq(heard, [], 'notices posted where no follower can listen');
        await writer.close();
        return;
      }
      const reader = await env.open(name, { readOnly: true });
      ok(reader.readOnly && !writer.readOnly, 'readOnly says which is which');
      eq(contents(reader), contents(writer), 'the reader starts from what is durable');
      await rejectsWith(reader.getCollection('c').add({ ids: ['x'], embeddings: [[1, 2, 3, 4]] }), 'READ_ONLY', 'a write to a reader');
      await rejectsWith(reader.createCollection('d'), 'READ_ONLY', 'a collection created through a reader');
      await rejectsWith(reader.checkpoint(), 'READ_ONLY', 'a checkpoint through a reader');
      await c.upsert(records(12, 8, 4, 'more'));
      await c.delete({ ids: ['r-0'] });
      await c.modify({ metadata: { followed: true } });
      for (let i = 0; i < 100 && JSON.stringify(contents(reader)) !== JSON.stringify(contents(writer)); i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      eq(contents(reader), contents(writer), 'the follower after the writer\'s changes');
      await reader.close();
      await writer.close();
    },
  },
  {
    name: 'an index opened by name (EdgeVec.open): every kind of change survives a reopen with the same ids',
    async run(env, name) {
      const config = { dimensions: 8, metric: 'l2' };
      const random = rng(21);
      const v = () => Float32Array.from({ length: 8 }, () => Math.fround(random() * 2 - 1));
      const queries = [v(), v(), v()];
      const ix = await env.openIndex(name, config);
      ok(await ix.insert(v()) === 0, 'insert resolves with the id');
      await ix.insertBatch([v(), v(), v()]);
      await ix.insertBatchFlat(new Float32Array([...v(), ...v()]), 2);
      await ix.insertWithMetadata(v(), { tag: 'a', n: 1 });
      await ix.insertBatchWithMetadata([v(), v()], [{ tag: 'b' }, null]);
      await ix.upsert('doc-1', v(), { kind: 'keyed' });
      await ix.upsertBatch([{ id: 'doc-2', vector: v() }, { id: 'doc-1', vector: v(), metadata: { kind: 'again' } }]);
      await ix.updateVector(2, v());
      await ix.setMetadata(3, 'colour', 'red');
      await ix.setAllMetadata(4, { a: 1, b: 'two' });
      await ix.deleteMetadata(7, 'tag');
      await ix.delete('doc-2');
      await ix.softDelete(1);
      await ix.softDeleteBatch(new Uint32Array([5, 6]));
      await ix.compact();
      await ix.insertBatchWithProgress([v(), v()], () => {});
      const expected = indexContents(ix, queries);
      await rejectsWith(ix.insert(new Float32Array(3)), 'DIMENSION_MISMATCH', 'a vector of other dimensions');
      eq(indexContents(ix, queries), expected, 'a refused change changes nothing');
      await ix.close();
      const again = await env.openIndex(name);
      eq(indexContents(again, queries), expected, 'after reopening');
      await again.checkpoint();
      await again.close();
      const third = await env.openIndex(name, config);
      eq(indexContents(third, queries), expected, 'after a checkpoint and reopening');
      await third.close();
      await rejectsWith(env.openIndex(name, { dimensions: 4 }), 'INVALID_CONFIG', 'a config of other dimensions');
      await rejectsWith(env.openIndex(`${name}-missing`), 'NOT_FOUND', 'opening a missing index without a config');
      // A new index's config is checked as new EdgeVec(config) checks it; a refused one creates nothing.
      await rejectsWith(env.openIndex(`${name}-bad`, { dimensions: 8, rerank: 'storage' }), 'NOT_SUPPORTED',
        "rerank 'storage' for an index");
      await rejectsWith(env.openIndex(`${name}-bad`, { dimensions: 8, metric: 'hamming' }), 'INVALID_CONFIG', 'an unknown metric');
      await rejectsWith(env.openIndex(`${name}-bad`), 'NOT_FOUND', 'after refused configs');
    },
  },
  {
    name: 'the text index: a checkpoint saves it; the log after it brings the loaded index up to date',
    async run(env, name) {
      const db = await env.open(name);
      const c = await db.createCollection('c');
      const docs = ['zebra crossing', 'fox den', 'river stones', 'running rivers', 'a saw for cutting wood'];
      await c.add({ ids: docs.map((_, i) => `d${i}`), embeddings: docs.map((_, i) => [i, 1]), documents: docs });
      const queries = ['zebra', 'fox', 'river', 'cutting', 'stones zebra'];
      await textHits(c, queries);
      await db.checkpoint();
      ok(hasTextIndexes(db.toBytes()), 'the checkpointed state holds the text index');
      await c.update({ ids: ['d0'], documents: ['fox tail'] });
      await c.add({ ids: ['d9'], embeddings: [[9, 1]], documents: ['zebra zebra'] });
      await c.delete({ ids: ['d2'] });
      const expected = await textHits(c, queries);
      const again = await reopened(env, db, name, contents(db), 'text index + log');
      ok(again.recovery.replayed === 3, `the three writes after the checkpoint are replayed (${again.recovery.replayed})`);
      eq(await textHits(again.getCollection('c'), queries), expected, 'text answers after reopening');
      await again.close();
    },
  },
  {
    // rerank 'storage' reads float rows stored beside the checkpoints: storages 'file', 'opfs' and 'indexeddb' (docs/database.md).
    name: "rerank 'storage' answers as rerank: true across checkpoints, deletes, upserts and a reopen (or is NOT_SUPPORTED)",
    async run(env, name) {
      let db = await env.open(name, { checkpointBytes: 1 << 30 });
      const settings = { indexType: 'hnsw', quantization: 'sq8', metric: 'l2', seed: 5 };
      const kept = await db.createCollection({ name: 'kept', ...settings, rerank: true, leanGraph: true });
      let stored;
      try {
        stored = await db.createCollection({ name: 'stored', ...settings, rerank: 'storage' });
      } catch (e) {
        ok(!['file', 'opfs', 'indexeddb'].includes(db.storage) && e.code === 'NOT_SUPPORTED', `storage ${db.storage}: ${e.code} ${e.message}`);
        await db.close();
        return;
      }
      const all = records(77, 1500, 12, 'v');
      const queries = records(78, 12, 12, 'q').embeddings;
      const both = async (fn) => { await fn(kept); await fn(stored); };
      const same = async (what, a = kept, b = stored) => {
        const args = { queryEmbeddings: queries, nResults: 8, include: ['distances', 'embeddings'] };
        // IndexedDB reads rows asynchronously: there, query returns a Promise.
        const want = await a.query(args);
        const got = await b.query(args);
        eq(got.embeddings, want.embeddings, `${what}: embeddings are the exact rows`);
        eq(got.ids, want.ids, `${what}: ids`);
        got.distances.forEach((row, q) => row.forEach((d, i) => ok(Math.abs(d - want.distances[q][i]) <= 1e-5 * Math.max(1, d),
          `${what}: query ${q} distance ${i} ${d} vs ${want.distances[q][i]}`)));
      };
      await both((c) => c.add({ ids: all.ids, embeddings: all.embeddings }));
      await same('rows in memory');
      await db.checkpoint();
      await same('rows read from the checkpoint\'s rows file');
      ok(stored.memoryUsage() < kept.memoryUsage(), `the floats left memory: ${stored.memoryUsage()} vs ${kept.memoryUsage()}`);
      await both((c) => c.delete({ ids: all.ids.slice(0, 100) }));
      await both((c) => c.upsert({ ids: all.ids.slice(200, 220), embeddings: all.embeddings.slice(300, 320) }));
      await same('deletes and upserts over checkpointed rows');
      const running = db.checkpoint();
      await same('a checkpoint in flight');
      await running;
      await same('after a second checkpoint');
      await db.close();
      db = await env.open(name);
      await same('after reopening', db.getCollection('kept'), db.getCollection('stored'));
      await db.close();
    },
  },
  {
    name: "rerank 'storage': get gives the exact rows from memory, the log and the checkpoints, across checkpoint switches and reopens",
    async run(env, name) {
      let db = await env.open(name, { checkpointBytes: 1 << 30 });
      const settings = { indexType: 'hnsw', quantization: 'sq8', metric: 'cosine', seed: 9 };
      let c;
      try {
        c = await db.createCollection({ name: 's', ...settings, rerank: 'storage' });
      } catch (e) {
        ok(!['file', 'opfs', 'indexeddb'].includes(db.storage) && e.code === 'NOT_SUPPORTED', `storage ${db.storage}: ${e.code} ${e.message}`);
        await db.close();
        return;
      }
      const all = records(91, 400, 8, 'r');
      const want = new Map(all.ids.map((id, i) => [id, all.embeddings[i]]));
      const check = async (col, what) => {
        const got = await col.get({ include: ['embeddings'] });
        eq(got.ids.length, want.size, `${what}: count`);
        got.ids.forEach((id, i) => eq(Array.from(got.embeddings[i]), want.get(id), `${what}: the row of ${id}`));
      };
      await c.add({ ids: all.ids.slice(0, 300), embeddings: all.embeddings.slice(0, 300) });
      await db.checkpoint();
      // In the log only: a reopen replays these over the checkpoint's rows.
      await c.add({ ids: all.ids.slice(300), embeddings: all.embeddings.slice(300) });
      await c.upsert({ ids: all.ids.slice(0, 10), embeddings: all.embeddings.slice(390, 400) });
      all.ids.slice(0, 10).forEach((id, i) => want.set(id, all.embeddings[390 + i]));
      await check(c, 'checkpointed and in-memory rows');
      await db.close();
      db = await env.open(name, { checkpointBytes: 1 << 30 });
      c = db.getCollection('s');
      eq(db.recovery.replayed, 2, 'the two batches after the checkpoint are replayed');
      await check(c, 'after reopening over the log');
      // Three checkpoints in a row: each switches to its rows, the older rows go (the previous one stays).
      for (let round = 0; round < 3; round++) {
        await c.delete({ ids: [all.ids[20 + round]] });
        want.delete(all.ids[20 + round]);
        await db.checkpoint();
        await check(c, `after checkpoint ${round + 1}`);
      }
      await db.close();
      db = await env.open(name);
      eq(db.recovery.replayed, 0, 'nothing after the last checkpoint');
      await check(db.getCollection('s'), 'after reopening at the last checkpoint');
      await db.close();
    },
  },
  {
    name: 'graph links deferred: a query right after each acknowledged write sees it, and a replayed tail reopens exactly',
    async run(env, name) {
      const dims = 16;
      const random = rng(77);
      const v = () => Array.from({ length: dims }, () => Math.fround(random() * 2 - 1));
      let db = await env.open(name, { checkpointBytes: 1 << 30 });
      const c = await db.createCollection('g', { metric: 'l2', indexType: 'hnsw', dimensions: dims });
      const nearest = async (coll, embedding) => (await coll.query({ queryEmbeddings: [embedding], nResults: 1 })).ids[0][0];
      let deferred = 0;
      for (let i = 0; i < 300; i++) {
        const embedding = v();
        const id = i % 10 === 9 ? `k-${i - 5}` : `k-${i}`; // every tenth write replaces an earlier record
        const written = c.upsert({ ids: [id], embeddings: [embedding], metadatas: [{ i }] });
        // The write was applied in memory in this turn, its graph link left for later.
        if (db.stats.pendingLinks > 0) deferred++;
        await written;
        eq(await nearest(c, embedding), id, `write ${i}: the record just acknowledged is its own nearest`);
        if (i === 150) {
          const where = (await c.query({ queryEmbeddings: [embedding], nResults: 3, where: { i } })).ids[0];
          eq(where, [id], 'a filtered query sees it too');
        }
      }
      ok(deferred > 250, `graph links were deferred for ${deferred} of 300 writes`);
      await c.delete({ ids: ['k-3'] });
      const expected = contents(db);
      // Everything since the (empty) start is in the log: reopening replays it, storing without graph links.
      db = await reopened(env, db, name, expected, 'a replayed tail of pending links');
      eq(db.recovery.replayed, 302, 'the whole log was replayed');
      ok(db.stats.pendingLinks > 0, 'replay left the graph links pending');
      const g = db.getCollection('g');
      for (const [i, id] of expected[0].records.ids.entries()) {
        eq(await nearest(g, expected[0].records.embeddings[i]), id, `after the replay, ${id} is its own nearest`);
      }
      // Idle slices link the rest; a checkpoint links whatever is left first.
      await db.checkpoint();
      eq(db.stats.pendingLinks, 0, 'a checkpoint holds the whole graph');
      db.checkIntegrity();
      await g.upsert({ ids: ['after'], embeddings: [v()] });
      db = await reopened(env, db, name, contents(db), 'a checkpoint and one record after it');
      eq(db.recovery.replayed, 1, 'one record after the checkpoint');
      await db.close();
      const ix = await env.openIndex(`${name}-ix`, { dimensions: dims, metric: 'l2', indexType: 'hnsw' });
      await ix.insert(Float32Array.from(v()));
      for (let i = 0; i < 20; i++) {
        const vector = Float32Array.from(v());
        const inserted = ix.insert(vector);
        ok(ix.stats.pendingLinks > 0, 'an index opened by name defers too');
        const id = await inserted;
        eq(ix.search(vector, 1)[0].id, id, 'the vector just inserted is found at once');
      }
      await ix.close();
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
