// Collections with an embedding function (Chroma JS's interface): a deterministic user function drives every
// method of the in-memory Database and of openDatabase on memory and files; a failing one changes nothing; the
// function's name and config are saved and re-attached on load; whereDocument, ids on query and rows().
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import init, { Database, openDatabase, TeaVecError } from '../dist/teavec.js';
import { registerEmbeddingFunction, embeddingFunctions } from '../dist/embeddings.js';
import { rng } from './random.js';

await init();

const dirs = mkdtempSync(join(tmpdir(), 'teavec-text-'));
after(() => rmSync(dirs, { recursive: true, force: true }));

/** Letter counts of a text, normalised: deterministic, 26 dimensions, similar texts close. */
function letterVector(text) {
  const v = new Array(26).fill(0);
  for (const c of text.toLowerCase()) if (c >= 'a' && c <= 'z') v[c.charCodeAt(0) - 97] += 1;
  const n = Math.hypot(...v) || 1;
  return v.map((x) => x / n);
}

/** A user embedding function that counts its calls; queries are embedded by generateForQueries (reversed text). */
function lettersFunction(name, log = []) {
  return {
    name,
    async generate(texts) {
      log.push({ kind: 'documents', n: texts.length });
      return texts.map(letterVector);
    },
    async generateForQueries(texts) {
      log.push({ kind: 'queries', n: texts.length });
      return texts.map((t) => letterVector([...t].reverse().join('')));
    },
    getConfig: () => ({ alphabet: 26 }),
  };
}

let nameCounter = 0;
const uniqueName = (prefix) => `${prefix}-${process.pid}-${nameCounter++}`;

async function rejectsWith(code, promise, label) {
  await assert.rejects(promise, (e) => {
    assert.ok(e instanceof TeaVecError, `${label}: expected a TeaVecError, got ${e?.stack ?? e}`);
    assert.equal(e.code, code, `${label}: ${e.message}`);
    return true;
  });
}

const WORDS = ['apple', 'banana', 'cherry', 'date', 'elder', 'fig', 'grape', 'honeydew', 'kiwi', 'lemon', 'mango', 'nectar'];

/** `n` seeded documents, ids and metadata. */
function corpus(seed, n, prefix = 'd') {
  const random = rng(seed);
  const ids = Array.from({ length: n }, (_, i) => `${prefix}${i}`);
  const documents = ids.map(() => Array.from({ length: 3 + Math.floor(random() * 5) },
    () => WORDS[Math.floor(random() * WORDS.length)]).join(' '));
  const metadatas = ids.map((_, i) => ({ i, group: i % 3 }));
  return { ids, documents, metadatas };
}

const everything = (c) => c.get({ include: ['embeddings', 'metadatas', 'documents'] });

/**
 * Runs every method through `c` (a collection with the letters function) and the same calls with embeddings
 * given through `oracle` (no function); both must agree. `awaitAll`: whether every write returns a Promise.
 */
async function driveEveryMethod(c, oracle, log, awaitAll) {
  const data = corpus(7, 50);
  const progress = [];
  const added = c.add({ ...data, onProgress: (done, total) => progress.push([done, total]), embeddingBatchSize: 16 });
  assert.ok(added instanceof Promise, 'add with documents only returns a Promise');
  await added;
  oracle.add({ ...data, embeddings: data.documents.map(letterVector) });
  assert.deepEqual(progress, [[16, 50], [32, 50], [48, 50], [50, 50]], 'onProgress after every batch');
  assert.deepEqual(log.map((e) => e.n), [16, 16, 16, 2], 'the function saw batches of embeddingBatchSize texts');
  assert.equal(c.count(), 50);

  const withVectors = c.add({ ids: ['v1'], embeddings: [letterVector('kiwi kiwi')], documents: ['not embedded'] });
  if (!awaitAll) assert.equal(withVectors, undefined, 'a write with embeddings stays synchronous');
  await withVectors;
  oracle.add({ ids: ['v1'], embeddings: [letterVector('kiwi kiwi')], documents: ['not embedded'] });
  assert.equal(log.length, 4, 'embeddings given: the function is not called');

  await c.upsert({ ids: ['d1', 'new'], documents: ['mango mango', 'fig lemon'], metadatas: [{ up: 1 }, { up: 2 }] });
  oracle.upsert({ ids: ['d1', 'new'], embeddings: [letterVector('mango mango'), letterVector('fig lemon')],
    documents: ['mango mango', 'fig lemon'], metadatas: [{ up: 1 }, { up: 2 }] });
  await c.update({ ids: ['d2'], documents: ['cherry cherry date'] });
  oracle.update({ ids: ['d2'], embeddings: [letterVector('cherry cherry date')], documents: ['cherry cherry date'] });
  await c.update({ ids: ['d3'], metadatas: [{ only: 'metadata' }] });
  oracle.update({ ids: ['d3'], metadatas: [{ only: 'metadata' }] });
  assert.deepEqual(everything(c), everything(oracle), 'the same records as with embeddings given');

  const texts = ['apple pie', 'lemon'];
  const byText = c.query({ queryTexts: texts, nResults: 5, include: ['documents', 'distances', 'metadatas'] });
  assert.ok(byText instanceof Promise, 'query with queryTexts returns a Promise');
  const reversed = texts.map((t) => letterVector([...t].reverse().join('')));
  assert.deepEqual(await byText, oracle.query({ queryEmbeddings: reversed, nResults: 5, include: ['documents', 'distances', 'metadatas'] }),
    'queryTexts are embedded by generateForQueries');
  assert.equal(log.at(-1).kind, 'queries');
  assert.deepEqual((await c.query({ queryTexts: 'kiwi', nResults: 3, where: { group: 1 }, whereDocument: { $contains: 'a' } })).ids,
    oracle.query({ queryEmbeddings: [letterVector('iwik')], nResults: 3, where: { group: 1 }, whereDocument: { $contains: 'a' } }).ids,
    'one query text, with where and whereDocument');
  assert.deepEqual(c.peek({ limit: 3 }), oracle.peek({ limit: 3 }));
  assert.deepEqual(await c.delete({ whereDocument: { $contains: 'honeydew' } }), oracle.delete({ whereDocument: { $contains: 'honeydew' } }));
  await c.modify({ metadata: { topic: 'fruit' } });
  assert.deepEqual(c.metadata, { topic: 'fruit' });
  assert.deepEqual(everything(c), everything(oracle));
}

describe('an in-memory Database', () => {
  test('a user embedding function drives every method; calls that embed return Promises', async () => {
    const log = [];
    const db = new Database();
    const c = db.createCollection({ name: 'texts', embeddingFunction: lettersFunction(uniqueName('letters'), log) });
    const oracle = db.createCollection({ name: 'oracle' });
    await driveEveryMethod(c, oracle, log, false);
    assert.equal(c.embeddingFunction.name.startsWith('letters'), true);
  });

  test('without an embedding function, documents alone and queryTexts are refused as before', async () => {
    const c = new Database().createCollection('plain');
    assert.throws(() => c.add({ ids: ['a'], documents: ['text'] }), /needs embeddings, or documents and a collection made with an embeddingFunction/);
    assert.throws(() => c.query({ queryTexts: ['x'] }), (e) => e.code === 'INVALID_ARGUMENT' && /no embedding function/.test(e.message));
    const ef = lettersFunction(uniqueName('letters'));
    const d = new Database().createCollection({ name: 'both', embeddingFunction: ef });
    assert.throws(() => d.query({ queryTexts: ['x'], queryEmbeddings: [letterVector('x')] }), /not both/);
    assert.throws(() => new Database().createCollection({ name: 'x', embeddingFunction: { name: 'no-generate' } }),
      (e) => e.code === 'INVALID_ARGUMENT');
  });

  test('a failing or malformed embedding function is EMBEDDING_FAILED and changes nothing', async () => {
    const failures = {
      'throws on the second batch': (texts, call) => { if (call === 2) throw new Error('quota exceeded'); return texts.map(letterVector); },
      'returns too few vectors': (texts) => texts.slice(1).map(letterVector),
      'returns NaN': (texts) => texts.map(() => new Array(26).fill(NaN)),
      'changes its dimensions': (texts, call) => texts.map((t) => letterVector(t).slice(0, call === 1 ? 26 : 10)),
    };
    for (const [label, generate] of Object.entries(failures)) {
      let call = 0;
      const ef = { name: uniqueName('failing'), async generate(texts) { call++; return generate(texts, call); } };
      const db = new Database();
      const c = db.createCollection({ name: 'c', embeddingFunction: ef });
      c.add({ ids: ['kept'], embeddings: [letterVector('kept')], documents: ['kept'] });
      const before = everything(c);
      const bytes = db.toBytes();
      call = 0;
      await rejectsWith('EMBEDDING_FAILED', c.add({ ...corpus(3, 20), embeddingBatchSize: 8 }), label);
      call = 0;
      await rejectsWith('EMBEDDING_FAILED', c.upsert({ ids: ['kept', 'x'], documents: ['a b', 'c d'], embeddingBatchSize: 1 }), `${label} (upsert)`);
      assert.deepEqual(everything(c), before, `${label}: the collection is unchanged`);
      assert.deepEqual(db.toBytes(), bytes, `${label}: byte for byte`);
    }
  });

  test('name and config are saved in snapshots and re-attached from the registry; a missing one is named', async () => {
    const name = uniqueName('saved');
    const db = new Database();
    const c = db.createCollection({ name: 'notes', embeddingFunction: lettersFunction(name) });
    await c.add({ ids: ['a', 'b', 'c'], documents: ['apple', 'banana', 'cherry'] });
    const loaded = Database.fromBytes(db.toBytes());
    const again = loaded.getCollection('notes');
    assert.deepEqual(everything(again), everything(c), 'records load without any function');
    const missing = again.query({ queryTexts: ['apple'] });
    await rejectsWith('INVALID_CONFIG', missing, 'an unregistered function');
    await missing.catch((e) => assert.match(e.message, new RegExp(`"${name}".*registerEmbeddingFunction`)));
    await rejectsWith('INVALID_CONFIG', again.add({ ids: ['d'], documents: ['date'] }), 'add without the function');
    assert.equal(again.count(), 3);

    let configSeen;
    registerEmbeddingFunction(name, (config) => { configSeen = config; return lettersFunction(name); });
    try {
      assert.deepEqual((await again.query({ queryTexts: ['elppa'], nResults: 1 })).ids, [['a']], 're-attached from the registry');
      assert.deepEqual(configSeen, { alphabet: 26 }, 'built from the saved getConfig()');
      await again.add({ ids: ['d'], documents: ['date'] });
      assert.equal(again.count(), 4);
    } finally {
      embeddingFunctions.unregister(name);
    }
    // Passing the function again attaches it; one of another name is refused.
    const third = Database.fromBytes(db.toBytes());
    const given = third.getCollection({ name: 'notes', embeddingFunction: lettersFunction(name) });
    assert.deepEqual((await given.query({ queryTexts: ['ananab'], nResults: 1 })).ids, [['b']]);
    assert.throws(() => third.getCollection({ name: 'notes', embeddingFunction: lettersFunction('another') }),
      (e) => e.code === 'INVALID_CONFIG' && /embeds with/.test(e.message));
    assert.equal(third.getOrCreateCollection({ name: 'notes', embeddingFunction: lettersFunction(name) }), given);
  });

  test("the function's defaultSpace() picks the metric unless the collection names one", () => {
    const ef = { ...lettersFunction(uniqueName('l2')), defaultSpace: () => 'l2' };
    const db = new Database();
    assert.equal(db.createCollection({ name: 'a', embeddingFunction: ef }).metric, 'l2');
    assert.equal(db.createCollection({ name: 'b', embeddingFunction: ef, metadata: { 'hnsw:space': 'ip' } }).metric, 'dot');
    assert.equal(db.createCollection({ name: 'c', embeddingFunction: ef, metric: 'cosine' }).metric, 'cosine');
  });
});

describe('a database opened by name', () => {
  for (const storage of ['memory', 'file']) {
    const open = (name, options) => openDatabase(storage === 'file' ? join(dirs, name) : name, { storage, ...options });

    test(`${storage}: every method with a user function; the log holds vectors; reopening re-attaches it`, async () => {
      const fnName = uniqueName('persist');
      const dbName = uniqueName(`text-${storage}`);
      const log = [];
      const db = await open(dbName);
      const c = await db.createCollection({ name: 'texts', embeddingFunction: lettersFunction(fnName, log) });
      const memory = new Database();
      const oracle = memory.createCollection({ name: 'oracle' });
      await driveEveryMethod(c, oracle, log, true);
      const expected = everything(c);
      await db.close();

      // Replay needs no model: the records come back without any function registered.
      const plain = await open(dbName);
      const reopened = plain.getCollection('texts');
      assert.deepEqual(everything(reopened), expected, 'records after reopening, no function available');
      await rejectsWith('INVALID_CONFIG', reopened.query({ queryTexts: ['x'] }), 'queryTexts without the function');
      await rejectsWith('INVALID_CONFIG', reopened.add({ ids: ['y'], documents: ['y'] }), 'documents without the function');
      await plain.checkpoint();
      await plain.close();

      registerEmbeddingFunction(fnName, () => lettersFunction(fnName));
      try {
        const db2 = await open(dbName);
        const c2 = db2.getCollection('texts');
        assert.deepEqual((await c2.query({ queryTexts: ['elppa'], nResults: 3 })).ids,
          oracle.query({ queryEmbeddings: [letterVector('apple')], nResults: 3 }).ids, 're-attached after a checkpoint');
        await c2.add({ ids: ['late'], documents: ['grape grape'] });
        await db2.close();
      } finally {
        embeddingFunctions.unregister(fnName);
      }
      const db3 = await open(dbName);
      const c3 = db3.getCollection({ name: 'texts', embeddingFunction: lettersFunction(fnName) });
      assert.deepEqual(c3.get({ ids: ['late'], include: ['embeddings'] }).embeddings.map((e) => e.map(Math.fround)),
        [letterVector('grape grape').map(Math.fround)], 'the embedded write survived');
      assert.deepEqual((await c3.query({ queryTexts: ['eparg'], nResults: 1 })).ids, [['late']], 'passed again to getCollection');
      await db3.close();
    });

    test(`${storage}: a failing function changes nothing and logs nothing`, async () => {
      const dbName = uniqueName(`fail-${storage}`);
      const db = await open(dbName);
      let fail = false;
      const ef = { name: uniqueName('flaky'), async generate(texts) { if (fail) throw new Error('offline'); return texts.map(letterVector); } };
      const c = await db.createCollection({ name: 'c', embeddingFunction: ef });
      await c.add({ ids: ['a'], documents: ['apple'] });
      const writes = db.stats.writes;
      fail = true;
      await rejectsWith('EMBEDDING_FAILED', c.add({ ids: ['b', 'c'], documents: ['banana', 'cherry'] }), 'add');
      await rejectsWith('EMBEDDING_FAILED', c.update({ ids: ['a'], documents: ['avocado'] }), 'update');
      assert.equal(db.stats.writes, writes, 'nothing went to the log');
      assert.deepEqual(c.get().documents, ['apple']);
      await db.close();
      const again = await open(dbName);
      assert.deepEqual(again.getCollection('c').get().documents, ['apple']);
      await again.close();
    });
  }
});

describe('whereDocument, ids on query, rows()', () => {
  const data = corpus(11, 60);
  data.documents[5] = null;
  data.documents[6] = 'Mixed Case kiwi e-mail: someone@example.org';
  const db = new Database();
  const c = db.createCollection({ name: 'docs', indexType: 'flat' });
  c.add({ ...data, embeddings: data.ids.map((_, i) => letterVector(`${WORDS[i % WORDS.length]} ${i}`)) });
  const documentOf = new Map(data.ids.map((id, i) => [id, data.documents[i]]));

  const filters = [
    [{ $contains: 'kiwi' }, (d) => d !== null && d.includes('kiwi')],
    [{ $contains: 'Kiwi' }, (d) => d !== null && d.includes('Kiwi')],
    [{ $not_contains: 'apple' }, (d) => d === null || !d.includes('apple')],
    [{ $regex: '^(fig|date) ' }, (d) => d !== null && /^(fig|date) /.test(d)],
    [{ $regex: '^[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}$' }, () => false],
    [{ $regex: '[a-zA-Z0-9._%+-]+@[a-zA-Z0-9.-]+\\.[a-zA-Z]{2,}' }, (d) => d !== null && d.includes('@example.org')],
    [{ $not_regex: 'a{2}|mango' }, (d) => d === null || !/a{2}|mango/.test(d)],
    [{ $and: [{ $contains: 'lemon' }, { $not_contains: 'grape' }] }, (d) => d !== null && d.includes('lemon') && !d.includes('grape')],
    [{ $or: [{ $contains: 'nectar' }, { $regex: 'kiwi$' }] }, (d) => d !== null && (d.includes('nectar') || /kiwi$/.test(d))],
    [{}, () => true],
  ];

  test('get, query and delete filter on documents as an oracle does', () => {
    for (const [filter, oracle] of filters) {
      const expected = data.ids.filter((id) => oracle(documentOf.get(id)));
      assert.deepEqual(c.get({ whereDocument: filter }).ids, expected, JSON.stringify(filter));
      assert.deepEqual(c.get({ whereDocument: filter, where: { group: 2 }, offset: 1, limit: 3 }).ids,
        expected.filter((id) => Number(id.slice(1)) % 3 === 2).slice(1, 4), `${JSON.stringify(filter)} with where, offset, limit`);
      const q = letterVector('kiwi lemon');
      const all = c.query({ queryEmbeddings: [q], nResults: 60, include: ['distances'] });
      const nearest = all.ids[0].map((id, i) => [id, all.distances[0][i]]).filter(([id]) => oracle(documentOf.get(id))).slice(0, 7);
      const got = c.query({ queryEmbeddings: [q], nResults: 7, whereDocument: filter, include: ['distances'] });
      assert.deepEqual(got.ids[0], nearest.map(([id]) => id), `query ${JSON.stringify(filter)}`);
      got.distances[0].forEach((d, i) => assert.ok(Math.abs(d - nearest[i][1]) < 1e-6, 'same distances'));
    }
    const copy = Database.fromBytes(db.toBytes()).getCollection('docs');
    assert.deepEqual(copy.delete({ whereDocument: { $contains: 'fig' }, where: { group: 0 } }),
      data.ids.filter((id, i) => i % 3 === 0 && documentOf.get(id)?.includes('fig')));
    assert.equal(copy.get({ whereDocument: { $contains: 'fig' }, where: { group: 0 } }).ids.length, 0);
  });

  test('malformed whereDocument is INVALID_FILTER', () => {
    for (const bad of [{ $contains: 3 }, { $regex: '(' }, { $and: [] }, { $or: 'x' }, { $contains: 'a', $regex: 'b' },
      { $like: 'x' }, 'kiwi', null, { $and: [{}] }]) {
      assert.throws(() => c.get({ whereDocument: bad }), (e) => e.code === 'INVALID_FILTER', JSON.stringify(bad));
    }
    let deep = { $contains: 'x' };
    for (let i = 0; i < 70; i++) deep = { $and: [deep] };
    assert.throws(() => c.query({ queryEmbeddings: [letterVector('x')], whereDocument: deep }), (e) => e.code === 'INVALID_FILTER');
  });

  test('ids on query restrict the search to those records, exactly', () => {
    const random = rng(5);
    for (let round = 0; round < 20; round++) {
      const ids = data.ids.filter(() => random() < 0.3).concat(['missing']);
      const q = letterVector(WORDS[round % WORDS.length]);
      const all = c.query({ queryEmbeddings: [q], nResults: 60, include: [] });
      const expected = all.ids[0].filter((id) => ids.includes(id)).slice(0, 5);
      assert.deepEqual(c.query({ queryEmbeddings: [q], ids, nResults: 5, include: [] }).ids, [expected], `round ${round}`);
    }
    assert.deepEqual(c.query({ queryEmbeddings: [letterVector('x')], ids: ['missing'] }).ids, [[]]);
  });

  test('rows() and include are not enumerable: JSON of a result is its columns', () => {
    const got = c.get({ ids: ['d1', 'd2'], include: ['documents', 'metadatas'] });
    assert.deepEqual(Object.keys(got), ['ids', 'embeddings', 'metadatas', 'documents', 'included']);
    assert.deepEqual(got.rows(), [
      { id: 'd1', document: data.documents[1], metadata: data.metadatas[1] },
      { id: 'd2', document: data.documents[2], metadata: data.metadatas[2] },
    ]);
    assert.deepEqual(got.include, ['documents', 'metadatas']);
    const q = c.query({ queryEmbeddings: [letterVector('fig'), letterVector('kiwi')], nResults: 2, include: ['distances'] });
    assert.deepEqual(JSON.parse(JSON.stringify(q)), { ids: q.ids, distances: q.distances, metadatas: null, documents: null,
      embeddings: null, included: ['distances'] });
    assert.deepEqual(q.rows(), q.ids.map((ids, n) => ids.map((id, i) => ({ id, distance: q.distances[n][i] }))));
  });
});
