// The Wasm SIMD kernels against the scalar fallback, in Node 22: two engines in one process (two
// instances of the bundle, one loaded with init({ simd: false })) must rank and score identically.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareKernels } from './simd-equality.js';

const simd = await import('../dist/teavec.js?kernels=simd');
const scalar = await import('../dist/teavec.js?kernels=scalar');
await simd.default();
await scalar.default({ simd: false });

test('the default load uses the SIMD kernels; { simd: false } the scalar ones', () => {
  assert.equal(simd.simdBackend(), 'simd', 'Node 22 supports Wasm SIMD128');
  assert.equal(scalar.simdBackend(), 'scalar');
});

test('SIMD and scalar kernels give the same results, to the bit, on the same data', () => {
  const seed = Number(process.env.TEAVEC_SEED ?? Date.now() % 1e9);
  const { problems, compared } = compareKernels(simd, scalar, seed);
  assert.deepEqual(problems, [], `seed ${seed} (rerun with TEAVEC_SEED=${seed})`);
  assert.ok(compared >= 400, `compared ${compared} searches`);
});

test('init rejects a simd option that is neither a boolean nor a module', async () => {
  const other = await import('../dist/teavec.js?kernels=bad');
  await assert.rejects(other.default({ simd: 'yes' }), (e) => e.code === 'LOAD_FAILED');
});
