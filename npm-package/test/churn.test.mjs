// Churn on one index that is never freed. With the SIMD kernels its vectors and kernel buffers live in
// Wasm linear memory, which no garbage collector reclaims: compaction, SQ8 training and re-calibration
// and AUTO's switch to HNSW replace storages and scorers, and each must return the old ones' memory
// while the index lives on, or linear memory grows by a copy of the vectors per compaction.
// Two measures: the size of linear memory (it only grows, so it bounds what was ever held at once),
// and the engine's own ledger (the index's integrity aid: the bytes its arena holds must equal what its
// live storages and kernels use, exactly, after every step).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadEngine } from './linear-memory.mjs';

const DIM = 128;
const N = 2000;
const CHURN = N / 5;
const CYCLES = 100;
const WARM_UP = 3;
const CHECK = Symbol.for('teavec.checkIntegrity');
const MiB = 2 ** 20;
const SEED = Number(process.env.TEAVEC_SEED ?? 20251122);

function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
}

function cosineDistance(a, b) {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return 1 - dot / Math.sqrt(na * nb);
}

/**
 * One index under churn, with a JS copy of its live vectors. `spread(cycle)` scales new vectors: a
 * growing spread makes SQ8 clip and re-calibrate during the churn.
 */
class Churn {
  constructor(teavec, linearBytes, configure, seed) {
    this.next = random(seed);
    this.linearBytes = linearBytes;
    const config = new teavec.EdgeVecConfig(DIM);
    config.ef_construction = 32;
    configure(config);
    this.ix = new teavec.EdgeVec(config);
    assert.equal(this.ix.kernels, 'simd', 'Node 22 validates Wasm SIMD: the vectors live in linear memory');
    this.live = new Map();
  }

  insert(count, spread = 1) {
    const flat = new Float32Array(count * DIM);
    for (let i = 0; i < flat.length; i++) flat[i] = (this.next() - 0.5) * spread;
    const ids = this.ix.insertBatchFlat(flat, count);
    ids.forEach((id, j) => this.live.set(id, flat.slice(j * DIM, (j + 1) * DIM)));
  }

  /** Deletes `count` random live ids, inserts as many, compacts; returns the bytes the ledger checked. */
  cycle(count, spread) {
    const ids = [...this.live.keys()];
    for (let i = 0; i < count; i++) {
      const j = i + Math.floor(this.next() * (ids.length - i));
      [ids[i], ids[j]] = [ids[j], ids[i]];
      assert.equal(this.ix.softDelete(ids[i]), true);
      this.live.delete(ids[i]);
    }
    this.insert(count, spread);
    assert.equal(this.ix.compact().tombstones_removed, count);
    assert.equal(this.ix.size, this.live.size);
    return this.check();
  }

  check() {
    const held = this.ix[CHECK]();
    assert.ok(held > 0, `the index holds ${held} bytes of linear memory`);
    return held;
  }

  /** Recall of 20 searches against a brute-force top-10 over the live vectors, and their stored copies. */
  verify(getTolerance) {
    const entries = [...this.live.entries()];
    let found = 0;
    for (let q = 0; q < 20; q++) {
      const query = entries[Math.floor(this.next() * entries.length)][1].map((x) => x + (this.next() - 0.5) * 0.05);
      const truth = entries.map(([id, v]) => [id, cosineDistance(query, v)]).sort((a, b) => a[1] - b[1]).slice(0, 10);
      const hits = new Set(this.ix.search(query, 10, { efSearch: 100 }).map((h) => h.id));
      found += truth.filter(([id]) => hits.has(id)).length;
    }
    const recall = found / 200;
    assert.ok(recall >= 0.9, `recall@10 after churn ${recall} (seed ${SEED})`);
    for (const [id, v] of entries.slice(0, 100)) {
      const got = this.ix.getVector(id);
      const worst = Math.max(...Array.from(v, (x, i) => Math.abs(x - got[i])));
      assert.ok(worst <= getTolerance, `getVector(${id}) is off by ${worst} (seed ${SEED})`);
    }
    return recall;
  }
}

/**
 * Builds an index of `start` vectors in a fresh engine, runs `before` then `cycles` churn cycles, and
 * checks that neither linear memory nor the ledger grew much past warm-up (a leak grows both by a
 * copy of the vectors per cycle).
 */
async function churnTest(name, configure, { start = N, cycles = CYCLES, spread = () => 1, before = () => {}, tolerance = 0 } = {}) {
  const { teavec, linearBytes } = await loadEngine(`churn-${name}`);
  const churn = new Churn(teavec, linearBytes, configure, SEED);
  churn.insert(start);
  churn.check();
  before(churn);
  let warmMemory = 0;
  let warmHeld = 0;
  let maxHeld = 0;
  for (let c = 0; c < cycles; c++) {
    const held = churn.cycle(CHURN, spread(c));
    maxHeld = Math.max(maxHeld, held);
    if (c === WARM_UP - 1) {
      warmMemory = linearBytes();
      warmHeld = held;
    }
  }
  const recall = churn.verify(tolerance);
  const mib = (b) => (b / MiB).toFixed(2);
  console.log(`${name}: linear memory ${mib(warmMemory)} MiB after ${WARM_UP} cycles, ${mib(linearBytes())} MiB after ${cycles}; `
    + `index holds ${mib(warmHeld)} → ${mib(churn.check())} MiB (max ${mib(maxHeld)}); recall ${recall}`);
  assert.ok(linearBytes() < 2 * warmMemory,
    `linear memory grew from ${warmMemory} to ${linearBytes()} bytes over ${cycles - WARM_UP} churn cycles`);
  assert.ok(maxHeld < 1.5 * warmHeld, `the index held up to ${maxHeld} bytes, ${warmHeld} after warm-up`);
  return churn;
}

/** The spread of new vectors: 1, then 4 jumps by 0.25 (each makes SQ8 clip and re-calibrate). */
const jumps = (cycle) => 1 + 0.25 * Math.min(4, Math.floor(cycle / 8));

test('HNSW float: 100 cycles of delete 20%, insert 20%, compact keep linear memory bounded', async () => {
  await churnTest('hnsw', (c) => { c.indexType = 'hnsw'; });
});

test('HNSW SQ8, re-calibrating as the spread of new vectors grows: linear memory stays bounded', async () => {
  // Without kept floats each re-calibration re-encodes decoded codes (up to half a step of error
  // each), so the spread grows in 4 jumps: a step over a range of up to 2 is ~0.008.
  await churnTest('sq8', (c) => { c.indexType = 'hnsw'; c.quantization = 'sq8'; },
    { spread: jumps, tolerance: 0.05 });
});

test('HNSW SQ8 with kept floats for re-ranking: the floats survive training and churn', async () => {
  await churnTest('sq8-rerank', (c) => { c.indexType = 'hnsw'; c.quantization = 'sq8'; c.rerank = true; },
    { cycles: 40, spread: jumps });
});

test('AUTO: flat churn, then the switch to HNSW (the flat storage is returned), then HNSW churn', async () => {
  await churnTest('auto', () => {}, {
    start: N - CHURN,
    cycles: 40,
    before: (churn) => {
      for (let c = 0; c < 3; c++) churn.cycle(CHURN / 2, 1);
      const flat = churn.check();
      churn.insert(CHURN);
      const hnsw = churn.check();
      console.log(`auto: the index held ${flat} bytes flat, ${hnsw} after the switch to HNSW`);
    },
  });
});
