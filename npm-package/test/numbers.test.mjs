// Metadata numbers through the engine's own decimal conversions (JSON in, JSON out, filter literals),
// with V8's correctly rounded JSON.parse / Number() and shortest String() as the oracle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importPacked, seedFor, rng } from './helpers.mjs';

const teavec = await importPacked();
const { EdgeVec, EdgeVecConfig } = teavec;
await teavec.default();

const seed = seedFor('numbers');
const random = rng(seed);
const view = new DataView(new ArrayBuffer(8));

/** A finite double from random bits, a short decimal, or a hard case. */
function randomDouble(i) {
  if (i % 4 === 1) return Math.floor(random() * 1e8) / 10 ** Math.floor(random() * 25);
  for (;;) {
    view.setUint32(0, Math.floor(random() * 2 ** 32));
    view.setUint32(4, Math.floor(random() * 2 ** 32));
    const x = view.getFloat64(0);
    if (Number.isFinite(x)) return x;
  }
}

const HARD = [0.1, 1e21, 1e23, 5e-324, 2.2250738585072011e-308, Number.MAX_VALUE, 2 ** 53 + 2, 0.30000000000000004,
  1.5e-7, 123e-20, -0];

test('metadata numbers read back exactly', () => {
  const ix = new EdgeVec(Object.assign(new EdgeVecConfig(1), { metric: 'l2', indexType: 'flat' }));
  const values = [...HARD, ...Array.from({ length: 3000 }, (_, i) => randomDouble(i))];
  const ids = ix.insertBatchWithMetadata(values.map(() => new Float32Array([0])), values.map((x) => ({ x }))).ids;
  values.forEach((x, i) => {
    const back = ix.getMetadata(ids[i], 'x');
    assert.ok(back === x, `seed ${seed}: ${String(x)} read back as ${String(back)}`);
  });
});

test('filter literals parse to the nearest double, however many digits they have', () => {
  const values = [...HARD, ...Array.from({ length: 400 }, (_, i) => randomDouble(i))];
  const ix = new EdgeVec(Object.assign(new EdgeVecConfig(1), { metric: 'l2', indexType: 'flat' }));
  ix.insertBatchWithMetadata(values.map(() => new Float32Array([0])), values.map((x) => ({ x })));
  const query = new Float32Array([0]);
  const matching = (y) => values.flatMap((x, id) => (x === y ? [id] : []));
  for (const x of values.slice(0, 150)) {
    // Shortest text, 21 significant digits (past the double's 17), and 25 digits with a nudge.
    const long = x.toExponential(20);
    const nudged = `${x.toExponential(20).replace('e', `${Math.floor(random() * 1e4)}e`)}`;
    for (const text of [String(x), long, nudged]) {
      const got = ix.searchWithFilter(query, `x = ${text}`, values.length).map((r) => r.id).sort((a, b) => a - b);
      assert.deepEqual(got, matching(Number(text)), `seed ${seed}: filter x = ${text}`);
    }
  }
});
