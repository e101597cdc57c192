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

test("the kernels init() uses by default are teavec.wasm's custom section, the same bytes as teavec-simd.wasm", async () => {
  const { readFile } = await import('node:fs/promises');
  const { SIMD_SECTION } = await import('../src/simd-section.js');
  const dist = (file) => readFile(new URL(`../dist/${file}`, import.meta.url));
  const engine = await WebAssembly.compile(await dist('teavec.wasm'), { builtins: ['js-string'] });
  const sections = WebAssembly.Module.customSections(engine, SIMD_SECTION);
  assert.equal(sections.length, 1);
  assert.deepEqual(new Uint8Array(sections[0]), new Uint8Array(await dist('teavec-simd.wasm')));
  const quantization = WebAssembly.Module.customSections(
    await WebAssembly.compile(await dist('teavec-quantization.wasm'), { builtins: ['js-string'] }), SIMD_SECTION);
  assert.deepEqual(new Uint8Array(quantization[0]), new Uint8Array(await dist('teavec-quantization-simd.wasm')));
});

test('an engine module without the kernels section loads with the scalar kernels', async () => {
  const { readFile } = await import('node:fs/promises');
  const { SIMD_SECTION } = await import('../src/simd-section.js');
  const bytes = new Uint8Array(await readFile(new URL('../dist/teavec.wasm', import.meta.url)));
  // Rename the section (same length, so no size field changes): the module then carries no kernels.
  const name = new TextEncoder().encode(SIMD_SECTION);
  const at = bytes.findLastIndex((_, i) => name.every((b, j) => bytes[i + j] === b));
  assert.ok(at > 0, 'the section name is in teavec.wasm');
  bytes[at] = 'x'.charCodeAt(0);
  const other = await import('../dist/teavec.js?kernels=none');
  await other.default({ module: bytes });
  assert.equal(other.simdBackend(), 'scalar');
});
