// compact() with nothing deleted on the teavec/quantization engine renumbers an HNSW index for memory locality
// (LocalityReorder): ids, stored vectors and answers stay, and the snapshot reloads as the same index. The engine's
// Wasm build carries that code; the core engine's does not (its compact() leaves such an index as it is).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import init from '../dist/quantization.js';
import { EdgeVec, EdgeVecConfig } from '../dist/teavec.js';
import { rng, seedFor } from './helpers.mjs';

await init();

for (const [quantization, rerank] of [['sq8', true], ['none', false], ['sq4', true]]) {
  test(`compact() without deletes renumbers ${quantization}${rerank ? ' + rerank' : ''}: same ids, vectors, answers, snapshot`, () => {
    const seed = seedFor(`locality ${quantization}`);
    const random = rng(seed);
    const dim = 24;
    const n = 3000;
    const config = new EdgeVecConfig(dim);
    config.metric = 'cosine';
    config.indexType = 'hnsw';
    config.quantization = quantization;
    if (rerank) config.rerank = true;
    const index = new EdgeVec(config);
    const data = new Float32Array(n * dim);
    // Clustered, so that SQ8 clips some later vectors (their exact copies must follow them).
    for (let i = 0; i < n; i++) {
      const c = i % 7;
      for (let d = 0; d < dim; d++) data[i * dim + d] = (d % 7 === c ? 3 : 0) + (random() - 0.5) * (i < 1500 ? 1 : 3);
    }
    index.insertBatchFlat(data, n);
    const queries = Array.from({ length: 30 }, () => Float32Array.from({ length: dim }, () => random() - 0.5));
    const before = queries.map((q) => index.search(q, 10));
    const stored = [0, 17, 1499, 2999].map((id) => Array.from(index.getVector(id)));
    const bytesBefore = index.toBytes();
    const result = index.compact();
    const bytesAfter = index.toBytes();
    // Same length, other order: the snapshot's ids, vectors and graph were renumbered.
    assert.equal(bytesAfter.length, bytesBefore.length, `seed ${seed}: snapshot size`);
    assert.ok(!Buffer.from(bytesAfter).equals(Buffer.from(bytesBefore)), `seed ${seed}: compact() renumbered nothing`);
    assert.equal(result.tombstones_removed, 0);
    assert.equal(index.liveCount(), n);
    [0, 17, 1499, 2999].forEach((id, i) => assert.deepEqual(Array.from(index.getVector(id)), stored[i], `seed ${seed}: vector ${id}`));
    let same = 0;
    const after = queries.map((q) => index.search(q, 10));
    for (let i = 0; i < queries.length; i++) {
      if (JSON.stringify(after[i]) === JSON.stringify(before[i])) same++;
    }
    // The same walk on renumbered nodes: only a tie broken by node number may go the other way.
    assert.ok(same >= queries.length - 2, `seed ${seed}: ${same} of ${queries.length} answers identical`);
    const copy = EdgeVec.fromBytes(index.toBytes());
    queries.forEach((q, i) => assert.deepEqual(copy.search(q, 10), after[i], `seed ${seed}: query ${i} after reload`));
    assert.equal(index.insertBatchFlat(data.subarray(0, dim), 1)[0], n, 'ids go on after the renumbering');
    index.free?.();
    copy.free?.();
  });
}

test('a batch on this engine is stored region by region: ids follow the batch, each id keeps its vector and record', () => {
  const seed = seedFor('locality batch');
  const random = rng(seed);
  const dim = 16;
  const n = 2000;
  const make = () => Object.assign(new EdgeVecConfig(dim), { metric: 'l2', indexType: 'hnsw', seed: 3 });
  const vectors = Array.from({ length: n }, (_, i) =>
    Float32Array.from({ length: dim }, (_, d) => (d === i % 9 ? 5 : 0) + random() - 0.5));
  const batched = new EdgeVec(make());
  const { ids } = batched.insertBatchWithMetadata(vectors, vectors.map((_, i) => ({ i })));
  const single = new EdgeVec(make());
  vectors.forEach((v) => single.insert(v));
  assert.deepEqual(Array.from(ids), Array.from({ length: n }, (_, i) => i), `seed ${seed}: ids in the batch's order`);
  // Stored in another order than one add after another (the snapshot holds the stored order).
  assert.ok(!Buffer.from(batched.toBytes()).equals(Buffer.from(single.toBytes())), `seed ${seed}: stored as given`);
  for (let i = 0; i < n; i++) {
    assert.deepEqual(batched.getVector(i), vectors[i], `seed ${seed}: the vector of id ${i}`);
    assert.deepEqual(batched.getMetadata(i), { i }, `seed ${seed}: the record of id ${i}`);
  }
  const hits = batched.searchWithFilter(vectors[5], 'i = 5', 1);
  assert.equal(hits[0].id, 5, `seed ${seed}`);
  assert.equal(batched.search(vectors[1234], 1)[0].id, 1234, `seed ${seed}`);
  batched.free?.();
  single.free?.();
});
