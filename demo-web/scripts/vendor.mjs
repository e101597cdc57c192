// Bundles transformers.js for the page's worker. Its web build imports onnxruntime's WebGPU flavour (a 27 MB
// .wasm); the demo runs on CPU, so the bundle takes onnxruntime-web's wasm-only build instead (14 MB .wasm),
// with its .mjs/.wasm kept as separate files that the demo serves from /vendor/ort/ (never a CDN).
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { CACHE_DIR, DEMO_DIR } from './paths.mjs';

export const VENDOR_DIR = join(CACHE_DIR, 'vendor');
export const TRANSFORMERS_BUNDLE = 'transformers.js';

const entry = () => join(DEMO_DIR, 'node_modules', '@huggingface', 'transformers', 'dist', 'transformers.web.js');

/** Builds .cache/web/vendor/transformers.js unless it is newer than the installed transformers.js. */
export async function ensureVendorBundle() {
  const out = join(VENDOR_DIR, TRANSFORMERS_BUNDLE);
  if (existsSync(out) && statSync(out).mtimeMs > statSync(entry()).mtimeMs
      && readFileSync(out, 'utf8').includes('onnxruntime-web-use-extern-wasm')) return out;
  mkdirSync(VENDOR_DIR, { recursive: true });
  await build({
    absWorkingDir: DEMO_DIR, // where the alias below is resolved
    entryPoints: [entry()],
    outfile: out,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'inline',
    logLevel: 'warning',
    alias: { 'onnxruntime-web/webgpu': 'onnxruntime-web/wasm' },
    // Picks ort.wasm.min.mjs, which loads ort-wasm-simd-threaded.{mjs,wasm} from env.wasm.wasmPaths at run time.
    conditions: ['onnxruntime-web-use-extern-wasm'],
    banner: { js: '// onnxruntime-web-use-extern-wasm: bundled by demo-web/scripts/vendor.mjs' },
  });
  return out;
}
