// Builds dist/: the .wasm from js-bindings, the @JSBody table extracted from it, the engine's description
// of its boundary (src/generated/engine.js), the rollup bundle and the typings (their generated parts
// filled in from that description). Prints the size of what ships, raw and gzip.
import { copyFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { fillTypings } from './typings.mjs';
import { SIMD_SECTION } from '../src/simd-section.js';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const wasmSource = join(root, '..', 'js-bindings', 'target', 'wasm', 'teavec.wasm');
// The write-ahead log's module (js-bindings wal/WalModule): shipped beside teavec.wasm, loaded only by the code
// that opens a database by name, so it is not part of the core bundle.
const walWasmSource = join(root, '..', 'js-bindings', 'target', 'wasm', 'teavec-wal.wasm');
// Full-text search's module (js-bindings text/TextModule): loaded when a collection first searches by text.
const textWasmSource = join(root, '..', 'js-bindings', 'target', 'wasm', 'teavec-text.wasm');
// The engine with every encoding (teavec.wasm plus float16, sq4, binary, pq), loaded by teavec/quantization.
const quantizationWasmSource = join(root, '..', 'js-bindings', 'target', 'wasm', 'teavec-quantization.wasm');
/** `wasm` with a custom section `name` holding `payload` appended (sections may follow the data section). */
function withCustomSection(wasm, name, payload) {
  const leb = (n) => { const out = []; do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; out.push(b); } while (n); return out; };
  const nameBytes = Buffer.from(name, 'utf8');
  const body = Buffer.concat([Buffer.from(leb(nameBytes.length)), nameBytes, payload]);
  return Buffer.concat([wasm, Buffer.from([0, ...leb(body.length)]), body]);
}
/** `wasm` without its custom section `name` (if it has one). */
function withoutCustomSection(wasm, name) {
  const parts = [wasm.subarray(0, 8)];
  for (let at = 8; at < wasm.length;) {
    const start = at, id = wasm[at++];
    let size = 0;
    for (let shift = 0, b = 0x80; b & 0x80; shift += 7) size |= ((b = wasm[at++]) & 0x7f) << shift;
    const end = at + size;
    const nameLength = wasm[at]; // names here are shorter than 128 bytes: one LEB byte
    if (!(id === 0 && wasm.toString('utf8', at + 1, at + 1 + nameLength) === name)) parts.push(wasm.subarray(start, end));
    at = end;
  }
  return Buffer.concat(parts);
}
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

try {
  await stat(wasmSource);
} catch {
  console.error(`build: ${wasmSource} is missing; run \`mvn install\` at the repository root first`);
  process.exit(1);
}
await rm(join(root, 'dist'), { recursive: true, force: true });
await mkdir(join(root, 'dist'), { recursive: true });
await copyFile(wasmSource, join(root, 'src', 'teavec.wasm'));
await copyFile(walWasmSource, join(root, 'src', 'teavec-wal.wasm'));
await copyFile(textWasmSource, join(root, 'src', 'teavec-text.wasm'));
await copyFile(quantizationWasmSource, join(root, 'src', 'teavec-quantization.wasm'));
run(process.execPath, ['scripts/build-simd.mjs']);
run(process.execPath, ['scripts/extract-jsbodies.mjs', 'src/teavec.wasm', 'src/teavec-quantization.wasm', '--side', 'src/teavec-wal.wasm',
  'src/teavec-text.wasm', 'src/generated/jsbodies.js', 'src/generated/jsbodies-side.js']);
run(process.execPath, ['scripts/generate-engine.mjs', join(root, '..', 'js-bindings', 'target', 'wasm', 'engine-description.json'),
  'src/generated/jsbodies.js', 'src/generated/engine.js', 'src/teavec.wasm', 'src/teavec-quantization.wasm']);
// binaryen shrinks TeaVM's output by ~10% gzip. The feature list is explicit: TeaVM's module has no
// target-features section to detect them from, and --all-features would change how it is read.
for (const wasm of ['src/teavec.wasm', 'src/teavec-wal.wasm', 'src/teavec-text.wasm', 'src/teavec-quantization.wasm']) {
  run(process.execPath, ['node_modules/binaryen/bin/wasm-opt', '-Oz', '--converge', '--enable-gc', '--enable-reference-types',
    '--enable-exception-handling', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
    '--enable-mutable-globals', '--enable-multivalue', wasm, '-o', wasm]);
}
// The SIMD kernels travel inside teavec.wasm as a custom section (src/simd-section.js), added after wasm-opt,
// which would drop an unknown section.
// teavec-quantization.wasm carries the kernels of every encoding the same way.
for (const [engine, kernels] of [['teavec.wasm', 'teavec-simd.wasm'], ['teavec-quantization.wasm', 'teavec-quantization-simd.wasm']]) {
  await writeFile(join(root, 'src', engine), withCustomSection(await readFile(join(root, 'src', engine)),
    SIMD_SECTION, await readFile(join(root, 'src', 'generated', kernels))));
}
// TeaVM describes its imports for its own loader in `teavm.imports`; ours (src/loader.js) supplies them from
// the generated engine description, so no module ships that section (~90 bytes gzip of the core).
for (const wasm of ['teavec.wasm', 'teavec-wal.wasm', 'teavec-text.wasm', 'teavec-quantization.wasm']) {
  await writeFile(join(root, 'src', wasm), withoutCustomSection(await readFile(join(root, 'src', wasm)), 'teavm.imports'));
}
run(process.execPath, ['node_modules/rollup/dist/bin/rollup', '-c', '--silent']);
await copyFile(join(root, 'src', 'teavec.wasm'), join(root, 'dist', 'teavec.wasm'));
await copyFile(join(root, 'src', 'teavec-wal.wasm'), join(root, 'dist', 'teavec-wal.wasm'));
await copyFile(join(root, 'src', 'teavec-text.wasm'), join(root, 'dist', 'teavec-text.wasm'));
await copyFile(join(root, 'src', 'teavec-quantization.wasm'), join(root, 'dist', 'teavec-quantization.wasm'));
await copyFile(join(root, 'src', 'generated', 'teavec-simd.wasm'), join(root, 'dist', 'teavec-simd.wasm'));
await copyFile(join(root, 'src', 'generated', 'teavec-quantization-simd.wasm'), join(root, 'dist', 'teavec-quantization-simd.wasm'));
const { default: api } = await import(new URL('../src/generated/engine.js', import.meta.url).href);
await writeFile(join(root, 'dist', 'index.d.ts'), fillTypings(await readFile(join(root, 'types', 'index.d.ts'), 'utf8'), api));
await copyFile(join(root, 'types', 'embeddings.d.ts'), join(root, 'dist', 'embeddings.d.ts'));
await copyFile(join(root, 'types', 'solr.d.ts'), join(root, 'dist', 'solr.d.ts'));
await copyFile(join(root, 'types', 'worker.d.ts'), join(root, 'dist', 'worker.d.ts'));
for (const name of ['langchain', 'ai', 'quantization']) await copyFile(join(root, 'types', `${name}.d.ts`), join(root, 'dist', `${name}.d.ts`));

let rawTotal = 0;
let gzipTotal = 0;
const rows = [];
// teavec-simd.wasm is not counted: the bundle holds the same bytes; Workers load one or the other.
for (const file of ['teavec.wasm', 'teavec.js']) {
  const bytes = await readFile(join(root, 'dist', file));
  const gz = gzipSync(bytes, { level: 9 }).length;
  rawTotal += bytes.length;
  gzipTotal += gz;
  rows.push(`  ${file.padEnd(12)} ${(bytes.length / 1024).toFixed(1).padStart(7)} KB raw ${(gz / 1024).toFixed(1).padStart(7)} KB gzip`);
}
console.log('build: shipped files');
console.log(rows.join('\n'));
console.log(`  ${'total'.padEnd(12)} ${(rawTotal / 1024).toFixed(1).padStart(7)} KB raw ${(gzipTotal / 1024).toFixed(1).padStart(7)} KB gzip`);
const wal = await readFile(join(root, 'dist', 'teavec-wal.wasm'));
console.log(`  not in the core bundle: teavec-wal.wasm ${(wal.length / 1024).toFixed(1)} KB raw `
  + `${(gzipSync(wal, { level: 9 }).length / 1024).toFixed(1)} KB gzip (write-ahead log, loaded by openDatabase)`);
const text = await readFile(join(root, 'dist', 'teavec-text.wasm'));
console.log(`  not in the core bundle: teavec-text.wasm ${(text.length / 1024).toFixed(1)} KB raw `
  + `${(gzipSync(text, { level: 9 }).length / 1024).toFixed(1)} KB gzip (full-text search, loaded by text queries)`);
const solr = await readFile(join(root, 'dist', 'solr.js'));
console.log(`  teavec/solr (own entry, not in the core): solr.js ${(solr.length / 1024).toFixed(1)} KB raw `
  + `${(gzipSync(solr, { level: 9 }).length / 1024).toFixed(1)} KB gzip`);
const workerFiles = await Promise.all(['worker.js', 'worker-script.js'].map((file) => readFile(join(root, 'dist', file))));
const workerRaw = workerFiles.reduce((sum, bytes) => sum + bytes.length, 0);
const workerGzip = workerFiles.reduce((sum, bytes) => sum + gzipSync(bytes, { level: 9 }).length, 0);
console.log(`  teavec/worker (own entry, not in the core): worker.js + worker-script.js ${(workerRaw / 1024).toFixed(1)} KB raw `
  + `${(workerGzip / 1024).toFixed(1)} KB gzip`);
const quantization = await Promise.all(['teavec-quantization.wasm', 'quantization.js'].map((file) => readFile(join(root, 'dist', file))));
console.log(`  teavec/quantization (own entry, replaces the core engine): teavec-quantization.wasm + quantization.js `
  + `${(quantization.reduce((n, b) => n + b.length, 0) / 1024).toFixed(1)} KB raw `
  + `${(quantization.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0) / 1024).toFixed(1)} KB gzip (with teavec.js: the engine with every encoding)`);
for (const name of ['langchain', 'ai']) {
  const bytes = await readFile(join(root, 'dist', `${name}.js`));
  console.log(`  teavec/${name} (own entry, not in the core): ${name}.js ${(bytes.length / 1024).toFixed(1)} KB raw `
    + `${(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(1)} KB gzip`);
}
