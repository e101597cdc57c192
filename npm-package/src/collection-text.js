// What a collection does with texts, in a chunk loaded on first use (the core bundle's budget): find its
// embedding function, embed a write's documents in batches before any of it is applied, embed query texts.
import { TeaVecError } from './errors.js';
import { describe } from './validate.js';
import { embedTexts } from './embeddings-calls.js';
import { EmbeddingFunctionRegistry } from './embeddings-registry.js';
import { _embeddingFactories } from './embedding-factories.js';

export { textQuery, settleText } from './text-search.js';

/** Texts per call of the embedding function when a write does not say (`embeddingBatchSize`). */
export const DEFAULT_EMBEDDING_BATCH_SIZE = 32;

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

/**
 * `opts` of add/upsert/update with `embeddings` computed from `documents` (all of them, `embeddingBatchSize`
 * texts per call, `onProgress(done, total)` after each call); `onProgress` and `embeddingBatchSize` removed.
 * Rejects with EMBEDDING_FAILED (or the function's own TeaVecError) before anything was applied.
 */
export async function embedDocuments(embedding, collection, opts, dimensions) {
  const { onProgress, embeddingBatchSize = DEFAULT_EMBEDDING_BATCH_SIZE, ...rest } = opts;
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new TeaVecError('INVALID_ARGUMENT', `onProgress must be a function (done, total), got ${describe(onProgress)}`);
  }
  if (!Number.isInteger(embeddingBatchSize) || embeddingBatchSize < 1) {
    throw new TeaVecError('INVALID_ARGUMENT', `embeddingBatchSize must be a positive integer, got ${describe(embeddingBatchSize)}`);
  }
  const documents = typeof rest.documents === 'string' ? [rest.documents] : rest.documents;
  if (!Array.isArray(documents) || documents.some((d) => typeof d !== 'string')) {
    throw new TeaVecError('INVALID_ARGUMENT', 'documents to embed must be strings (one per id); give embeddings for the others');
  }
  const fn = functionOf(embedding, collection);
  const embeddings = [];
  for (let at = 0; at < documents.length; at += embeddingBatchSize) {
    const part = await embedTexts(fn, documents.slice(at, at + embeddingBatchSize), { dimensions: dimensions ?? embeddings[0]?.length });
    embeddings.push(...part);
    onProgress?.(embeddings.length, documents.length);
  }
  return { ...rest, embeddings };
}

/** The query texts' vectors (the function's generateForQueries when it has one). */
export async function embedQueries(embedding, collection, texts, dimensions) {
  const list = typeof texts === 'string' ? [texts] : texts;
  return embedTexts(functionOf(embedding, collection), list, { forQueries: true, dimensions });
}
