// What a collection does with texts, in a chunk loaded on first use (the core bundle's budget): find its
// embedding function, embed a write's documents in batches before any of it is applied, embed query texts.
import { TeaVecError } from './errors.js';
import { embedTexts, embedDocumentsWith, DEFAULT_EMBEDDING_BATCH_SIZE } from './embeddings-calls.js';
import { EmbeddingFunctionRegistry } from './embeddings-registry.js';
import { _embeddingFactories } from './embedding-factories.js';

export { textQuery, settleText } from './text-search.js';

export { DEFAULT_EMBEDDING_BATCH_SIZE };

/**
 * The collection's embedding function: the one attached (createCollection, getCollection), else the one its
 * saved name and config build from the shared registry (teavec/embeddings registerEmbeddingFunction).
 */
function functionOf(embedding, collection) {
  if (embedding.fn) return embedding.fn;
  if (!_embeddingFactories.has(embedding.name)) {
    throw new TeaVecError('INVALID_CONFIG', `collection ${JSON.stringify(collection)} embeds with the function `
      + `"${embedding.name}", which is not registered here: register it (registerEmbeddingFunction("${embedding.name}", `
      + 'factory) from teavec/embeddings; importing teavec/embeddings registers "default") or pass it again as '
      + 'getCollection({ name, embeddingFunction })');
  }
  embedding.fn = new EmbeddingFunctionRegistry(_embeddingFactories).build(embedding.name, embedding.config);
  return embedding.fn;
}

/** `opts` of add/upsert/update with `embeddings` computed from `documents` (src/embeddings-calls.js embedDocumentsWith). */
export function embedDocuments(embedding, collection, opts, dimensions) {
  return embedDocumentsWith(() => functionOf(embedding, collection), opts, dimensions);
}

/** The query texts' vectors (the function's generateForQueries when it has one). */
export async function embedQueries(embedding, collection, texts, dimensions) {
  const list = typeof texts === 'string' ? [texts] : texts;
  return embedTexts(functionOf(embedding, collection), list, { forQueries: true, dimensions });
}
