// Two instances of the bundle in one page, one on the Wasm SIMD kernels and one on the scalar ones
// (distinct URLs make distinct module instances); the shared scenario compares them. Reports through
// window.__result.
import { compareKernels } from '/npm-test/simd-equality.js';

async function run() {
  const seed = Number(new URLSearchParams(location.search).get('seed'));
  const simd = await import('/teavec/teavec.js?kernels=simd');
  const scalar = await import('/teavec/teavec.js?kernels=scalar');
  await simd.default();
  await scalar.default({ simd: false });
  return { backends: [simd.simdBackend(), scalar.simdBackend()], ...compareKernels(simd, scalar, seed) };
}

window.__result = run().catch((e) => ({ error: String(e && e.stack || e) }));
