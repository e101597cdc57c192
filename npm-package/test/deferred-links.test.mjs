// Deferred graph linking (src/deferred-links.js) hears which index a change wrote into instead of walking the
// database on every acknowledged write: a write's cost does not grow with the number of collections (counted in
// calls, not time), and every index that appears later still defers its links.
import { test } from 'node:test';
import { deepStrictEqual as eq, ok, rejects } from 'node:assert/strict';
import init, { openDatabase, Database } from '../dist/teavec.js';

await init();

const DIMS = 8;
const vector = (i) => Array.from({ length: DIMS }, (_, d) => Math.sin(i * 7.1 + d * 1.3));
const upsert = (c, i, prefix = 'k') => c.upsert({ ids: [`${prefix}-${i}`], embeddings: [vector(i)], metadatas: [{ i }] });
let unique = 0;
const name = (what) => `deferred-links-${what}-${process.pid}-${unique++}`;

/** Calls of Database#listCollections and Database#getCollection while `fn` runs (the in-memory state's). */
async function countingDatabaseCalls(fn) {
  const counts = { listCollections: 0, getCollection: 0 };
  const originals = {};
  for (const method of Object.keys(counts)) {
    originals[method] = Database.prototype[method];
    Database.prototype[method] = function counted(...args) {
      counts[method]++;
      return originals[method].apply(this, args);
    };
  }
  try {
    await fn();
  } finally {
    Object.assign(Database.prototype, originals);
  }
  return counts;
}

/** A memory database with `collections` HNSW collections of a few records each; writes go to the first. */
async function databaseWith(collections, options = {}) {
  const db = await openDatabase(name(`n${collections}`), { storage: 'memory', ...options });
  const handles = [];
  for (let c = 0; c < collections; c++) {
    const coll = await db.createCollection(`c${c}`, { metric: 'l2', indexType: 'hnsw', dimensions: DIMS });
    await coll.add({ ids: ['a', 'b'], embeddings: [vector(-c), vector(c + 0.5)] });
    handles.push(coll);
  }
  return { db, target: handles[0] };
}

async function untilLinked(db) {
  for (let i = 0; i < 500 && db.stats.pendingLinks > 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  eq(db.stats.pendingLinks, 0, 'idle slices linked everything pending');
}

test('an acknowledged write makes the same calls with 1 or 200 collections, and none walks the database', async () => {
  const perWrite = [];
  for (const collections of [1, 200]) {
    const { db, target } = await databaseWith(collections);
    await untilLinked(db);
    let deferred = 0;
    const counts = await countingDatabaseCalls(async () => {
      for (let i = 0; i < 30; i++) {
        const written = upsert(target, i);
        if (db.stats.pendingLinks > 0) deferred++;
        await written;
      }
    });
    // stats.pendingLinks itself walks the collections (it sums over them): only these reads, not the writes.
    eq(counts.listCollections, 30, `${collections} collections: listCollections only for the 30 stats reads`);
    ok(deferred === 30, `${collections} collections: every write left its graph link pending (${deferred} of 30)`);
    perWrite.push(counts.getCollection);
    await untilLinked(db);
    await db.close();
  }
  eq(perWrite[1], perWrite[0], 'getCollection calls for 30 writes: the same with 200 collections as with 1');
});

test('reopening replays the log without walking the collections after each record', async () => {
  const { db, target } = await databaseWith(200);
  const dbName = db.name;
  for (let i = 0; i < 100; i++) await upsert(target, i);
  await db.close();
  let reopened;
  const counts = await countingDatabaseCalls(async () => {
    reopened = await openDatabase(dbName, { storage: 'memory' });
  });
  ok(reopened.recovery.replayed >= 100 + 200 * 2, `the whole log was replayed (${reopened.recovery.replayed} records)`);
  ok(counts.listCollections <= 2, `the replayed state was walked once or twice, not after each record (${counts.listCollections} walks)`);
  ok(reopened.stats.pendingLinks > 0, 'replay left the graph links pending');
  eq(reopened.getCollection('c0').query({ queryEmbeddings: [vector(42)], nResults: 1 }).ids[0], ['k-42'],
    'a replayed record is found while its link is pending');
  await untilLinked(reopened);
  reopened.checkIntegrity();
  await reopened.close();
});

test('indexes that appear later defer too: a new collection, the auto flat→HNSW switch, a state rebuilt after a failed write', async () => {
  const db = await openDatabase(name('later'), { storage: 'memory', quotaBytes: 600_000 });
  // A collection created after the open, with its dimensions (its index exists from the create on) …
  const late = await db.createCollection('late', { metric: 'l2', indexType: 'hnsw', dimensions: DIMS });
  await upsert(late, 0);
  const first = upsert(late, 1);
  ok(db.stats.pendingLinks > 0, 'a collection created after the open defers its links');
  await first;
  // … one whose index comes with its first add …
  const bare = await db.createCollection('bare', { metric: 'l2', indexType: 'hnsw' });
  await upsert(bare, 0, 'b');
  await untilLinked(db);
  const second = upsert(bare, 1, 'b');
  ok(db.stats.pendingLinks > 0, 'a collection whose index came with its first add defers its links');
  await second;
  // … and the auto index once it switched from flat to HNSW.
  const auto = await db.createCollection('auto', { metric: 'l2' });
  // It switches at 2,000 vectors and builds its graph over the next adds (about 700 more here).
  for (let at = 0; at < 3300; at += 300) {
    await auto.add({ ids: Array.from({ length: 300 }, (_, i) => `a-${at + i}`), embeddings: Array.from({ length: 300 }, (_, i) => vector(at + i)) });
  }
  await untilLinked(db);
  const third = upsert(auto, 5000, 'a');
  ok(db.stats.pendingLinks > 0, 'the auto index defers its links once it is HNSW');
  await third;
  eq(auto.query({ queryEmbeddings: [vector(5000)], nResults: 1 }).ids[0], ['a-5000'], 'the pending record is found');
  await untilLinked(db);
  // A write the storage refuses: memory goes back to the durable state, rebuilt from the log.
  const huge = Array.from({ length: 2000 }, (_, i) => `h-${i}`);
  await rejects(late.add({ ids: huge, embeddings: huge.map((_, i) => vector(i)), documents: huge.map(() => 'x'.repeat(200)) }),
    (e) => e.code === 'QUOTA_EXCEEDED');
  await untilLinked(db);
  const fourth = upsert(late, 2);
  ok(db.stats.pendingLinks > 0, 'the rebuilt state defers its links');
  await fourth;
  const fifth = upsert(auto, 5001, 'a');
  ok(db.stats.pendingLinks > 0, 'the rebuilt state\'s auto index defers its links');
  await fifth;
  await untilLinked(db);
  db.checkIntegrity();
  await db.close();
});

test('a follower defers the links of what it follows and links them in its own idle slices', async () => {
  const writer = await openDatabase(name('follow'), { storage: 'memory' });
  const reader = await openDatabase(writer.name, { storage: 'memory', readOnly: true });
  const c = await writer.createCollection('f', { metric: 'l2', indexType: 'hnsw', dimensions: DIMS });
  let heard = 0;
  let pendingSeen = 0;
  const channel = new BroadcastChannel(`teavec-db:memory:${writer.name}`);
  // Notices come one after another, well within the quiet time before idle slices start.
  channel.onmessage = () => {
    heard++;
    pendingSeen = Math.max(pendingSeen, reader.stats.pendingLinks);
  };
  await Promise.all(Array.from({ length: 50 }, (_, i) => upsert(c, i)));
  const followed = () => (reader.countCollections() === 0 ? 0 : reader.getCollection('f').count());
  for (let i = 0; i < 200 && followed() < 50; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  channel.close();
  eq(reader.getCollection('f').count(), 50, 'the follower has every record');
  ok(heard > 0 && pendingSeen > 0, `the follower left links pending (at most ${pendingSeen} seen over ${heard} notices)`);
  await untilLinked(reader);
  reader.checkIntegrity();
  await reader.close();
  await writer.close();
});
