// The API's contract, run against the built bundle: rankings per metric, every error code, atomic batches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import init, { EdgeVec, EdgeVecConfig, TeaVecError } from '../dist/teavec.js';

await init();

function index(dims, metric) {
  const c = new EdgeVecConfig(dims);
  c.metric = metric;
  return new EdgeVec(c);
}
const f = (...xs) => new Float32Array(xs);

function assertCode(code, fn) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof TeaVecError, `expected a TeaVecError, got ${e}`);
    assert.ok(e instanceof Error);
    assert.equal(e.code, code, e.message);
    assert.ok(e.message.length > 10, 'the message says what was expected');
    return true;
  });
}

test('cosine ranks the most similar first (EdgeVec ranks it last)', () => {
  const ix = index(2, 'cosine');
  ix.insert(f(-1, 0));
  ix.insert(f(10, 1));
  ix.insert(f(0, 1));
  ix.insert(f(1, 1));
  const r = ix.search(f(1, 0), 4);
  assert.deepEqual(r.map((x) => x.id), [1, 3, 2, 0]);
  assert.ok(Math.abs(r[3].score - 2) < 1e-6);
});

test('dot ranks the largest inner product first', () => {
  const ix = index(2, 'dot');
  [f(1, 0), f(3, 0), f(-2, 0), f(0, 5)].forEach((v) => ix.insert(v));
  assert.deepEqual(ix.search(f(1, 0), 4).map((x) => x.id), [1, 0, 3, 2]);
});

test('l2 reports Euclidean distances', () => {
  const ix = index(2, 'l2');
  ix.insert(f(0, 0));
  ix.insert(f(3, 4));
  const r = ix.search(f(0, 0), 2);
  assert.deepEqual(r.map((x) => x.id), [0, 1]);
  assert.ok(Math.abs(r[1].score - 5) < 1e-6);
});

test('the default metric is cosine and the config is validated', () => {
  assert.equal(new EdgeVecConfig(8).metric, 'cosine');
  assertCode('INVALID_CONFIG', () => new EdgeVecConfig(0));
  assertCode('INVALID_CONFIG', () => new EdgeVecConfig(1.5));
  assertCode('INVALID_CONFIG', () => new EdgeVecConfig('384'));
  assertCode('INVALID_CONFIG', () => index(3, 'manhattan'));
  assertCode('INVALID_CONFIG', () => new EdgeVec({ dimensions: 3, metric: 'l2' }));
});

test('bad vectors and k are rejected with stable codes and change nothing', () => {
  const ix = index(3, 'cosine');
  ix.insert(f(1, 2, 3));
  assertCode('DIMENSION_MISMATCH', () => ix.insert(f(1, 2)));
  assertCode('DIMENSION_MISMATCH', () => ix.search(f(1, 2, 3, 4), 1));
  assertCode('INVALID_VECTOR', () => ix.insert(f(1, NaN, 3)));
  assertCode('INVALID_VECTOR', () => ix.insert(f(1, Infinity, 3)));
  assertCode('INVALID_VECTOR', () => ix.insert(f(0, 0, 0)));
  assertCode('INVALID_VECTOR', () => ix.insert([1, 2, 3]));
  assertCode('INVALID_VECTOR', () => ix.insert(null));
  assertCode('INVALID_VECTOR', () => ix.search(f(NaN, 1, 1), 1));
  assertCode('INVALID_K', () => ix.search(f(1, 1, 1), 0));
  assertCode('INVALID_K', () => ix.search(f(1, 1, 1), -1));
  assertCode('INVALID_K', () => ix.search(f(1, 1, 1), 2.5));
  assertCode('INVALID_K', () => ix.search(f(1, 1, 1), '3'));
  assertCode('UNKNOWN_ID', () => ix.getVector(7));
  assert.equal(ix.size, 1);
  assert.deepEqual(ix.search(f(1, 2, 3), 5).map((r) => r.id), [0]);
});

test('a batch with one bad vector stores none of it', () => {
  const ix = index(2, 'l2');
  assertCode('INVALID_VECTOR', () => ix.insertBatchFlat(f(1, 1, 2, 2, NaN, 3), 3));
  assertCode('DIMENSION_MISMATCH', () => ix.insertBatchFlat(f(1, 1, 2), 2));
  assert.equal(ix.size, 0);
  assert.deepEqual([...ix.insertBatchFlat(f(1, 1, 2, 2, 3, 3), 3)], [0, 1, 2]);
  assert.deepEqual([...ix.getVector(2)], [3, 3]);
});

test('k larger than the index returns every vector, best first', () => {
  const ix = index(1, 'l2');
  [5, 1, 3].forEach((x) => ix.insert(f(x)));
  assert.deepEqual(ix.search(f(0), 100).map((r) => r.id), [1, 2, 0]);
});

test('seeded random searches agree with a brute-force scan in JS', () => {
  const seed = Number(process.env.TEAVEC_SEED ?? Date.now() % 1e9);
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  for (const metric of ['cosine', 'dot', 'l2']) {
    const dims = 16;
    const ix = index(dims, metric);
    const data = [];
    for (let i = 0; i < 200; i++) {
      const v = Float32Array.from({ length: dims }, rand);
      data.push(v);
      ix.insert(v);
    }
    const q = Float32Array.from({ length: dims }, rand);
    const dist = (v) => {
      let dot = 0; let nq = 0; let nv = 0; let l2 = 0;
      for (let i = 0; i < dims; i++) {
        dot += q[i] * v[i]; nq += q[i] * q[i]; nv += v[i] * v[i]; l2 += (q[i] - v[i]) ** 2;
      }
      return metric === 'cosine' ? 1 - dot / Math.sqrt(nq * nv) : metric === 'dot' ? -dot : Math.sqrt(l2);
    };
    const expected = data.map((v, id) => ({ id, d: dist(v) })).sort((a, b) => a.d - b.d || a.id - b.id).slice(0, 10);
    const got = ix.search(q, 10);
    got.forEach((r, i) => assert.ok(Math.abs(r.score - expected[i].d) < 1e-4,
      `seed ${seed} ${metric}: result ${i} distance ${r.score} vs ${expected[i].d}`));
  }
});
