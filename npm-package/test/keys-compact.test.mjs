// The engine's compact key table (StringIds: WTF-8 arena + offsets + open addressing) through the package, where
// it runs as TeaVM's Wasm: seeded random ids of every UTF-16 shape (lone surrogates included, which JavaScript
// strings may hold), adds, deletes, re-adds, upserts and growth against a Map oracle, a round trip through
// Database.toBytes/fromBytes, and checkIntegrity.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importPacked } from './helpers.mjs';
import { rng } from './random.js';

const teavec = await importPacked();
const { Database } = teavec;
await teavec.default();

const SEED = Number(process.env.TEAVEC_SEED ?? Date.now() % 2 ** 31);

function randomId(next) {
  const length = 1 + Math.floor(next() * (next() < 0.5 ? 8 : 40));
  let s = '';
  while (s.length < length) {
    const kind = Math.floor(next() * 7);
    if (kind <= 2) s += String.fromCharCode(48 + Math.floor(next() * 10));
    else if (kind === 3) s += String.fromCharCode(0xe9 + Math.floor(next() * 0x600));
    else if (kind === 4) s += String.fromCharCode(0x4e00 + Math.floor(next() * 0x5000));
    else if (kind === 5) s += String.fromCodePoint(0x1f300 + Math.floor(next() * 0x300));
    else s += ['\ud800', '\udfff', '\u0000', '\uffff', '\u07ff'][Math.floor(next() * 5)];
  }
  return s;
}

test(`ids of every UTF-16 shape survive adds, deletes, re-adds and a snapshot round trip (seed ${SEED})`, () => {
  const next = rng(SEED);
  const db = new Database();
  const c = db.createCollection({ name: 'keys', indexType: 'flat' });
  const live = new Map();
  const removed = [];
  const vector = () => [next(), next(), next()];
  for (let round = 0; round < 40; round++) {
    const ids = [];
    const embeddings = [];
    while (ids.length < 100) {
      const id = next() < 0.15 && removed.length > 0 ? removed.splice(Math.floor(next() * removed.length), 1)[0] : randomId(next);
      if (live.has(id) || ids.includes(id)) continue;
      ids.push(id);
      embeddings.push(vector());
    }
    c.add({ ids, embeddings });
    ids.forEach((id, i) => live.set(id, embeddings[i]));
    const gone = [...live.keys()].filter(() => next() < 0.2);
    c.delete({ ids: gone });
    for (const id of gone) {
      live.delete(id);
      removed.push(id);
    }
    const moved = [...live.keys()].filter(() => next() < 0.05);
    if (moved.length > 0) {
      const fresh = moved.map(vector);
      c.upsert({ ids: moved, embeddings: fresh });
      moved.forEach((id, i) => live.set(id, fresh[i]));
    }
  }
  db.checkIntegrity();
  const check = (col, what) => {
    assert.equal(col.count(), live.size, `${what}: count (seed ${SEED})`);
    const wanted = [...live.keys()];
    const got = col.get({ ids: [...wanted, ...removed.slice(0, 50)], include: ['embeddings'] });
    assert.deepEqual(new Set(got.ids), new Set(wanted), `${what}: the live ids, no removed one (seed ${SEED})`);
    got.ids.forEach((id, i) => {
      const want = live.get(id);
      got.embeddings[i].forEach((v, d) => assert.ok(Math.abs(v - want[d]) < 1e-6, `${what}: ${JSON.stringify(id)} (seed ${SEED})`));
    });
  };
  check(c, 'in memory');
  const copy = Database.fromBytes(db.toBytes());
  copy.checkIntegrity();
  check(copy.getCollection('keys'), 'after fromBytes');
  copy.getCollection('keys').add({ ids: [removed[0] ?? 'x'], embeddings: [[1, 2, 3]] });
  copy.checkIntegrity();
  copy.free();
  db.free();
});

test('ids whose Java hash codes collide stay apart, and a batch with one id twice is refused whole', () => {
  const db = new Database();
  const c = db.createCollection({ name: 'c', indexType: 'flat' });
  const ids = ['AaAa', 'BBBB', 'AaBB', 'BBAa', 'Aa', 'BB'];
  c.add({ ids, embeddings: ids.map((_, i) => [i, 1]) });
  c.delete({ ids: ['AaAa'] });
  assert.deepEqual(c.get({ ids: ['BBBB', 'AaAa', 'BB'] }).ids.sort(), ['BB', 'BBBB']);
  assert.throws(() => c.add({ ids: ['new', 'BBAa\ud800', 'new'], embeddings: [[1, 1], [2, 2], [3, 3]] }), { code: 'DUPLICATE_ID' });
  assert.equal(c.count(), 5);
  db.checkIntegrity();
  db.free();
});
