// DefaultEmbeddingFunction: sentence embeddings computed on the device with transformers.js
// (@huggingface/transformers, an optional peer dependency loaded only when the model is first needed).
import { TeaVecError } from './errors.js';

/** transformers.js's id of all-MiniLM-L6-v2 in ONNX form (384 dimensions); a local copy lives at `<localModelPath>/<model>/`. */
export const DEFAULT_EMBEDDING_MODEL = 'Xenova/all-MiniLM-L6-v2';

function failure(message, cause) {
  const error = new TeaVecError('EMBEDDING_FAILED', message);
  if (cause !== undefined) error.cause = cause;
  return error;
}

function option(value, check, what) {
  if (value !== undefined && !check(value)) {
    throw new TeaVecError('INVALID_ARGUMENT', `DefaultEmbeddingFunction: ${what}, got ${JSON.stringify(value) ?? typeof value}`);
  }
  return value;
}

const isString = (v) => typeof v === 'string' && v.length > 0;

/**
 * Chroma JS's embedding-function interface over a transformers.js feature-extraction pipeline: mean
 * pooling over the tokens, then L2 normalisation (sentence-transformers' recipe for MiniLM).
 *
 * Options (transformers.js's meaning where the names are theirs):
 * - `model` (default {@link DEFAULT_EMBEDDING_MODEL}): a model id; a local copy is `<localModelPath>/<model>/`.
 * - `localModelPath`: the folder (or URL prefix, in a browser) that contains the model folder. Sets
 *   transformers.js's `env.localModelPath` (a global of that library) when the model loads.
 * - `allowRemoteModels` (default false): whether the model may be downloaded from the Hugging Face hub;
 *   false loads local files only, so no text or request leaves the device.
 * - `dtype` (default 'q8', the 23 MB int8 model): which weights file to load (`fp32`, `fp16`, `q8`, ...).
 * - `device`: transformers.js's device ('cpu' in Node, 'wasm' or 'webgpu' in a browser); its default otherwise.
 * - `batchSize` (default 1): texts per model call. The int8 model quantizes activations with one scale per
 *   batch, so a text's vector shifts slightly (cosine ≈ 0.99) with what it is batched with; one text per
 *   call keeps every vector reproducible (and was not slower on CPU here). Larger batches suit fp32 models.
 * - `onProgress(event)`: called while the model loads with transformers.js's progress events
 *   (`{ status: 'initiate' | 'download' | 'progress' | 'done' | 'ready', file?, progress?, loaded?, total? }`).
 * - `transformers`: the transformers.js module (or a promise of it) to use instead of
 *   `import('@huggingface/transformers')` — for pages and workers without a bundler.
 * - `wasmPaths`: where onnxruntime-web's .mjs/.wasm files are served (sets
 *   `env.backends.onnx.wasm.wasmPaths`), so that a browser never fetches them from a CDN.
 */
export class DefaultEmbeddingFunction {
  /** The name a collection stores to re-attach this function (the registry's default entry). */
  name = 'default';
  #options;
  #pipeline = null;

  constructor(options = {}) {
    if (options === null || typeof options !== 'object') {
      throw new TeaVecError('INVALID_ARGUMENT', 'DefaultEmbeddingFunction takes an options object');
    }
    const o = options;
    this.#options = {
      model: option(o.model, isString, 'model must be a non-empty string') ?? DEFAULT_EMBEDDING_MODEL,
      localModelPath: option(o.localModelPath, isString, 'localModelPath must be a non-empty string'),
      allowRemoteModels: option(o.allowRemoteModels, (v) => typeof v === 'boolean', 'allowRemoteModels must be a boolean') ?? false,
      dtype: option(o.dtype, isString, 'dtype must be a string such as "q8" or "fp32"') ?? 'q8',
      device: option(o.device, isString, 'device must be a string such as "cpu", "wasm" or "webgpu"'),
      batchSize: option(o.batchSize, (v) => Number.isInteger(v) && v >= 1 && v <= 1024, 'batchSize must be an integer in 1..1024') ?? 1,
      onProgress: option(o.onProgress, (v) => typeof v === 'function', 'onProgress must be a function'),
      transformers: o.transformers,
      wasmPaths: option(o.wasmPaths, (v) => isString(v) || (typeof v === 'object' && v !== null), 'wasmPaths must be a string or an object'),
    };
  }

  /** Chroma's factory convention: the function that `getConfig()` describes. */
  static buildFromConfig(config = {}) {
    return new DefaultEmbeddingFunction(config);
  }

  /** What a collection stores to rebuild this function: the serialisable options. */
  getConfig() {
    const { model, localModelPath, allowRemoteModels, dtype, device, batchSize } = this.#options;
    const config = { model, allowRemoteModels, dtype, batchSize };
    if (localModelPath !== undefined) config.localModelPath = localModelPath;
    if (device !== undefined) config.device = device;
    return config;
  }

  /** MiniLM is trained for cosine similarity (its vectors are unit length, so 'ip' ranks the same). */
  defaultSpace() {
    return 'cosine';
  }

  supportedSpaces() {
    return ['cosine', 'ip', 'l2'];
  }

  /**
   * Loads the model now (otherwise the first `generate` does). Concurrent calls share one load; a failed
   * load rejects with EMBEDDING_FAILED and the next call tries again.
   */
  load() {
    if (!this.#pipeline) {
      this.#pipeline = this.#createPipeline().catch((e) => {
        this.#pipeline = null;
        const { model, localModelPath, allowRemoteModels } = this.#options;
        throw failure(`could not load embedding model "${model}" (localModelPath ${JSON.stringify(localModelPath ?? null)}, `
          + `allowRemoteModels ${allowRemoteModels}): ${e?.message ?? e}`, e);
      });
    }
    return this.#pipeline;
  }

  async #createPipeline() {
    const o = this.#options;
    let transformers;
    try {
      transformers = await (o.transformers ?? import('@huggingface/transformers'));
    } catch (e) {
      throw new Error('@huggingface/transformers is not installed (npm install @huggingface/transformers), '
        + `or pass the module as the "transformers" option: ${e?.message ?? e}`);
    }
    const { env, pipeline } = transformers;
    if (o.localModelPath !== undefined) {
      env.allowLocalModels = true;
      env.localModelPath = o.localModelPath;
    }
    if (o.allowRemoteModels && !env.allowRemoteModels) env.allowRemoteModels = true;
    if (o.wasmPaths !== undefined && env.backends?.onnx?.wasm) env.backends.onnx.wasm.wasmPaths = o.wasmPaths;
    const settings = { dtype: o.dtype, local_files_only: !o.allowRemoteModels };
    if (o.device !== undefined) settings.device = o.device;
    if (o.onProgress) settings.progress_callback = (event) => o.onProgress(event);
    return pipeline('feature-extraction', o.model, settings);
  }

  /** One unit-length vector per text, `batchSize` texts per model call. */
  async generate(texts) {
    if (!Array.isArray(texts) || texts.some((t) => typeof t !== 'string')) {
      throw new TeaVecError('INVALID_ARGUMENT', 'generate takes an array of strings');
    }
    if (texts.length === 0) return [];
    const extract = await this.load();
    const out = [];
    const { batchSize, model } = this.#options;
    for (let start = 0; start < texts.length; start += batchSize) {
      const batch = texts.slice(start, start + batchSize);
      let tensor;
      try {
        tensor = await extract(batch, { pooling: 'mean', normalize: true });
      } catch (e) {
        throw failure(`embedding model "${model}" failed on texts ${start}..${start + batch.length - 1}: ${e?.message ?? e}`, e);
      }
      const [rows, dims] = tensor.dims;
      if (rows !== batch.length) throw failure(`embedding model "${model}" returned ${rows} vectors for ${batch.length} texts`);
      for (let r = 0; r < rows; r++) out.push(Array.from(tensor.data.subarray(r * dims, (r + 1) * dims)));
    }
    return out;
  }

  /** MiniLM embeds queries and documents alike. */
  generateForQueries(texts) {
    return this.generate(texts);
  }
}
