// Typings of `teavec/embeddings`.
/** Chroma JS's embedding-function interface (declared with the core's collections). */
export type { EmbeddingFunction } from './index.js';
import type { EmbeddingFunction } from './index.js';

/** Builds an embedding function from its saved config: a function, or a class with static buildFromConfig. */
export type EmbeddingFunctionFactory =
  | ((config: Record<string, unknown>) => EmbeddingFunction)
  | { buildFromConfig(config: Record<string, unknown>): EmbeddingFunction };

/** A transformers.js progress event while a model loads. */
export interface ModelProgressEvent {
  status: 'initiate' | 'download' | 'progress' | 'progress_total' | 'done' | 'ready' | string;
  name?: string;
  file?: string;
  progress?: number;
  loaded?: number;
  total?: number;
}

export interface DefaultEmbeddingFunctionOptions {
  /** Model id (default `Xenova/all-MiniLM-L6-v2`); a local copy lives at `<localModelPath>/<model>/`. */
  model?: string;
  /** The folder (or URL prefix) containing the model folder; sets transformers.js's `env.localModelPath`. */
  localModelPath?: string;
  /** Whether the model may be downloaded from the Hugging Face hub (default false: local files only). */
  allowRemoteModels?: boolean;
  /** Weights to load: 'q8' (default, int8), 'fp32', 'fp16', ... */
  dtype?: string;
  /** transformers.js device: 'cpu' (Node), 'wasm' or 'webgpu' (browser). */
  device?: string;
  /** Texts per model call (default 1: int8 vectors then do not depend on their batch). */
  batchSize?: number;
  /** Progress while the model loads. */
  onProgress?: (event: ModelProgressEvent) => void;
  /** The transformers.js module (or a promise of it), for pages and workers without a bundler. */
  transformers?: unknown;
  /** Where onnxruntime-web's .mjs/.wasm are served (browser); never a CDN unless you say so. */
  wasmPaths?: string | Record<string, string>;
}

export declare const DEFAULT_EMBEDDING_MODEL: 'Xenova/all-MiniLM-L6-v2';

/** all-MiniLM-L6-v2 (or another feature-extraction model) through transformers.js: mean pooling + L2 normalisation. */
export declare class DefaultEmbeddingFunction implements EmbeddingFunction {
  constructor(options?: DefaultEmbeddingFunctionOptions);
  readonly name: 'default';
  static buildFromConfig(config?: Record<string, unknown>): DefaultEmbeddingFunction;
  /** Loads the model now; rejects with a TeaVecError `EMBEDDING_FAILED` when it cannot. */
  load(): Promise<unknown>;
  generate(texts: string[]): Promise<number[][]>;
  generateForQueries(texts: string[]): Promise<number[][]>;
  getConfig(): { model: string; allowRemoteModels: boolean; dtype: string; batchSize: number; localModelPath?: string; device?: string };
  defaultSpace(): 'cosine';
  supportedSpaces(): Array<'cosine' | 'l2' | 'ip'>;
}

/** Embedding-function factories by name. */
export declare class EmbeddingFunctionRegistry {
  /** Throws INVALID_ARGUMENT for a bad or already registered name. */
  register(name: string, factory: EmbeddingFunctionFactory): this;
  unregister(name: string): boolean;
  has(name: string): boolean;
  names(): string[];
  /** NOT_FOUND when `name` is not registered; EMBEDDING_FAILED when its factory fails. */
  build(name: string, config?: Record<string, unknown>): EmbeddingFunction;
  /** `{ name, config }` to store with a collection; INVALID_ARGUMENT unless the name and config are valid. */
  static describe(ef: EmbeddingFunction): { name: string; config: Record<string, unknown> };
}

/** The shared registry; "default" is registered in it. */
export declare const embeddingFunctions: EmbeddingFunctionRegistry;
export default embeddingFunctions;

export declare function registerEmbeddingFunction(name: string, factory: EmbeddingFunctionFactory): void;
export declare function getEmbeddingFunction(name: string, config?: Record<string, unknown>): EmbeddingFunction;

/** Throws INVALID_ARGUMENT unless `ef` has generate(texts). */
export declare function checkEmbeddingFunction(ef: unknown): asserts ef is EmbeddingFunction;

/**
 * Calls `ef` and checks its answer (one finite vector per text, one length); rejects with a TeaVecError
 * `EMBEDDING_FAILED` otherwise.
 */
export declare function embedTexts(
  ef: EmbeddingFunction,
  texts: string[],
  options?: { forQueries?: boolean; dimensions?: number },
): Promise<Float32Array[]>;
