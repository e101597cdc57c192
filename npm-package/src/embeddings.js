// teavec/embeddings: embedding functions with Chroma JS's interface, computed on the device, and the
// registry that lets a saved collection re-attach its function by name. Its own entry point: importing
// `teavec` never loads it, and transformers.js is loaded only when a model is first used.
import { EmbeddingFunctionRegistry } from './embeddings-registry.js';
import { DefaultEmbeddingFunction } from './embeddings-default.js';
import { _embeddingFactories } from './embedding-factories.js';

export { EmbeddingFunctionRegistry } from './embeddings-registry.js';
export { DefaultEmbeddingFunction, DEFAULT_EMBEDDING_MODEL } from './embeddings-default.js';
export { embedTexts, checkEmbeddingFunction } from './embeddings-calls.js';

/**
 * The shared registry: "default" is registered in it from the start. Its table lives in the core bundle, where
 * collections reopened from storage find their functions by name. Isolated registries: `new EmbeddingFunctionRegistry()`.
 */
const embeddingFunctions = new EmbeddingFunctionRegistry(_embeddingFactories);
if (!embeddingFunctions.has('default')) embeddingFunctions.register('default', DefaultEmbeddingFunction);
export default embeddingFunctions;
export { embeddingFunctions };

/** Registers `factory` under `name` in the shared registry (Chroma's registerEmbeddingFunction). */
export function registerEmbeddingFunction(name, factory) {
  embeddingFunctions.register(name, factory);
}

/** The function registered under `name` in the shared registry, built from `config`. */
export function getEmbeddingFunction(name, config = {}) {
  return embeddingFunctions.build(name, config);
}
