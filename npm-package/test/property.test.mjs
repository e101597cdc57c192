// Property test (fast-check): random sequences of insert / upsert / delete / updateVector / metadata
// edits / filtered searches / compaction, replayed against a plain in-JS model. Exact on a flat index;
// on HNSW only the invariants that approximate search must keep.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { importPacked, seedFor } from './helpers.mjs';
import { randomTools, randomRecord, randomTree, evaluate, toFilterString, toWhere, LEAVES, WHERE_LEAVES } from './filter-model.mjs';

const teavec = await importPacked();
const { EdgeVec, EdgeVecConfig, TeaVecError } = teavec;
await teavec.default();

const DIMS = 4;
const KEYS = ['k0', 'k1', 'k2', 'k3', 'k4'];
const FIELDS = ['cat', 'price', 'active', 'tags', 'name', 'mixed'];

const vector = fc.array(fc.integer({ min: -4, max: 4 }), { minLength: DIMS, maxLength: DIMS }).map((a) => Float32Array.from(a));
const recordSeed = fc.integer({ min: 0, max: 2 ** 30 });
const op = fc.oneof(
  { arbitrary: fc.record({ type: fc.constant('insert'), vector, rec: recordSeed }), weight: 4 },
  { arbitrary: fc.record({ type: fc.constant('upsert'), key: fc.constantFrom(...KEYS), vector, rec: fc.option(recordSeed) }), weight: 3 },
  { arbitrary: fc.record({ type: fc.constant('deleteKey'), key: fc.constantFrom(...KEYS) }), weight: 1 },
  { arbitrary: fc.record({ type: fc.constant('softDelete'), pick: fc.nat(40) }), weight: 2 },
  { arbitrary: fc.record({ type: fc.constant('updateVector'), pick: fc.nat(40), vector }), weight: 2 },
  { arbitrary: fc.record({ type: fc.constant('setMetadata'), pick: fc.nat(40), field: fc.constantFrom(...FIELDS), rec: recordSeed }), weight: 2 },
  { arbitrary: fc.record({ type: fc.constant('deleteMetadata'), pick: fc.nat(40), field: fc.constantFrom(...FIELDS) }), weight: 1 },
  { arbitrary: fc.record({ type: fc.constant('search'), vector, k: fc.integer({ min: 1, max: 8 }), filter: fc.option(recordSeed), where: fc.boolean() }), weight: 3 },
  { arbitrary: fc.constant({ type: 'compact' }), weight: 1 },
);

const dist = (a, b) => Math.sqrt(a.reduce((s, x, i) => s + (x - b[i]) ** 2, 0));
const noneIfEmpty = (rec) => (rec && Object.keys(rec).length > 0 ? rec : undefined);

/**
 * The model: what every id holds, which string ids are live, and the tombstones since the last compaction
 * (one per delete and one per in-place update, whose old vector the engine keeps until compact()).
 */
class Model {
  items = new Map();
  keys = new Map();
  nextId = 0;
  tombstones = 0;

  live() { return [...this.items.entries()].filter(([, it]) => !it.deleted); }
  isLive(id) { return this.items.has(id) && !this.items.get(id).deleted; }
  add(vec, meta, key) {
    const id = this.nextId++;
    this.items.set(id, { vector: vec, meta: noneIfEmpty(meta), key, deleted: false });
    if (key !== undefined) this.keys.set(key, id);
    return id;
  }
  remove(id) {
    const it = this.items.get(id);
    it.deleted = true;
    it.meta = undefined;
    if (it.key !== undefined) this.keys.delete(it.key);
    this.tombstones++;
  }
}

/** Applies one op to the index and the model; checks what the op returns. `exact`: flat index. */
function step(ix, model, o, exact, label) {
  const valueFor = (field, seed) => randomRecord(randomTools(seed))?.[field] ?? null;
  switch (o.type) {
    case 'insert': {
      const rec = randomRecord(randomTools(o.rec));
      const id = rec ? ix.insertWithMetadata(o.vector, rec) : ix.insert(o.vector);
      assert.equal(id, model.add(o.vector, rec ?? undefined), label);
      break;
    }
    case 'upsert': {
      const rec = o.rec === null ? undefined : randomRecord(randomTools(o.rec)) ?? {};
      const id = ix.upsert(o.key, o.vector, rec);
      const existing = model.keys.get(o.key);
      if (existing === undefined) {
        assert.equal(id, model.add(o.vector, rec, o.key), label);
      } else {
        assert.equal(id, existing, `${label}: upsert keeps the id`);
        const it = model.items.get(existing);
        it.vector = o.vector;
        model.tombstones++; // the old vector stays as a tombstone until compact()
        if (rec !== undefined) it.meta = noneIfEmpty(rec);
      }
      break;
    }
    case 'deleteKey': {
      const id = model.keys.get(o.key);
      assert.equal(ix.delete(o.key), id !== undefined, label);
      if (id !== undefined) model.remove(id);
      break;
    }
    case 'softDelete': {
      if (o.pick >= model.nextId) {
        assert.throws(() => ix.softDelete(o.pick), { code: 'UNKNOWN_ID' }, label);
      } else {
        assert.equal(ix.softDelete(o.pick), model.isLive(o.pick), label);
        if (model.isLive(o.pick)) model.remove(o.pick);
      }
      break;
    }
    case 'updateVector': {
      if (!model.isLive(o.pick)) {
        assert.throws(() => ix.updateVector(o.pick, o.vector), { code: 'UNKNOWN_ID' }, label);
      } else {
        ix.updateVector(o.pick, o.vector);
        model.items.get(o.pick).vector = o.vector;
        model.tombstones++;
      }
      break;
    }
    case 'setMetadata': {
      const value = valueFor(o.field, o.rec);
      if (!model.isLive(o.pick)) {
        assert.throws(() => ix.setMetadata(o.pick, o.field, value), { code: 'UNKNOWN_ID' }, label);
      } else {
        ix.setMetadata(o.pick, o.field, value);
        const it = model.items.get(o.pick);
        it.meta = { ...(it.meta ?? {}), [o.field]: value };
      }
      break;
    }
    case 'deleteMetadata': {
      const it = model.isLive(o.pick) ? model.items.get(o.pick) : undefined;
      const had = it?.meta !== undefined && Object.hasOwn(it.meta, o.field);
      assert.equal(ix.deleteMetadata(o.pick, o.field), had, label);
      if (had) {
        const { [o.field]: _, ...rest } = it.meta;
        it.meta = noneIfEmpty(rest);
      }
      break;
    }
    case 'search': {
      const t = randomTools(o.filter ?? 0);
      const tree = o.filter === null ? null : randomTree(t, 2, o.where ? WHERE_LEAVES : Object.keys(LEAVES), !o.where);
      const filter = tree === null ? null : o.where ? toWhere(t, tree) : toFilterString(t, tree);
      const got = filter === null ? ix.search(o.vector, o.k) : ix.searchWithFilter(o.vector, filter, o.k);
      const matches = model.live().filter(([, it]) => tree === null || evaluate(tree, it.meta));
      const truth = matches.map(([id, it]) => dist(o.vector, it.vector)).sort((a, b) => a - b);
      const where = `${label}: ${JSON.stringify(filter)} k=${o.k}`;
      assert.equal(got.length, Math.min(o.k, matches.length), where);
      got.forEach((r, i) => {
        assert.ok(model.isLive(r.id), `${where}: ${r.id} is not live`);
        const it = model.items.get(r.id);
        assert.ok(tree === null || evaluate(tree, it.meta), `${where}: ${r.id} does not match`);
        assert.ok(Math.abs(r.score - dist(o.vector, it.vector)) < 1e-4, `${where}: score of ${r.id}`);
        if (i > 0) assert.ok(got[i - 1].score <= r.score + 1e-9, `${where}: not best first`);
        if (exact) assert.ok(Math.abs(r.score - truth[i]) < 1e-4, `${where}: rank ${i} is ${r.score}, the model says ${truth[i]}`);
      });
      break;
    }
    case 'compact': {
      assert.equal(ix.compact().tombstones_removed, model.tombstones, label);
      model.tombstones = 0;
      break;
    }
    default: throw new Error(o.type);
  }
  assert.equal(ix.liveCount(), model.live().length, `${label}: liveCount`);
  assert.equal(ix.deletedCount(), model.tombstones, `${label}: deletedCount`);
}

/** Everything stored equals the model: vectors, metadata, string ids both ways. */
function checkAll(ix, model) {
  for (const [id, it] of model.items) {
    assert.equal(ix.isDeleted(id), it.deleted, `isDeleted(${id})`);
    if (it.deleted) continue;
    assert.deepEqual([...ix.getVector(id)], [...it.vector], `vector ${id}`);
    assert.deepEqual(ix.getAllMetadata(id), it.meta, `metadata ${id}`);
    assert.equal(ix.keyOf(id), it.key, `keyOf(${id})`);
  }
  for (const key of KEYS) assert.equal(ix.idOf(key), model.keys.get(key), `idOf(${key})`);
}

function run(settings, exact, numRuns, name) {
  const seed = seedFor(name);
  const outcome = fc.check(fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
    const ix = new EdgeVec(Object.assign(new EdgeVecConfig(DIMS), { metric: 'l2', m: 4, ef_construction: 16 }, settings));
    const model = new Model();
    ops.forEach((o, i) => {
      try {
        step(ix, model, o, exact, `op ${i} ${o.type}`);
      } catch (e) {
        if (e instanceof TeaVecError) e.message += ` (op ${i}: ${JSON.stringify(o)})`;
        throw e;
      }
    });
    checkAll(ix, model);
  }), { seed, numRuns });
  if (outcome.failed) {
    // fast-check's report names the seed and the shrunk counterexample; the assertion says what differed.
    throw new Error(`${fc.defaultReportMessage(outcome)}\n${outcome.errorInstance?.message ?? outcome.error}`);
  }
}

test('flat index: random operation sequences agree with the model exactly', () => {
  run({ indexType: 'flat' }, true, 200, 'property flat');
});

test('HNSW index: the same sequences keep the invariants (counts, matches, best first, true scores)', () => {
  run({ indexType: 'hnsw' }, false, 100, 'property hnsw');
});
