// Hostile where objects get a TeaVecError INVALID_FILTER, never a raw RangeError: nested thousands deep,
// cyclic, or sharing sub-objects so that their JSON text would explode. Both grammars nest equally deep.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importPacked } from './helpers.mjs';

const teavec = await importPacked();
const { EdgeVec, EdgeVecConfig, Database, TeaVecError } = teavec;
await teavec.default();

const index = new EdgeVec(new EdgeVecConfig(2));
index.insertWithMetadata(new Float32Array([1, 0]), { a: 1 });
const query = new Float32Array([1, 0]);
const db = new Database();
const collection = db.createCollection({ name: 'c' });
collection.add({ ids: ['x'], embeddings: [[1, 0]], metadatas: [{ a: 1 }] });

/** `levels` nested where objects ($and lists) around { a: 1 }. */
function nestedWhere(levels) {
  let where = { a: 1 };
  for (let i = 1; i < levels; i++) where = { $and: [where] };
  return where;
}

/** The same nesting in the string grammar: parentheses around a = 1. */
const nestedString = (levels) => `${'('.repeat(levels - 1)}a = 1${')'.repeat(levels - 1)}`;

function invalidFilter(pattern) {
  return (e) => {
    assert.ok(e instanceof TeaVecError, `a TeaVecError, got ${e?.constructor?.name}: ${e?.message}`);
    assert.equal(e.code, 'INVALID_FILTER');
    assert.match(e.message, pattern);
    assert.equal(typeof e.position, 'number');
    return true;
  };
}

test('where objects and filter strings nest equally deep: 64 levels pass, 65 fail with the same message', () => {
  for (const filter of [nestedWhere(64), nestedString(64)]) {
    assert.equal(index.searchWithFilter(query, filter, 1).length, 1);
  }
  assert.deepEqual(collection.get({ where: nestedWhere(64) }).ids, ['x']);
  for (const filter of [nestedWhere(65), nestedString(65)]) {
    assert.throws(() => index.searchWithFilter(query, filter, 1), invalidFilter(/^expected nesting of at most 64 levels at position \d+$/));
  }
});

test('a where object nested 2,000 (or 200,000) deep is INVALID_FILTER, in every method that takes one', () => {
  for (const levels of [2000, 200_000]) {
    const deep = nestedWhere(levels);
    const tooDeep = levels === 2000 ? /nesting of at most 64 levels/ : /nesting of at most 64 levels|at most \d+ characters/;
    assert.throws(() => index.searchWithFilter(query, deep, 1), invalidFilter(tooDeep));
    assert.throws(() => index.searchFiltered(query, 1, { filter: deep }), invalidFilter(tooDeep));
    assert.throws(() => collection.get({ where: deep }), invalidFilter(tooDeep));
    assert.throws(() => collection.query({ queryEmbeddings: [[1, 0]], where: deep }), invalidFilter(tooDeep));
    assert.throws(() => collection.delete({ where: deep }), invalidFilter(tooDeep));
  }
  assert.equal(collection.count(), 1, 'nothing was deleted');
});

test('a cyclic where object is INVALID_FILTER saying so', () => {
  const cyclic = { $and: [{ a: 1 }] };
  cyclic.$and.push(cyclic);
  assert.throws(() => index.searchWithFilter(query, cyclic, 1), invalidFilter(/cyclic/));
  const list = [{ a: 1 }];
  list.push({ $or: list });
  assert.throws(() => collection.get({ where: { $and: list } }), invalidFilter(/cyclic/));
  // Shared, not cyclic: the same object twice is fine.
  const shared = { a: 1 };
  assert.equal(index.searchWithFilter(query, { $or: [shared, shared] }, 1).length, 1);
});

test('a where object whose shared sub-objects would make its JSON text explode is INVALID_FILTER', () => {
  let bomb = { a: 1 };
  for (let i = 0; i < 40; i++) bomb = { $or: [bomb, bomb] };
  assert.throws(() => index.searchWithFilter(query, bomb, 1), invalidFilter(/at most \d+ characters/));
});
