// Build step: assembles the Wasm SIMD kernels with wabt. Two modules:
// - the core's, src/simd/kernels.wat → src/generated/teavec-simd.wasm (shipped as dist/teavec-simd.wasm, for runtimes
//   that only take precompiled modules, such as Cloudflare Workers; scripts/build.mjs also puts the same bytes in a
//   custom section of teavec.wasm, src/simd-section.js, so init() needs no second request where it may compile bytes);
// - teavec/quantization's: the same module with the kernels of every other src/simd/*.wat spliced in (files of
//   `(func ...)` forms only), → teavec-quantization-simd.wasm, also carried in teavec-quantization.wasm's custom
//   section. The core bundle does not carry those kernels.
import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import initWabt from 'wabt';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const simdDir = join(root, 'src', 'simd');
const generated = join(root, 'src', 'generated');

const wabt = await initWabt();

function assemble(name, text) {
  const parsed = wabt.parseWat(name, text, { simd: true });
  try {
    parsed.resolveNames();
    parsed.validate();
    const bytes = Buffer.from(parsed.toBinary({ log: false, write_debug_names: false }).buffer);
    if (!WebAssembly.validate(bytes)) throw new Error(`this Node rejects the assembled ${name}`);
    return bytes;
  } finally {
    parsed.destroy();
  }
}

async function emit(bytes, wasmName) {
  await writeFile(join(generated, wasmName), bytes);
  console.log(`build-simd: ${bytes.length} bytes → ${wasmName}`);
}

await mkdir(generated, { recursive: true });
const core = await readFile(join(simdDir, 'kernels.wat'), 'utf8');
await emit(assemble('kernels.wat', core), 'teavec-simd.wasm');

const extra = (await readdir(simdDir)).filter((f) => f.endsWith('.wat') && f !== 'kernels.wat').sort();
const close = core.lastIndexOf(')');
const spliced = [core.slice(0, close)];
for (const file of extra) spliced.push(`\n;; ---- ${file}\n`, await readFile(join(simdDir, file), 'utf8'));
spliced.push(core.slice(close));
await emit(assemble('kernels+extended.wat', spliced.join('')), 'teavec-quantization-simd.wasm');
