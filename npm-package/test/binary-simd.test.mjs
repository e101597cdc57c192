// Binary codes' Wasm SIMD popcount kernels (src/simd/binary.wat) against the scalar Java reference: the kernels
// alone on random and edge bytes against a JS oracle, then whole indexes (graph built on code-to-code Hamming
// distances, searched on 4-bit query planes) on teavec/quantization with SIMD and with init({ simd: false }),
// which must return the same ids and the same scores to the bit (the kernels' results are exact integers).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageDir, rng, seedFor } from './helpers.mjs';

function popcount8(x) {
  let n = 0;
  for (let b = x; b; b >>= 1) n += b & 1;
  return n;
}

test('the binary kernels count exactly what a JS oracle counts, for lengths of 1 to 64 blocks', async () => {
  const seed = seedFor('binary kernels');
  const random = rng(seed);
  const bytes = readFileSync(join(packageDir, 'dist', 'teavec-quantization-simd.wasm'));
  const module = await WebAssembly.compile(bytes);
  const memory = new WebAssembly.Memory({ initial: 4 });
  const imports = {};
  for (const i of WebAssembly.Module.imports(module)) (imports[i.module] ??= {})[i.name] = memory;
  const { exports: k } = await WebAssembly.instantiate(module, imports);
  const u8 = new Uint8Array(memory.buffer);
  const byte = (edge) => (edge === 0 ? 255 : edge === 1 ? 0 : Math.floor(random() * 256));
  const [P, Q, ADDRS, OUT, CODES] = [0, 8192, 12288, 16384, 20480];
  for (const blocks of [1, 2, 3, 7, 24, 64]) {
    for (let trial = 0; trial < 12; trial++) {
      const edge = trial % 4; // all ones, all zeros, then random
      for (let i = 0; i < blocks * 64; i++) u8[P + i] = byte(trial === 0 ? 0 : 2);
      for (let i = 0; i < blocks * 16; i++) u8[Q + i] = byte(edge);
      const count = 5;
      const want = [];
      const wantHamming = [];
      for (let v = 0; v < count; v++) {
        const at = CODES + v * blocks * 16;
        new Int32Array(memory.buffer, ADDRS, count)[v] = at;
        let planes = 0;
        let hamming = 0;
        for (let i = 0; i < blocks * 16; i++) {
          u8[at + i] = byte(v === 0 ? edge : 2);
          const block = Math.floor(i / 16);
          for (let j = 0; j < 4; j++) planes += popcount8(u8[at + i] & u8[P + block * 64 + j * 16 + (i % 16)]) << j;
          hamming += popcount8(u8[at + i] ^ u8[Q + i]);
        }
        want.push(planes);
        wantHamming.push(hamming);
        const what = `seed ${seed}, ${blocks} blocks, trial ${trial}, code ${v}`;
        assert.equal(k.binaryPlanes(P, at, blocks), planes, what);
        assert.equal(k.binaryHamming(Q, at, blocks), hamming, what);
      }
      k.binaryPlanesBatch(P, ADDRS, count, blocks, OUT);
      assert.deepEqual([...new Int32Array(memory.buffer, OUT, count)], want, `seed ${seed}, planes batch`);
      k.binaryHammingBatch(Q, ADDRS, count, blocks, OUT);
      assert.deepEqual([...new Int32Array(memory.buffer, OUT, count)], wantHamming, `seed ${seed}, hamming batch`);
    }
  }
});

test('binary indexes search alike, to the bit, on the SIMD kernels and the scalar reference', () => {
  const seed = seedFor('binary SIMD vs scalar');
  const run = (mode) => JSON.parse(execFileSync(process.execPath, [join(packageDir, 'test', 'binary-simd-run.mjs'), mode,
    String(seed)], { encoding: 'utf8', maxBuffer: 64 << 20 }));
  const simd = run('simd');
  const scalar = run('scalar');
  assert.equal(simd.backend, 'simd');
  assert.equal(scalar.backend, 'scalar');
  let compared = 0;
  for (const [n, a] of simd.cases.entries()) {
    const b = scalar.cases[n];
    const what = `${a.metric}/dim ${a.dim}/rerank ${a.rerank}, seed ${seed} (TEAVEC_SEED=${seed})`;
    assert.equal(a.kernels, 'simd', what);
    assert.equal(b.kernels, 'scalar', what);
    assert.ok(a.memory > 0 && b.memory > 0, what);
    assert.ok(a.held > 0, `${what}: the SIMD index holds its codes in linear memory`);
    assert.equal(b.held, -1, what);
    assert.ok(a.reloaded && b.reloaded, `${what}: a reloaded snapshot searches alike`);
    for (const [q, hits] of a.results.entries()) {
      assert.equal(hits.length, 10, what);
      assert.deepEqual(hits, b.results[q], `${what}, query ${q}`);
      compared++;
    }
  }
  assert.equal(compared, simd.cases.length * 15);
});
