// The package as users get it: `npm pack`, install the tarball into an empty project, import 'teavec'.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { installPackedPackage, runInProject, writeInProject, packageDir } from './helpers.mjs';

const project = installPackedPackage();

test('the README quick start works exactly as written', () => {
  const out = runInProject(project, 'quickstart.mjs', `
import init, { EdgeVec, EdgeVecConfig } from 'teavec';
await init();
const config = new EdgeVecConfig(384);
const index = new EdgeVec(config);
const id = index.insert(new Float32Array(384).fill(0.1));
const other = new Float32Array(384); other[0] = 1;
index.insert(other);
const query = new Float32Array(384).fill(0.1);
const results = index.search(query, 10);
console.log(JSON.stringify({ idType: typeof id, results }));
`);
  const { idType, results } = JSON.parse(out);
  assert.equal(idType, 'number');
  assert.equal(results.length, 2);
  assert.deepEqual(results.map((r) => r.id), [0, 1], 'the identical vector ranks first');
  assert.ok(Math.abs(results[0].score) < 1e-6, 'cosine distance to itself is 0');
  assert.ok(results[0].score <= results[1].score, 'best first');
});

test('the package has an exports map with types first, and ships JS, wasm and typings', () => {
  const pkg = JSON.parse(readFileSync(join(project, 'node_modules', 'teavec', 'package.json'), 'utf8'));
  assert.equal(pkg.type, 'module');
  assert.deepEqual(Object.keys(pkg.exports['.']), ['types', 'default']);
  for (const f of ['teavec.js', 'teavec.wasm', 'index.d.ts']) {
    assert.ok(readFileSync(join(project, 'node_modules', 'teavec', 'dist', f)).length > 0, f);
  }
});

test('the shipped JS contains no eval and no Function constructor', () => {
  const js = readFileSync(join(project, 'node_modules', 'teavec', 'dist', 'teavec.js'), 'utf8');
  assert.doesNotMatch(js, /\bnew Function\s*\(|\bFunction\s*\(\s*['"`]|\beval\s*\(/);
});

test('it runs where code generation from strings is forbidden (the strict-CSP / Workers rule)', () => {
  const out = runInProject(project, 'strict.mjs', `
import init, { EdgeVec, EdgeVecConfig } from 'teavec';
await init();
const c = new EdgeVecConfig(3); c.metric = 'l2';
const ix = new EdgeVec(c);
ix.insert(new Float32Array([0, 0, 0])); ix.insert(new Float32Array([1, 1, 1]));
try { ix.insert(new Float32Array(2)); } catch (e) { console.log(e.code); }
console.log(JSON.stringify(ix.search(new Float32Array([0.9, 0.9, 0.9]), 1)));
`, ['--disallow-code-generation-from-strings']);
  const [code, results] = out.trim().split('\n');
  assert.equal(code, 'DIMENSION_MISMATCH');
  assert.equal(JSON.parse(results)[0].id, 1);
});

test('init accepts { module }, a Module, bytes, a URL, a path and a promised Response', () => {
  const out = runInProject(project, 'inits.mjs', `
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
const wasmPath = createRequire(import.meta.url).resolve('teavec/teavec.wasm');
const bytes = await readFile(wasmPath);
const module = await WebAssembly.compile(bytes);
const inputs = {
  object: { module }, module, bytes, arrayBuffer: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
  url: new URL('file://' + wasmPath), path: wasmPath,
  // A Promise must be awaited, not mistaken for an options object (which would load the default URL).
  promisedResponse: Promise.resolve(new Response(bytes, { headers: { 'content-type': 'application/wasm' } })),
};
const seen = [];
for (const [name, input] of Object.entries(inputs)) {
  // A fresh copy of the module per input: init() keeps the first engine it loaded.
  const { default: init, EdgeVec, EdgeVecConfig } = await import(import.meta.resolve('teavec') + '?' + name);
  await init(input);
  const ix = new EdgeVec(new EdgeVecConfig(2));
  ix.insert(new Float32Array([1, 0]));
  seen.push(name + ':' + ix.search(new Float32Array([1, 0]), 1)[0].id);
}
// Proof the promise is consumed: garbage behind it must fail, not fall back to the default .wasm.
const { default: initGarbage } = await import(import.meta.resolve('teavec') + '?garbage');
const garbage = await initGarbage(Promise.resolve(new Response(new Uint8Array([1, 2, 3]))))
  .then(() => 'loaded', () => 'rejected');
console.log(seen.join(' '), garbage);
`);
  assert.equal(out.trim(), 'object:0 module:0 bytes:0 arrayBuffer:0 url:0 path:0 promisedResponse:0 rejected');
});

test('TypeScript accepts the README usage and the whole API against the shipped typings, and the compiled API test runs', () => {
  const tsc = join(packageDir, 'node_modules', 'typescript', 'bin', 'tsc');
  writeInProject(project, 'usage.ts', `
import init, { EdgeVec, EdgeVecConfig, TeaVecError, type SearchResult, type ErrorCode } from 'teavec';
await init();
const config = new EdgeVecConfig(4);
config.metric = 'dot';
const index = new EdgeVec(config);
const id: number = index.insert(new Float32Array(4));
const results: SearchResult[] = index.search(new Float32Array(4), 3);
const ids: Uint32Array = index.insertBatchFlat(new Float32Array(8), 2);
try { index.search(new Float32Array(4), 0); } catch (e) { if (e instanceof TeaVecError) { const c: ErrorCode = e.code; void c; } }
// @ts-expect-error metric is a closed set
config.metric = 'euclidean';
// @ts-expect-error vectors are Float32Array, not number[]
index.insert([1, 2, 3, 4]);
void id; void results; void ids;
`);
  writeInProject(project, 'full-api.ts', readFileSync(join(packageDir, 'test', 'typings', 'full-api.ts'), 'utf8'));
  execFileSync(process.execPath, [tsc, '--strict', '--target', 'es2022', '--module', 'nodenext',
    '--moduleResolution', 'nodenext', '--skipLibCheck', 'false', '--outDir', 'typings-out', 'usage.ts', 'full-api.ts'],
  { cwd: project, stdio: 'inherit' });
  // The typings promise what the module does: the same file, compiled, runs against the real module.
  const out = execFileSync(process.execPath, [join('typings-out', 'full-api.js')], { cwd: project, encoding: 'utf8' });
  assert.match(out, /full-api: ran/);
});

test('the tarball holds a README with a quick start, and its first example runs as written', () => {
  const listing = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--silent'], { cwd: packageDir, encoding: 'utf8' }));
  const files = listing[0].files.map((f) => f.path);
  assert.ok(files.includes('README.md'), `README.md is not in the tarball: ${files.join(', ')}`);
  const readme = readFileSync(join(project, 'node_modules', 'teavec', 'README.md'), 'utf8');
  assert.ok(readme.length > 2000, `the README has ${readme.length} characters`);
  for (const heading of ['## Quick start', '## Bundlers', '## TypeScript']) assert.ok(readme.includes(heading), heading);
  const example = readme.match(/```js\n([\s\S]*?)```/)[1];
  const out = runInProject(project, 'readme-example.mjs', `${example}\nconsole.log(JSON.stringify({ id, results }));\n`);
  const { id, results } = JSON.parse(out);
  assert.equal(id, 0);
  assert.deepEqual(results.map((r) => r.id), [0]);
});

test('require(\'teavec\') works in Node, with the same API as import', () => {
  writeInProject(project, 'required.cjs', `
const teavec = require('teavec');
teavec.default().then(async () => {
  const index = new teavec.EdgeVec(new teavec.EdgeVecConfig(2));
  index.insert(new Float32Array([1, 0]));
  const { EdgeVec } = await import('teavec');
  console.log(JSON.stringify({ same: EdgeVec === teavec.EdgeVec, hits: index.search(new Float32Array([1, 0]), 1) }));
});
`);
  const out = execFileSync(process.execPath, ['required.cjs'], { cwd: project, encoding: 'utf8' });
  assert.deepEqual(JSON.parse(out), { same: true, hits: [{ id: 0, score: 0 }] });
});

test('no node: import outside the node condition: #teavec-node is dist/node-absent.js for every other consumer', async () => {
  const installed = join(project, 'node_modules', 'teavec');
  const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  const target = pkg.imports['#teavec-node'];
  assert.deepEqual(Object.keys(target), ['node', 'default']);
  const nodeOnly = target.node.replace(/^\.\//, '');
  for (const file of readdirSync(join(installed, 'dist')).filter((f) => f.endsWith('.js'))) {
    const js = readFileSync(join(installed, 'dist', file), 'utf8');
    if (`dist/${file}` === nodeOnly) assert.match(js, /from 'node:fs\/promises'/);
    else assert.doesNotMatch(js, /["'`]node:/, `${file} names a node: module`);
  }
  const absent = join(installed, target.default);
  assert.doesNotMatch(readFileSync(absent, 'utf8'), /\bimport\b/);
  assert.equal((await import(pathToFileURL(absent).href)).available, false);
});

test('teavec.js copied without its package.json runs in Node from bytes; its file functions say NOT_SUPPORTED', () => {
  const out = runInProject(project, 'copied.mjs', `
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const dir = mkdtempSync(join(tmpdir(), 'teavec-copied-'));
cpSync('node_modules/teavec/dist', dir, { recursive: true });
const { default: init, EdgeVec, EdgeVecConfig } = await import(join(dir, 'teavec.js'));
await init(readFileSync(join(dir, 'teavec.wasm')));
const index = new EdgeVec(new EdgeVecConfig(2));
index.insert(new Float32Array([1, 0]));
console.log(await index.saveToFile(join(dir, 'x.tvec')).then(() => 'saved', (e) => e.code));
`);
  assert.equal(out.trim(), 'NOT_SUPPORTED');
});

test('teavec/quantization works from the installed tarball: its engine, its kernels, and the core API over it', () => {
  const out = runInProject(project, 'quantization.mjs', `
import init from 'teavec/quantization';
import { EdgeVec, EdgeVecConfig, simdBackend, TeaVecError } from 'teavec';
await init();
const rows = [];
let seed = 7;
const next = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) - 0.5;
for (let i = 0; i < 300; i++) rows.push(Float32Array.from({ length: 32 }, next));
const answers = {};
for (const quantization of ['float16', 'sq4', 'binary', 'pq']) {
  const config = new EdgeVecConfig(32);
  config.quantization = quantization;
  const index = new EdgeVec(config);
  for (const row of rows) index.insert(row);
  answers[quantization] = index.search(rows[42], 1, { rerankK: 20 })[0].id;
}
console.log(JSON.stringify({ answers, backend: simdBackend(), error: TeaVecError.name }));
`);
  const { answers, backend, error } = JSON.parse(out);
  assert.deepEqual(answers, { float16: 42, sq4: 42, binary: 42, pq: 42 }, 'each encoding finds the stored vector itself');
  assert.equal(backend, 'simd', "Node 22 runs teavec/quantization's own SIMD kernels");
  assert.equal(error, 'TeaVecError');
});
