// teavec/quantization's SQ4 and PQ kernels (src/simd/sq4.wat, pq.wat) against the scalar Java reference: the same
// seeded data built and searched in two Node processes, one on the SIMD kernels and one loaded with
// init({ simd: false }), must give the same ids and the same score bits (SQ4: exact integer dots; PQ: table sums
// in the reference's order). The graphs are built on these distances too, so construction is compared as well.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const runner = fileURLToPath(new URL('./quantization-kernels-run.mjs', import.meta.url));

function run(mode, seed) {
  return JSON.parse(execFileSync(process.execPath, [runner, mode, String(seed)], { encoding: 'utf8', maxBuffer: 64 << 20 }));
}

test('SQ4 and PQ: SIMD kernels and the scalar reference give the same results, to the bit', () => {
  const seed = Number(process.env.TEAVEC_SEED ?? Date.now() % 1e9);
  const simd = run('simd', seed);
  const scalar = run('scalar', seed);
  assert.equal(simd.length, scalar.length);
  let compared = 0;
  for (let i = 0; i < simd.length; i++) {
    const what = `${JSON.stringify(simd[i].case)}, seed ${seed} (rerun with TEAVEC_SEED=${seed})`;
    assert.equal(simd[i].kernels, 'simd', what);
    assert.equal(scalar[i].kernels, 'scalar', what);
    for (let q = 0; q < simd[i].results.length; q++) {
      assert.ok(simd[i].results[q].length === 10, `${what}: query ${q} found ${simd[i].results[q].length}`);
      assert.deepEqual(simd[i].results[q], scalar[i].results[q], `${what}, query ${q}`);
      compared++;
    }
  }
  assert.ok(compared >= 140, `compared ${compared} searches`);
});
