// Builds dist/: the .wasm from js-bindings, the @JSBody table extracted from it, the rollup bundle and
// the typings. Prints the size of what ships, raw and gzip.
import { copyFile, mkdir, readFile, rm, stat } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const wasmSource = join(root, '..', 'js-bindings', 'target', 'wasm', 'teavec.wasm');
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
run(process.execPath, ['scripts/build-simd.mjs']);
run(process.execPath, ['scripts/extract-jsbodies.mjs', 'src/teavec.wasm', 'src/generated/jsbodies.js']);
// binaryen shrinks TeaVM's output by ~10% gzip. The feature list is explicit: TeaVM's module has no
// target-features section to detect them from, and --all-features would change how it is read.
run(process.execPath, ['node_modules/binaryen/bin/wasm-opt', '-Oz', '--enable-gc', '--enable-reference-types',
  '--enable-exception-handling', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-multivalue', 'src/teavec.wasm', '-o', 'src/teavec.wasm']);
run(process.execPath, ['node_modules/rollup/dist/bin/rollup', '-c', '--silent']);
await copyFile(join(root, 'src', 'teavec.wasm'), join(root, 'dist', 'teavec.wasm'));
await copyFile(join(root, 'src', 'generated', 'teavec-simd.wasm'), join(root, 'dist', 'teavec-simd.wasm'));
await copyFile(join(root, 'types', 'index.d.ts'), join(root, 'dist', 'index.d.ts'));
await copyFile(join(root, 'types', 'solr.d.ts'), join(root, 'dist', 'solr.d.ts'));

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
const solr = await readFile(join(root, 'dist', 'solr.js'));
console.log(`  teavec/solr (own entry, not in the core): solr.js ${(solr.length / 1024).toFixed(1)} KB raw `
  + `${(gzipSync(solr, { level: 9 }).length / 1024).toFixed(1)} KB gzip`);
