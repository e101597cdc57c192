// teavec/quantization in a Cloudflare Worker (the real workerd runtime, through miniflare): Workers compile no
// Wasm from bytes, so teavec-quantization.wasm and its SIMD kernels are imported as modules and handed to
// init({ module, simd }). Every extended encoding answers there exactly as in Node.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Miniflare } from 'miniflare';
import init from '../dist/quantization.js';
import { EdgeVec, EdgeVecConfig } from '../dist/teavec.js';
import { packageDir } from './helpers.mjs';

await init();

const ENCODINGS = ['float16', 'sq4', 'binary', 'pq'];

/** Seeded vectors and queries; the same function runs in Node and in the Worker. */
function answers(EdgeVecClass, ConfigClass, quantization) {
  let a = 12345;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const dim = 32;
  const config = new ConfigClass(dim);
  Object.assign(config, { metric: 'l2', indexType: 'hnsw', quantization, rerank: true, seed: 5 });
  const index = new EdgeVecClass(config);
  for (let i = 0; i < 1500; i++) index.insert(Float32Array.from({ length: dim }, () => random() * 2 - 1));
  const out = [];
  for (let q = 0; q < 5; q++) out.push(index.search(Float32Array.from({ length: dim }, () => random() * 2 - 1), 5));
  const bytes = index.toBytes().length;
  index.free();
  return { out, bytes };
}

const WORKER = `
import init from './quantization.js';
import { EdgeVec, EdgeVecConfig, simdBackend } from './teavec.js';
import wasm from './teavec-quantization.wasm';
import simd from './teavec-quantization-simd.wasm';
${answers.toString()}
export default {
  async fetch(request) {
    try {
      await init({ module: wasm, simd });
      const quantization = new URL(request.url).searchParams.get('q');
      return Response.json({ kernels: simdBackend(), ...answers(EdgeVec, EdgeVecConfig, quantization) });
    } catch (e) {
      return Response.json({ error: String(e?.stack ?? e), code: e?.code }, { status: 500 });
    }
  },
};`;

const dist = (file) => readFileSync(join(packageDir, 'dist', file));
const chunks = readdirSync(join(packageDir, 'dist')).filter((f) => /^teavec.*\.js$/.test(f));
const mf = new Miniflare({
  compatibilityDate: '2025-09-01',
  modules: [
    { type: 'ESModule', path: 'worker.js', contents: WORKER },
    { type: 'ESModule', path: 'quantization.js', contents: dist('quantization.js').toString('utf8') },
    ...chunks.map((f) => ({ type: 'ESModule', path: f, contents: dist(f).toString('utf8') })),
    { type: 'CompiledWasm', path: 'teavec-quantization.wasm', contents: dist('teavec-quantization.wasm') },
    { type: 'CompiledWasm', path: 'teavec-quantization-simd.wasm', contents: dist('teavec-quantization-simd.wasm') },
  ],
});
after(() => mf.dispose());

for (const quantization of ENCODINGS) {
  test(`${quantization} in workerd (SIMD kernels passed as a module) answers as in Node`, async () => {
    const response = await mf.dispatchFetch(`http://worker/?q=${quantization}`);
    const body = await response.json();
    assert.equal(response.status, 200, JSON.stringify(body));
    assert.equal(body.kernels, 'simd');
    assert.deepEqual(body.out, answers(EdgeVec, EdgeVecConfig, quantization).out);
  });
}
