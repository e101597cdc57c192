// The text index in snapshots (docs/format.md, TEXT_INDEXES): Database#toBytes saves each collection's text
// indexes, a load decodes them on the first text query instead of tokenizing every document, and the writes
// after it (the log's replay included) bring them up to date. A snapshot without the section (older, or
// taken before any text query) rebuilds them; damage to the section is CORRUPT_SNAPSHOT.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import init, { Database, openDatabase, TeaVecError } from '../dist/teavec.js';
import { rng } from './helpers.mjs';

await init();

const TEXT_INDEXES = 19;
const HEADER = 24;
const FRAME = 12;
const WORDS = ['river', 'rivers', 'running', 'runs', 'stone', 'stones', 'Bristol', 'zebra', 'quick', 'fox', 'café', 'CAFE'];
const QUERIES = ['river', 'running stones', 'cafe', 'Bristol zebra', 'fox quick run', 'absent'];
const vectorOf = (i) => [Math.cos(i), Math.sin(i), 1];

function randomDocument(random) {
  if (random() < 0.1) return null;
  return Array.from({ length: 1 + Math.floor(random() * 6) }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
}

/** Where section `id`'s frame starts in a top-level snapshot, or -1. */
function frameOf(bytes, id) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = HEADER; at + FRAME <= bytes.length; at += FRAME + view.getUint32(at + 4, true)) {
    if (view.getUint16(at, true) === id) return at;
  }
  return -1;
}

/** Recomputes section `frame`'s CRC after a test changed its payload (so that the text module's checks are reached). */
function reseal(bytes, frame) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getUint32(frame + 4, true);
  const crc = crc32(bytes.subarray(frame + FRAME, frame + FRAME + length), crc32(bytes.subarray(frame, frame + 8)));
  view.setUint32(frame + 8, crc, true);
}

/** Every query's hits as { id: distance } (order-free: ties are ordered by internal ids, which a copy renumbers). */
async function answers(collection, textAnalyzer = 'english') {
  return Promise.all(QUERIES.map(async (q) => {
    const r = await collection.query({ queryTexts: q, mode: 'text', nResults: 100, textAnalyzer, include: ['distances'] });
    return Object.fromEntries(r.ids[0].map((id, i) => [id, Math.fround(r.distances[0][i])]));
  }));
}

/** The collection's records copied into a new database that never searched by text: its index is built from scratch. */
function scratchCopy(collection) {
  const all = collection.get({ include: ['embeddings', 'documents', 'metadatas'] });
  const c = new Database().createCollection({ name: 'copy' });
  if (all.ids.length) c.add({ ids: all.ids, embeddings: all.embeddings, documents: all.documents });
  return c;
}

/** A database whose collection went through random writes after its text indexes (both analyzers) were built. */
async function churned(seed) {
  const random = rng(seed);
  const db = new Database();
  const c = db.createCollection({ name: 'words' });
  const ids = Array.from({ length: 60 }, (_, i) => `r${i}`);
  c.add({ ids, embeddings: ids.map((_, i) => vectorOf(i)), documents: ids.map(() => randomDocument(random)) });
  await answers(c);
  await answers(c, 'plain');
  for (let round = 0; round < 8; round++) {
    const unique = [...new Set(Array.from({ length: 1 + Math.floor(random() * 6) }, () => `r${Math.floor(random() * 80)}`))];
    if (random() < 0.6) {
      c.upsert({ ids: unique, embeddings: unique.map((_, i) => vectorOf(i + round)), documents: unique.map(() => randomDocument(random) ?? 'zebra') });
    } else {
      c.delete({ ids: unique });
    }
  }
  return { db, c };
}

test('a saved text index loads to the same answers as one built from scratch, and is saved again unchanged', async () => {
  const seed = Number(process.env.TEAVEC_SEED ?? 20261206);
  const { db, c } = await churned(seed);
  const bytes = db.toBytes();
  assert.ok(frameOf(bytes, TEXT_INDEXES) > 0, 'the snapshot holds the text indexes');
  const loaded = Database.fromBytes(bytes);
  // Not decoded yet: saved again as it was.
  assert.deepEqual(loaded.toBytes(), bytes, `seed ${seed}`);
  const scratch = scratchCopy(c);
  for (const analyzer of ['english', 'plain']) {
    assert.deepEqual(await answers(loaded.getCollection('words'), analyzer), await answers(scratch, analyzer), `seed ${seed}, ${analyzer}`);
    assert.deepEqual(await answers(loaded.getCollection('words'), analyzer), await answers(c, analyzer), `seed ${seed}, ${analyzer}`);
  }
  // Writes after the load: the decoded index catches up on the next query, and the next save holds it.
  const lc = loaded.getCollection('words');
  lc.upsert({ ids: ['r1', 'new'], embeddings: [vectorOf(1), vectorOf(2)], documents: ['zebra zebra stones', 'quick river'] });
  lc.delete({ ids: ['r2'] });
  assert.deepEqual(await answers(lc), await answers(scratchCopy(lc)), `seed ${seed}: after writes`);
  const again = Database.fromBytes(loaded.toBytes()).getCollection('words');
  assert.deepEqual(await answers(again, 'plain'), await answers(scratchCopy(lc), 'plain'), `seed ${seed}: saved after writes`);
  assert.deepEqual(await answers(again), await answers(scratchCopy(lc)), `seed ${seed}: saved after writes`);
});

test('writes to a loaded collection before any text query: the index is rebuilt from the documents, not saved stale', async () => {
  const { db } = await churned(7);
  const loaded = Database.fromBytes(db.toBytes());
  const lc = loaded.getCollection('words');
  lc.upsert({ ids: ['r3'], embeddings: [vectorOf(3)], documents: ['Bristol Bristol'] });
  const bytes = loaded.toBytes();
  assert.equal(frameOf(bytes, TEXT_INDEXES), -1, 'an undecoded index that writes changed is left out');
  const reloaded = Database.fromBytes(bytes).getCollection('words');
  assert.deepEqual(await answers(reloaded), await answers(scratchCopy(lc)));
  assert.deepEqual(await answers(lc), await answers(scratchCopy(lc)), 'the loaded one caught up with its write');
});

test('a saved index that names a record the collection does not hold is CORRUPT_SNAPSHOT at the first text query', async () => {
  const db = new Database();
  const c = db.createCollection({ name: 'c' });
  c.add({ ids: ['a', 'b', 'c'], embeddings: [0, 1, 2].map(vectorOf), documents: ['zebra', 'fox', 'river'] });
  c.delete({ ids: ['a'] });
  await c.query({ queryTexts: 'fox', mode: 'text' });
  const bytes = db.toBytes();
  const frame = frameOf(bytes, TEXT_INDEXES);
  const blob = frame + FRAME + 12;
  assert.deepEqual([...bytes.subarray(blob + 2, blob + 4)], [2, 1], 'two records, the first id 1 (record 0 was deleted)');
  const shifted = bytes.slice();
  shifted[blob + 3] = 0; // ids 0 and 1: record 0 is not live
  reseal(shifted, frame);
  const loaded = Database.fromBytes(shifted).getCollection('c');
  await assert.rejects(loaded.query({ queryTexts: 'fox', mode: 'text' }),
    (e) => e instanceof TeaVecError && e.code === 'CORRUPT_SNAPSHOT' && /record 0/.test(e.message));
});

test('a snapshot without text indexes (taken before any text query, as older versions wrote) rebuilds them', async () => {
  const db = new Database();
  const c = db.createCollection({ name: 'c' });
  c.add({ ids: ['a', 'b'], embeddings: [vectorOf(0), vectorOf(1)], documents: ['zebra crossing', 'fox den'] });
  const bytes = db.toBytes();
  assert.equal(frameOf(bytes, TEXT_INDEXES), -1);
  const loaded = Database.fromBytes(bytes).getCollection('c');
  assert.deepEqual((await loaded.query({ queryTexts: 'zebra', mode: 'text', include: [] })).ids, [['a']]);
});

test('damage to the text indexes section is CORRUPT_SNAPSHOT at load; a malformed index that passes the CRC, at the first text query', async () => {
  const { db } = await churned(11);
  const bytes = db.toBytes();
  const frame = frameOf(bytes, TEXT_INDEXES);
  const corrupt = (e) => e instanceof TeaVecError && e.code === 'CORRUPT_SNAPSHOT';
  for (let at = frame; at < bytes.length; at += 3) {
    const damaged = bytes.slice();
    damaged[at] ^= 1 << (at % 8);
    assert.throws(() => Database.fromBytes(damaged), (e) => e instanceof TeaVecError
      && (e.code === 'CORRUPT_SNAPSHOT' || (at === frame + 3 && e.code === 'SNAPSHOT_TOO_NEW')), `byte ${at}`);
  }
  for (let length = frame; length < bytes.length; length += 5) {
    assert.throws(() => Database.fromBytes(bytes.slice(0, length)), corrupt, `length ${length}`);
  }
  // Past the CRC: the first index (version byte at payload + 4 + 4 + 4) with an unknown layout version.
  const firstBlob = frame + FRAME + 12;
  const newer = bytes.slice();
  assert.equal(newer[firstBlob], 1);
  newer[firstBlob] = 2;
  reseal(newer, frame);
  const c = Database.fromBytes(newer).getCollection('words');
  await assert.rejects(c.query({ queryTexts: 'river', mode: 'text' }), corrupt);
  // Two indexes of one analyzer: the second's analyzer flags changed to the first's.
  const length = new DataView(bytes.buffer).getUint32(firstBlob - 4, true);
  const twice = bytes.slice();
  twice[firstBlob + length + 4 + 1] = twice[firstBlob + 1];
  reseal(twice, frame);
  assert.throws(() => Database.fromBytes(twice), corrupt);
});

for (const storage of ['memory', 'file']) {
  test(`${storage}: a checkpoint holds the text index; the log after it brings the loaded index up to date`, async () => {
    const dir = storage === 'file' ? mkdtempSync(join(tmpdir(), 'teavec-text-')) : null;
    const name = storage === 'file' ? join(dir, 'db') : `text-checkpoint-${process.pid}`;
    try {
      const db = await openDatabase(name, { storage });
      const c = await db.createCollection({ name: 'c' });
      await c.add({ ids: ['a', 'b', 'c'], embeddings: [0, 1, 2].map(vectorOf), documents: ['zebra crossing', 'fox den', 'river stones'] });
      assert.deepEqual((await c.query({ queryTexts: 'zebra', mode: 'text', include: [] })).ids, [['a']]);
      await db.checkpoint();
      assert.ok(frameOf(db.toBytes(), TEXT_INDEXES) > 0);
      await c.update({ ids: ['a'], documents: ['fox tail'] });
      await c.add({ ids: ['d'], embeddings: [vectorOf(3)], documents: ['zebra zebra'] });
      await c.delete({ ids: ['c'] });
      await db.close();
      const again = await openDatabase(name, { storage });
      const c2 = again.getCollection('c');
      assert.equal(again.recovery.replayed, 3, 'three writes after the checkpoint');
      assert.deepEqual((await c2.query({ queryTexts: 'zebra', mode: 'text', include: [] })).ids, [['d']]);
      assert.deepEqual(new Set((await c2.query({ queryTexts: 'fox', mode: 'text', include: [] })).ids[0]), new Set(['a', 'b']));
      assert.deepEqual((await c2.query({ queryTexts: 'river', mode: 'text', include: [] })).ids, [[]]);
      assert.deepEqual(await answers(c2), await answers(scratchCopy(c2)));
      await again.close();
    } finally {
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('a checkpoint after a reopen and writes, before any text query, still saves the text index (decoded for it)', async () => {
  const name = `text-settle-${process.pid}`;
  const db = await openDatabase(name, { storage: 'memory' });
  const c = await db.createCollection({ name: 'c' });
  await c.add({ ids: ['a', 'b'], embeddings: [vectorOf(0), vectorOf(1)], documents: ['zebra crossing', 'fox den'] });
  await c.query({ queryTexts: 'zebra', mode: 'text' });
  await db.checkpoint();
  await c.add({ ids: ['c'], embeddings: [vectorOf(2)], documents: ['zebra river'] });
  await db.close();
  const second = await openDatabase(name, { storage: 'memory' });
  assert.equal(second.recovery.replayed, 1);
  assert.equal(frameOf(second.toBytes(), TEXT_INDEXES), -1, 'the replayed write made the loaded bytes stale');
  await second.getCollection('c').delete({ ids: ['a'] });
  await second.checkpoint();
  await second.close();
  const third = await openDatabase(name, { storage: 'memory' });
  assert.equal(third.recovery.replayed, 0);
  assert.ok(frameOf(third.toBytes(), TEXT_INDEXES) > 0, 'the checkpoint held the text index');
  const c3 = third.getCollection('c');
  assert.deepEqual((await c3.query({ queryTexts: 'zebra', mode: 'text', include: [] })).ids, [['c']]);
  assert.deepEqual(await answers(c3), await answers(scratchCopy(c3)));
  await third.close();
});

test('automatic checkpoints while a stale text index is being decoded for one: writes go on, the state is exact', async () => {
  const name = `text-auto-${process.pid}`;
  const db = await openDatabase(name, { storage: 'memory' });
  const c = await db.createCollection({ name: 'c' });
  const random = rng(5);
  await c.add({ ids: ['s'], embeddings: [vectorOf(0)], documents: ['seed stone'] });
  await c.query({ queryTexts: 'stone', mode: 'text' });
  await db.checkpoint();
  await c.add({ ids: ['t'], embeddings: [vectorOf(1)], documents: ['tail river'] });
  await db.close();
  const again = await openDatabase(name, { storage: 'memory', checkpointBytes: 512 });
  const c2 = again.getCollection('c');
  await Promise.all(Array.from({ length: 40 }, (_, i) => c2.upsert({
    ids: [`w${i % 25}`], embeddings: [vectorOf(i)], documents: [randomDocument(random) ?? 'zebra'] })));
  await again.flush();
  await again.checkpoint();
  assert.ok(again.stats.checkpoints >= 2, `automatic checkpoints ran (${again.stats.checkpoints})`);
  assert.equal(again.stats.checkpointError, null);
  const expected = await answers(scratchCopy(c2));
  await again.close();
  const third = await openDatabase(name, { storage: 'memory' });
  assert.ok(frameOf(third.toBytes(), TEXT_INDEXES) > 0, 'the last checkpoint held the text index');
  assert.deepEqual(await answers(third.getCollection('c')), expected);
  await third.close();
});
