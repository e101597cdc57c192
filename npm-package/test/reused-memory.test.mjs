// Snapshot loads copy stored vectors into linear-memory chunks that are not zeroed first (they are about to be
// overwritten), and freed memory is reused as it was left. Every byte a row's kernel reads must still be the
// vector's or zero: a row's padding beyond its dimensions (5 floats in a 32-byte row) would otherwise keep an
// earlier index's values and change L2 distances. Seeded, bounded: a few thousand small vectors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadEngine } from './linear-memory.mjs';

const { teavec } = await loadEngine('reused-memory');
const { EdgeVec, EdgeVecConfig } = teavec;

const N = 3000;
let seed = Number(process.env.TEAVEC_SEED ?? 20261207);
const random = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 2 ** 32 - 0.5;
};

function index(dims, quantization) {
  const c = new EdgeVecConfig(dims);
  c.metric = 'l2';
  c.quantization = quantization;
  c.ef_construction = 32;
  return new EdgeVec(c);
}

for (const quantization of ['none', 'sq8']) {
  test(`${quantization}: a snapshot loaded into freed memory scores as the saved index did`, () => {
    const dims = 5;
    const data = Float32Array.from({ length: N * dims }, random);
    const source = index(dims, quantization);
    source.insertBatchFlat(data, N);
    const bytes = source.toBytes();
    const queries = Array.from({ length: 5 }, () => Float32Array.from({ length: dims }, random));
    const expected = queries.map((q) => source.search(q, 10));
    source.free();
    for (let round = 0; round < 3; round++) {
      // Rows of the same size (7 dimensions: 32 bytes too, padding included), all far from zero, then freed:
      // their chunks are the memory the next load is given.
      const filler = index(7, quantization);
      filler.insertBatchFlat(Float32Array.from({ length: N * 7 }, () => 1000 + random()), N);
      filler.free();
      const loaded = EdgeVec.fromBytes(bytes);
      queries.forEach((q, i) => {
        const got = loaded.search(q, 10);
        assert.deepEqual(got.map((r) => r.id), expected[i].map((r) => r.id), `round ${round} query ${i}`);
        got.forEach((r, j) => assert.ok(Math.abs(r.score - expected[i][j].score) < 1e-4,
          `round ${round} query ${i} result ${j}: ${r.score} vs ${expected[i][j].score}`));
      });
      loaded.free();
    }
  });
}
