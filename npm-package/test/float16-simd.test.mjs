// float16's SIMD kernels (src/simd/float16.wat) against the scalar reference (wasm-core HeapFloat16Kernel):
// the kernel module's half decoding over every finite half, then whole float16 indexes built and searched by the
// teavec/quantization engine with SIMD and with init({ simd: false }), in two Node processes: same ids, same bits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageDir, seedFor } from './helpers.mjs';

/** The exact value of half h, from the IEEE 754 definition (independent of the bit-moving kernels). */
function halfValue(h) {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 31;
  const mantissa = h & 1023;
  return sign * (exponent === 0 ? mantissa * 2 ** -24 : (1024 + mantissa) * 2 ** (exponent - 25));
}

const isFinite16 = (h) => (h & 0x7c00) !== 0x7c00;
const MAX = 3.4028234663852886e38;

async function kernelModule() {
  const memory = new WebAssembly.Memory({ initial: 8 });
  const bytes = readFileSync(join(packageDir, 'dist', 'teavec-quantization-simd.wasm'));
  const { instance } = await WebAssembly.instantiate(bytes, { env: { memory } });
  return { k: instance.exports, memory };
}

test('decodeF16 gives every finite half its exact value, times a power of two, rounded and clamped as Java', async () => {
  const { k, memory } = await kernelModule();
  new Uint16Array(memory.buffer, 0, 65536).forEach((_, h, a) => { a[h] = h; });
  const out = new Float32Array(memory.buffer, 131072, 65536);
  // 1: the halves themselves (cosine); others: Float16VectorValues' 2^-e, from overflow past MAX_VALUE to subnormal.
  for (const e of [0, -113, -112, -100, 14, 100, 126, 135, 140, 149, 163]) {
    k.decodeF16(0, 8192, 2 ** -e, 131072);
    let checked = 0;
    for (let h = 0; h < 65536; h++) {
      if (!isFinite16(h)) continue;
      const want = Math.max(-MAX, Math.min(MAX, Math.fround(halfValue(h) * 2 ** -e)));
      if (!Object.is(out[h], want)) assert.fail(`half 0x${h.toString(16)} times 2^${-e}: ${out[h]}, expected ${want}`);
      checked++;
    }
    assert.equal(checked, 63488);
  }
});

test('dotF16 reads every finite half at its exact value, in every lane and in an odd last block', async () => {
  const { k, memory } = await kernelModule();
  // A query of ones (48 floats: 3 blocks of 16) and rows of 24 halves (3 blocks of 8: odd) with one half set.
  const q = new Float32Array(memory.buffer, 0, 48).fill(1);
  const row = new Uint16Array(memory.buffer, 256, 24);
  for (let h = 0; h < 65536; h++) {
    if (!isFinite16(h)) continue;
    const lane = h % 24;
    row.fill(0);
    row[lane] = h;
    const got = k.dotF16(q.byteOffset, row.byteOffset, 3);
    // A lane sum starts at +0, so -0 reads as +0.
    assert.ok(Object.is(got, halfValue(h) + 0), `half 0x${h.toString(16)} in lane ${lane}: ${got}`);
  }
});

/** A hash of the engine files the child processes load: a build that rewrites dist/ mid-test changes it. */
function engineHash() {
  const hash = createHash('sha256');
  for (const file of ['quantization.js', 'teavec.js', 'teavec-quantization.wasm', 'teavec-quantization-simd.wasm']) {
    hash.update(readFileSync(join(packageDir, 'dist', file)));
  }
  return hash.digest('hex');
}

test('float16 indexes answer the same, to the bit, on SIMD and scalar kernels (two processes)', () => {
  const seed = seedFor('float16 SIMD vs scalar');
  const run = (mode) => JSON.parse(execFileSync(process.execPath, [join(packageDir, 'test', 'float16-simd-run.mjs'),
    String(seed), mode], { encoding: 'utf8', maxBuffer: 1 << 26 }));
  // The two engines must be the same build: a build writing dist/ between the runs (it happened once, right after
  // a build, and never with the same seed again) would compare two builds, not two kernels.
  const before = engineHash();
  const simd = run('simd');
  const scalar = run('scalar');
  assert.equal(engineHash(), before, 'dist/ changed while the test ran (a build wrote it): run the test again once the build is done');
  assert.equal(simd.length, scalar.length);
  assert.ok(simd.length >= 27, `cases: ${simd.length}`);
  for (let i = 0; i < simd.length; i++) {
    const a = simd[i];
    const b = scalar[i];
    const what = `${a.metric}/dim ${a.dim}, seed ${seed}`;
    assert.equal(a.kernels, 'simd', what);
    assert.equal(b.kernels, 'scalar', what);
    assert.ok(a.hits.every((h) => h.length > 0), `${what}: empty answers`);
    const q = a.hits.findIndex((hits, j) => JSON.stringify(hits) !== JSON.stringify(b.hits[j]));
    // The first query that differs, [id, float bits] per hit: enough to replay and compare the two kernels' scores.
    assert.equal(q, -1, `${what}: SIMD and scalar answers differ at query ${q} (rerun with TEAVEC_SEED=${seed}): `
      + `simd ${JSON.stringify(a.hits[q])}, scalar ${JSON.stringify(b.hits[q])}`);
  }
});
