// The auto index's switch from exact scan to HNSW, seen from the package: it is spread over the calls after
// the threshold (a few vectors graphed per insert, never the whole graph in one call), the answers stay exact
// until it ends, and insertBatchWithProgressAsync inserts in slices and steps the rest of the switch in slices
// too. Structural assertions only (vectors graphed per call, via advanceBuild's count of what is left);
// bench/auto-switch.mjs reports the timings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import init, { EdgeVec, EdgeVecConfig } from '../dist/teavec.js';
import { vectors } from './worker-api-cases.js';

await init();

const THRESHOLD = 2000; // IndexConfig.AUTO_HNSW_THRESHOLD: the default auto index switches at 2,000 live vectors
const DIMS = 16;
const auto = () => Object.assign(new EdgeVecConfig(DIMS), { metric: 'l2', seed: 5 });
const flat = () => Object.assign(new EdgeVecConfig(DIMS), { metric: 'l2', indexType: 'flat' });
const integrity = (ix) => ix[Symbol.for('teavec.checkIntegrity')]();

test('10k single inserts: the call that reaches the threshold graphs nothing, each later one graphs a handful', () => {
  const data = vectors(11, 10_000, DIMS);
  const ix = new EdgeVec(auto());
  const oracle = new EdgeVec(flat());
  ix.insertBatch(data.slice(0, THRESHOLD));
  oracle.insertBatch(data.slice(0, THRESHOLD));
  let left = ix.advanceBuild(1);
  assert.equal(left, THRESHOLD - 1, 'the batch reaching the threshold left the whole graph to build (one vector graphed since)');
  const drops = [];
  for (let i = THRESHOLD; i < data.length; i++) {
    ix.insert(data[i]);
    oracle.insert(data[i]);
    const now = ix.advanceBuild(1);
    if (left > 0) drops.push(left - now);
    if (left > 0 && i % 97 === 0) {
      // Mid-switch: the exact answers of a flat index, ids and scores.
      const q = data[(i * 7) % i];
      assert.deepEqual(ix.search(q, 10), oracle.search(q, 10), `exact answers mid-switch (insert ${i})`);
      integrity(ix);
    }
    left = now;
  }
  assert.equal(left, 0, 'the switch ended');
  // An insert graphs up to 4 vectors (AutoIndex.HANDOVER_PER_ADD) and adds one, advanceBuild(1) graphs one.
  assert.ok(drops.length > 100, `the switch took ${drops.length} inserts, not one`);
  assert.ok(drops.every((d) => d >= 1 && d <= 5), `vectors handed over per insert: ${Math.min(...drops)}..${Math.max(...drops)}`);
  integrity(ix);
  ix.free();
  oracle.free();
});

test('insertBatchWithProgressAsync: slices with progress between them, and the switch finished in slices', async () => {
  const data = vectors(12, 6000, DIMS);
  const ix = new EdgeVec(auto());
  const reports = [];
  let turns = 0;
  const ticker = setInterval(() => turns++, 0);
  const result = await ix.insertBatchWithProgressAsync(data, (done, total) => reports.push([done, total]));
  clearInterval(ticker);
  assert.equal(result.total, 6000);
  assert.equal(result.inserted, 6000);
  assert.deepEqual([...result.ids.slice(0, 3)], [0, 1, 2]);
  assert.deepEqual(reports[0], [0, 6000]);
  assert.deepEqual(reports.at(-1), [6000, 6000]);
  assert.ok(reports.length > 3, `progress between slices (${reports.length} reports)`);
  // No slice holds more than MAX_SLICE (64) vectors, so the one that crosses the threshold stays small too.
  const slices = reports.slice(1).map(([done], i) => done - reports[i][0]);
  assert.ok(Math.max(...slices) <= 64, `the largest slice held ${Math.max(...slices)} vectors`);
  assert.ok(turns > 0, 'the event loop had turns during the insert');
  assert.equal(ix.advanceBuild(1), 0, 'the switch to HNSW was finished by the async insert');
  assert.equal(ix.liveCount(), 6000);
  integrity(ix);
  assert.deepEqual(ix.search(data[4321], 1).map((h) => h.id), [4321]);
  ix.free();
});

test('insertBatchWithProgressAsync: an abort between slices leaves the index as before', async () => {
  const ix = new EdgeVec(auto());
  ix.insertBatch(vectors(13, 100, DIMS));
  const controller = new AbortController();
  const reason = new Error('stop');
  const build = ix.insertBatchWithProgressAsync(vectors(14, 5000, DIMS), (done) => {
    if (done > 0) controller.abort(reason);
  }, { signal: controller.signal });
  await assert.rejects(build, (e) => e === reason);
  assert.equal(ix.liveCount(), 100);
  integrity(ix);
  await assert.rejects(ix.insertBatchWithProgressAsync([new Float32Array(3)], () => {}), (e) => e.code === 'DIMENSION_MISMATCH');
  await assert.rejects(ix.insertBatchWithProgressAsync([], () => {}, 'x'), (e) => e.code === 'INVALID_ARGUMENT');
  assert.throws(() => ix.advanceBuild(0), (e) => e.code === 'INVALID_ARGUMENT');
  assert.equal(ix.liveCount(), 100, 'refused batches changed nothing');
  ix.free();
});
