// Storage full (the 'memory' storage with a quota: its writes beyond quotaBytes fail with QUOTA_EXCEEDED): every
// kind of mutation rejects with QUOTA_EXCEEDED and leaves both the in-memory state and the durable state exactly
// as they were; writes racing into a full log resolve as a prefix of their calls and the rest change nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import init, { openDatabase } from '../dist/teavec.js';
import { DIMS, METRIC, stateOf, assertSameState } from './database-model.js';
import { rng } from './random.js';

await init();
const random = rng(4242);
const vector = () => new Float32Array(DIMS).map((_, d) => (d === 0 ? 1 : random() * 2 - 1));
const QUERY = vector();
// A long collection name makes every record of that collection at least ~250 bytes.
const LONG = `notes-${'x'.repeat(240)}`;
const NO_AUTO_CHECKPOINT = 1 << 30;

/** What the caller can see of a database: the state, the collection list and count, counts and a query per collection. */
function observe(db) {
  const q = QUERY;
  return `${stateOf(db)}names ${JSON.stringify(db.listCollections().map((c) => c.name))}\ncount ${db.countCollections()}\n${
    db.listCollections().map((c) => `${c.count()} ${JSON.stringify(c.query({ queryEmbeddings: [q], nResults: 3 }).ids)}\n`).join('')}`;
}

async function rejectsQuota(promise, what) {
  await assert.rejects(promise, (e) => {
    assert.equal(e.name, 'TeaVecError', `${what}: a TeaVecError (${e.message})`);
    assert.equal(e.code, 'QUOTA_EXCEEDED', `${what}: ${e.message}`);
    return true;
  }, `${what} rejects`);
}

test('with the storage full every mutation rejects with QUOTA_EXCEEDED and changes nothing, in memory or durable', async () => {
  const name = 'quota-every-kind';
  const db = await openDatabase(name, { storage: 'memory', quotaBytes: 40_000, checkpointBytes: NO_AUTO_CHECKPOINT });
  const notes = await db.createCollection({ name: LONG, metadata: { owner: 'me' }, metric: METRIC, dimensions: DIMS });
  await db.createCollection({ name: `other-${'y'.repeat(240)}`, metric: METRIC, dimensions: DIMS });
  // Fill: batches until one does not fit, then single deletes (the smallest record of this collection) until
  // one does not fit either: from then on no record fits.
  let n = 0;
  let failure = null;
  while (!failure) {
    const ids = Array.from({ length: 4 }, () => `id-${n++}`);
    try {
      await notes.upsert({ ids, embeddings: ids.map(vector), metadatas: ids.map((id) => ({ id, tag: `t${n % 3}` })), documents: ids.map((id) => `doc ${id}`) });
    } catch (e) {
      failure = e;
    }
  }
  assert.equal(failure.code, 'QUOTA_EXCEEDED', `the space ran out: ${failure.message}`);
  const live = notes.get().ids;
  assert.ok(live.length >= 8, `records were written before the space ran out (${live.length})`);
  for (let i = 0; ; i++) {
    try {
      await notes.delete({ ids: [live[i]] });
    } catch (e) {
      assert.equal(e.code, 'QUOTA_EXCEEDED', e.message);
      break;
    }
  }
  const seen = observe(db);
  const durable = stateOf(db);
  const existing = notes.get({ limit: 2 }).ids;
  // Each through a handle got now (so that one mutation's failure to undo itself does not hide the next's).
  const col = () => db.getCollection(LONG);
  const mutations = {
    'add': () => col().add({ ids: ['new-1'], embeddings: [vector()], metadatas: [{ a: 1 }] }),
    'upsert of an existing and a new record': () => col().upsert({ ids: [existing[0], 'new-2'], embeddings: [vector(), vector()] }),
    'update of metadata': () => col().update({ ids: [existing[1]], metadatas: [{ changed: true }] }),
    'update of a vector': () => col().update({ ids: [existing[1]], embeddings: [vector()] }),
    'delete by ids': () => col().delete({ ids: existing }),
    'delete by filter': () => col().delete({ where: { tag: 't1' } }),
    'collection metadata': () => col().modify({ metadata: { owner: 'you' } }),
    'collection rename': () => col().modify({ name: `renamed-${'z'.repeat(240)}` }),
    'createCollection': () => db.createCollection({ name: `third-${'w'.repeat(240)}`, dimensions: DIMS }),
    'deleteCollection': () => db.deleteCollection(LONG),
    'checkpoint': () => db.checkpoint(),
  };
  const problems = [];
  for (const [what, call] of Object.entries(mutations)) {
    const handle = col();
    await rejectsQuota(call(), what);
    assertSameState(observe(db), seen, `${what}: the in-memory state is unchanged`);
    // The Collection object the caller holds is in-memory state too.
    if (handle.name !== LONG) problems.push(`${what}: the Collection object is now named ${handle.name.slice(0, 20)}…`);
    try {
      handle.count();
      assert.deepEqual(handle.metadata, { owner: 'me' });
    } catch (e) {
      problems.push(`${what}: the Collection object held before the failure no longer works: ${e.code} ${e.message.slice(0, 80)}`);
    }
  }
  assert.deepEqual(problems, [], 'a failed write leaves the Collection objects as they were');
  await db.close();
  const again = await openDatabase(name, { storage: 'memory', checkpointBytes: NO_AUTO_CHECKPOINT });
  assertSameState(stateOf(again), durable, 'the durable state is the one before the failed writes');
  again.checkIntegrity();
  // With room again the database goes on.
  await again.getCollection(LONG).add({ ids: ['after'], embeddings: [vector()] });
  await again.close();
  const third = await openDatabase(name, { storage: 'memory' });
  assert.ok(third.getCollection(LONG).get({ ids: ['after'] }).ids.length === 1, 'a write after the full storage survived');
  await third.close();
});

test('concurrent writes into a storage that fills up: a prefix resolves, the rest reject and change nothing', async () => {
  for (const [round, quotaBytes] of [20_000, 25_000, 30_000].entries()) {
    const name = `quota-concurrent-${round}`;
    const db = await openDatabase(name, { storage: 'memory', quotaBytes, checkpointBytes: NO_AUTO_CHECKPOINT });
    const notes = await db.createCollection({ name: LONG, metric: METRIC, dimensions: DIMS });
    const calls = Array.from({ length: 120 }, (_, i) => {
      const id = `id-${i % 90}`; // the last 30 overwrite earlier ones
      return { id, vector: vector(), document: `doc ${i}` };
    });
    const outcomes = await Promise.allSettled(calls.map((c) => notes.upsert({ ids: [c.id], embeddings: [c.vector], documents: [c.document] })));
    const resolved = outcomes.findIndex((o) => o.status === 'rejected');
    assert.ok(resolved > 0 && resolved < calls.length, `round ${round}: some writes fit, some did not (${resolved})`);
    outcomes.slice(resolved).forEach((o, k) => {
      assert.equal(o.status, 'rejected', `round ${round}: write ${resolved + k} after a failed one resolved`);
      assert.equal(o.reason.code, 'QUOTA_EXCEEDED', `round ${round}: write ${resolved + k}: ${o.reason.message}`);
    });
    // Expected: the resolved prefix applied in call order, nothing of the rest.
    const expected = new Map();
    for (const c of calls.slice(0, resolved)) expected.set(c.id, c);
    const check = (d, what) => {
      const got = d.getCollection(LONG).get({ include: ['embeddings', 'documents'] });
      assert.deepEqual([...got.ids].sort(), [...expected.keys()].sort(), `round ${round}, ${what}: ids`);
      got.ids.forEach((id, i) => {
        assert.deepEqual(Float32Array.from(got.embeddings[i]), expected.get(id).vector, `round ${round}, ${what}: ${id} vector`);
        assert.equal(got.documents[i], expected.get(id).document, `round ${round}, ${what}: ${id} document`);
      });
    };
    check(db, 'in memory');
    db.checkIntegrity();
    await db.close();
    const again = await openDatabase(name, { storage: 'memory' });
    check(again, 'reopened');
    again.checkIntegrity();
    await again.close();
  }
});
