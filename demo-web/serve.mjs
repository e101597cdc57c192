// Serves the demo on 127.0.0.1: the page from demo-web/public, the teavec package from npm-package/dist, the
// embedding runtime (transformers.js bundled by scripts/vendor.mjs, onnxruntime-web's .mjs/.wasm), the model and
// the corpus.
// Everything the page needs comes from this server: nothing is fetched from a CDN or a model hub.
// `node demo-web/serve.mjs [--port N]`; also imported by the browser tests and bench/keystroke.mjs.
// The first start makes the corpus (demo-web/scripts/corpus.mjs); later starts reuse demo-web/.cache/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { startStaticServer } from '../scripts/static-server.mjs';
import { DEMO_DIR, MODEL_ID, REPO_DIR, WEB_DATA_DIR } from './scripts/paths.mjs';
import { ensureCorpus } from './scripts/corpus.mjs';
import { ensureModel } from './scripts/model.mjs';
import { writePrecacheManifest } from './scripts/precache.mjs';
import { ensureVendorBundle, VENDOR_DIR } from './scripts/vendor.mjs';

const MODEL_PREFIX = `/models/${MODEL_ID}/`;

// 'self' everywhere: the browser itself refuses any request to another origin, so "nothing leaves the machine"
// is enforced, not just promised. 'wasm-unsafe-eval' lets WebAssembly compile (teavec and onnxruntime) without
// allowing eval(); transformers.js and onnxruntime-web run under it as long as their .mjs/.wasm are same-origin.
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "style-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

function mountsFor(modelDir) {
  const modules = join(DEMO_DIR, 'node_modules');
  return {
    '/': join(DEMO_DIR, 'public'),
    '/teavec/': join(REPO_DIR, 'npm-package', 'dist'),
    '/vendor/ort/': join(modules, 'onnxruntime-web', 'dist'),
    '/vendor/transformers/': VENDOR_DIR,
    [MODEL_PREFIX]: modelDir,
    '/data/': WEB_DATA_DIR,
  };
}

/** Makes the corpus if needed, then serves. Resolves to { url, close, precache }. */
export async function startDemoServer(port = 0, { log = () => {} } = {}) {
  if (!existsSync(join(DEMO_DIR, 'node_modules', '@huggingface', 'transformers'))) {
    throw new Error('demo-web: its npm dependencies are missing; run `make demo` (or `npm install` in demo-web/)');
  }
  await ensureCorpus({ log });
  await ensureVendorBundle();
  const mounts = mountsFor(ensureModel(log));
  const precache = writePrecacheManifest(mounts, MODEL_PREFIX);
  const server = await startStaticServer({
    port,
    mounts,
    headersFor: () => ({ 'content-security-policy': CSP }),
  });
  return { ...server, precache };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--port');
  const port = i > 0 ? Number(process.argv[i + 1]) : 8080;
  const { url } = await startDemoServer(port, { log: console.log });
  console.log(`TeaVec demo: ${url}/  (Ctrl+C to stop)`);
}
