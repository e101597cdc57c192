// The Cloudflare Worker example in the real workerd runtime (through miniflare): the .wasm is
// imported as a precompiled module, as Workers require; the index is a snapshot built offline by
// examples/worker/build-snapshot.mjs (run here against the packed package) and read from R2.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Miniflare } from 'miniflare';
import { packageDir, installPackedPackage, runInProject } from './helpers.mjs';
import { rng } from './random.js';

const SEED = 20261121;
const DIMS = 16;
const COUNT = 1500;

function fvecs(count, dims, random) {
  const out = Buffer.alloc(count * (4 + 4 * dims));
  for (let i = 0; i < count; i++) {
    out.writeInt32LE(dims, i * (4 + 4 * dims));
    for (let d = 0; d < dims; d++) out.writeFloatLE(random() * 2 - 1, i * (4 + 4 * dims) + 4 + 4 * d);
  }
  return out;
}

const random = rng(SEED);
const queries = Array.from({ length: 20 }, () => Array.from({ length: DIMS }, () => random() * 2 - 1));
let mf;
let scalar;
let project;

before(() => {
  project = installPackedPackage();
  writeFileSync(join(project, 'vectors.fvecs'), fvecs(COUNT, DIMS, random));
  copyFileSync(join(packageDir, 'examples', 'worker', 'build-snapshot.mjs'), join(project, 'build-snapshot.mjs'));
  const out = runInProject(project, 'run-build.mjs',
    "process.argv = [process.argv[0], new URL('./build-snapshot.mjs', import.meta.url).pathname, 'vectors.fvecs', 'index.tvec'];\n" +
    "await import('./build-snapshot.mjs');\n");
  assert.match(out, /index\.tvec: 1500 vectors/);

  const workerSource = readFileSync(join(packageDir, 'examples', 'worker', 'worker.js'), 'utf8')
    .replace("from 'teavec/teavec.wasm'", "from './teavec.wasm'")
    .replace("from 'teavec/teavec-simd.wasm'", "from './teavec-simd.wasm'")
    .replace("from 'teavec'", "from './teavec.js'");
  mf = worker(workerSource, true);
  scalar = worker(workerSource
    .replace("import simdModule from './teavec-simd.wasm';", '')
    .replace('simd: simdModule', ''), false);
});

function worker(source, withSimd) {
  const dist = (file) => readFileSync(join(packageDir, 'dist', file));
  return new Miniflare({
    compatibilityDate: '2025-09-01',
    r2Buckets: ['SNAPSHOTS'],
    modules: [
      { type: 'ESModule', path: 'worker.js', contents: source },
      { type: 'ESModule', path: 'teavec.js', contents: dist('teavec.js').toString('utf8') },
      { type: 'CompiledWasm', path: 'teavec.wasm', contents: dist('teavec.wasm') },
      ...(withSimd ? [{ type: 'CompiledWasm', path: 'teavec-simd.wasm', contents: dist('teavec-simd.wasm') }] : []),
    ],
  });
}
after(async () => {
  await mf?.dispose();
  await scalar?.dispose();
});

async function search(body, runtime = mf) {
  const res = await runtime.dispatchFetch('http://localhost/search', { method: 'POST', body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

test('without a snapshot in R2 the worker says so, and serves once one is uploaded', async () => {
  const missing = await search({ vector: queries[0], k: 3 });
  assert.equal(missing.status, 500);
  assert.match(missing.body.message, /no snapshot "index\.tvec"/);

  const bucket = await mf.getR2Bucket('SNAPSHOTS');
  await bucket.put('index.tvec', readFileSync(join(project, 'index.tvec')));
  const found = await search({ vector: queries[0], k: 3 });
  assert.equal(found.status, 200);
  assert.equal(found.body.size, COUNT);
  assert.equal(found.body.kernels, 'simd', 'the precompiled SIMD kernels are used');
  assert.equal(found.body.results.length, 3);
});

test('workerd answers exactly what Node answers from the same snapshot', async () => {
  const expected = JSON.parse(runInProject(project, 'search-node.mjs',
    "import { readFileSync } from 'node:fs';\n" +
    "import init, { EdgeVec } from 'teavec';\n" +
    'await init();\n' +
    "const index = EdgeVec.fromBytes(readFileSync('index.tvec'));\n" +
    `const queries = ${JSON.stringify(queries)};\n` +
    'console.log(JSON.stringify(queries.map((q) => index.search(new Float32Array(q), 10))));\n'));
  for (let i = 0; i < queries.length; i++) {
    const { status, body } = await search({ vector: queries[i], k: 10 });
    assert.equal(status, 200);
    assert.deepEqual(body.results.map((r) => r.id), expected[i].map((r) => r.id), `query ${i} (seed ${SEED})`);
    body.results.forEach((r, j) => assert.ok(Math.abs(r.score - expected[i][j].score) < 1e-6, `query ${i} rank ${j}`));
  }
});

test('without the SIMD module the worker runs on the scalar kernels (workerd cannot compile bytes), same answers', async () => {
  await (await scalar.getR2Bucket('SNAPSHOTS')).put('index.tvec', readFileSync(join(project, 'index.tvec')));
  for (const q of queries.slice(0, 5)) {
    const fast = await search({ vector: q, k: 10 });
    const plain = await search({ vector: q, k: 10 }, scalar);
    assert.equal(plain.body.kernels, 'scalar');
    assert.deepEqual(plain.body.results, fast.body.results);
  }
});

test('bad input reaches the client as a 400 with the TeaVec error code', async () => {
  assert.equal((await search({ vector: [1, 0], k: 2 })).body.code, 'DIMENSION_MISMATCH');
  assert.equal((await search({ vector: queries[0], k: 0 })).body.code, 'INVALID_K');
  assert.equal((await search({ vector: 'x' })).body.code, 'INVALID_ARGUMENT');
  const res = await mf.dispatchFetch('http://localhost/search', { method: 'POST', body: 'not json' });
  assert.equal(res.status, 400);
});
