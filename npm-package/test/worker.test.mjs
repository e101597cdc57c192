// A Cloudflare Worker in the real workerd runtime (through miniflare): the .wasm is imported as a
// module, as Workers require, and the worker answers POST /search.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Miniflare } from 'miniflare';
import { packageDir } from './helpers.mjs';

const workerSource = readFileSync(join(packageDir, 'examples', 'worker', 'worker.js'), 'utf8')
  .replace("from 'teavec/teavec.wasm'", "from './teavec.wasm'")
  .replace("from 'teavec/teavec-simd.wasm'", "from './teavec-simd.wasm'")
  .replace("from 'teavec'", "from './teavec.js'");

function worker(source, withSimd) {
  return new Miniflare({
    compatibilityDate: '2025-09-01',
    modules: [
      { type: 'ESModule', path: 'worker.js', contents: source },
      { type: 'ESModule', path: 'teavec.js', contents: readFileSync(join(packageDir, 'dist', 'teavec.js'), 'utf8') },
      { type: 'CompiledWasm', path: 'teavec.wasm', contents: readFileSync(join(packageDir, 'dist', 'teavec.wasm')) },
      ...(withSimd
        ? [{ type: 'CompiledWasm', path: 'teavec-simd.wasm', contents: readFileSync(join(packageDir, 'dist', 'teavec-simd.wasm')) }]
        : []),
    ],
  });
}

const mf = worker(workerSource, true);
after(() => mf.dispose());

test('the worker builds an index in workerd and answers POST /search', async () => {
  const res = await mf.dispatchFetch('http://localhost/search', {
    method: 'POST',
    body: JSON.stringify({ vector: [1, 0.1, 0], k: 2 }),
  });
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.deepEqual(body.results.map((r) => r.id), [0, 2]);
  assert.ok(body.results[0].score < body.results[1].score);
  assert.equal(body.kernels, 'simd', 'the precompiled SIMD kernels are used');
});

test('without the SIMD module the worker falls back to the scalar kernels (workerd cannot compile bytes)', async () => {
  const plain = worker(workerSource
    .replace("import simdModule from './teavec-simd.wasm';", '')
    .replace('simd: simdModule', ''), false);
  try {
    const res = await plain.dispatchFetch('http://localhost/search', {
      method: 'POST',
      body: JSON.stringify({ vector: [1, 0.1, 0], k: 2 }),
    });
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.deepEqual(body.results.map((r) => r.id), [0, 2]);
    assert.equal(body.kernels, 'scalar');
  } finally {
    await plain.dispose();
  }
});

test('bad input reaches the client as a 400 with the TeaVec error code', async () => {
  const res = await mf.dispatchFetch('http://localhost/search', {
    method: 'POST',
    body: JSON.stringify({ vector: [1, 0], k: 2 }),
  });
  assert.equal(res.status, 400);
  assert.equal((await res.json()).code, 'DIMENSION_MISMATCH');
});
