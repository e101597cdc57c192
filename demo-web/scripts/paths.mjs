// Where the demo's inputs and generated files live. Inputs come from ../shared/data when it is there
// (TEAVEC_DATA overrides it); everything the demo makes itself goes to demo-web/.cache/ (gitignored).
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const DEMO_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
export const REPO_DIR = dirname(DEMO_DIR);
export const SHARED_DATA = process.env.TEAVEC_DATA ?? join(REPO_DIR, '..', 'shared', 'data');
export const CACHE_DIR = process.env.DEMO_CACHE_DIR ?? join(DEMO_DIR, '.cache');

/** The folder name is also the transformers.js model id: `<localModelPath>/<id>/onnx/model_quantized.onnx`. */
export const MODEL_ID = 'all-MiniLM-L6-v2-onnx-q8';
export const DIMENSIONS = 384;

/** Files the page fetches from /data/ (served from WEB_DATA_DIR). */
export const WEB_DATA_DIR = join(CACHE_DIR, 'web');
export const CORPUS_VECTORS = 'wordnet-minilm-384.f32';
export const CORPUS_DOCS = 'wordnet-docs.json';
export const PRECACHE_MANIFEST = 'precache.json';
