// Sentence embeddings in this worker: all-MiniLM-L6-v2 (int8 ONNX) through transformers.js on onnxruntime-web's
// wasm build, every file served by the demo itself (remote models off, no CDN). /vendor/transformers/transformers.js
// is transformers.js bundled with onnxruntime-web's wasm-only build (demo-web/scripts/vendor.mjs).
import { env, pipeline } from '/vendor/transformers/transformers.js';

export const MODEL_ID = 'all-MiniLM-L6-v2-onnx-q8';

/**
 * Loads the model once; resolves to `embed(text) → Float32Array(384)` (mean pooling, L2-normalised).
 * One text per call, as the corpus was embedded: the int8 model quantizes activations per tensor, so batching
 * would shift the vectors slightly.
 */
export async function loadEmbedder() {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = '/models/';
  env.useBrowserCache = false; // the service worker already keeps these files; no second copy
  env.useWasmCache = false;
  // transformers.js points onnxruntime at a CDN unless told otherwise; it loads the .mjs/.wasm on first use.
  const wasm = env.backends.onnx.wasm;
  wasm.wasmPaths = new URL('/vendor/ort/', self.location.href).href;
  // More threads need cross-origin isolation and gain little for one short text on 2 cores.
  wasm.numThreads = 1;
  const extractor = await pipeline('feature-extraction', MODEL_ID, { dtype: 'q8', device: 'wasm' });
  return async (text) => {
    const out = await extractor(text, { pooling: 'mean', normalize: true });
    return out.data;
  };
}
