// The custom section of teavec.wasm that carries the SIMD kernels' module (src/simd/kernels.wat): written by
// scripts/build.mjs, read by init(). Binary Wasm inside the engine's .wasm compresses better than the same bytes
// as base64 inside the JS bundle (~0.8 KB gzip less in the core bundle), and needs no second request.
export const SIMD_SECTION = 'teavec.simd';
