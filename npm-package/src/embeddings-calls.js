// Calling an embedding function (Chroma JS's interface) and checking what it returns, so that a caller
// can embed a whole batch before storing any of it: a failure or a malformed answer is EMBEDDING_FAILED
// and nothing has changed yet.
import { TeaVecError } from './errors.js';
import { describe } from './describe.js';

/** Texts per call of the embedding function when a write does not say (`embeddingBatchSize`). */
export const DEFAULT_EMBEDDING_BATCH_SIZE = 32;

function failure(message, cause) {
  const error = new TeaVecError('EMBEDDING_FAILED', message);
  if (cause !== undefined) error.cause = cause;
  return error;
}

/** The function's name for messages: its `name`, else its class name. */
export function embeddingFunctionLabel(ef) {
  return typeof ef?.name === 'string' && ef.name ? ef.name : (ef?.constructor?.name ?? 'the embedding function');
}

/** Throws INVALID_ARGUMENT unless `ef` has Chroma's `generate(texts)`. */
export function checkEmbeddingFunction(ef) {
  if (ef === null || typeof ef !== 'object' || typeof ef.generate !== 'function') {
    throw new TeaVecError('INVALID_ARGUMENT', 'an embedding function must be an object with generate(texts) '
      + '(Chroma\'s EmbeddingFunction interface)');
  }
}

/**
 * `ef.generate(texts)` (or `generateForQueries` when `forQueries` and the function has it), checked:
 * one vector per text, every vector an array (or typed array) of finite numbers, all of one length
 * (`dimensions` when given). Resolves to Float32Arrays. Any failure rejects with EMBEDDING_FAILED.
 */
export async function embedTexts(ef, texts, { forQueries = false, dimensions = undefined } = {}) {
  checkEmbeddingFunction(ef);
  if (!Array.isArray(texts) || texts.some((t) => typeof t !== 'string')) {
    throw new TeaVecError('INVALID_ARGUMENT', 'texts to embed must be an array of strings');
  }
  if (texts.length === 0) return [];
  const label = embeddingFunctionLabel(ef);
  const generate = forQueries && typeof ef.generateForQueries === 'function' ? ef.generateForQueries : ef.generate;
  let vectors;
  try {
    vectors = await generate.call(ef, texts);
  } catch (e) {
    if (e instanceof TeaVecError && e.code === 'EMBEDDING_FAILED') throw e;
    throw failure(`${label} failed to embed ${texts.length} text(s): ${e?.message ?? e}`, e);
  }
  if (!Array.isArray(vectors) || vectors.length !== texts.length) {
    throw failure(`${label} returned ${Array.isArray(vectors) ? `${vectors.length} vectors` : 'no array'} `
      + `for ${texts.length} text(s); expected one vector per text`);
  }
  const dims = dimensions ?? vectors[0]?.length;
  return vectors.map((v, i) => {
    if (!(Array.isArray(v) || ArrayBuffer.isView(v)) || v.length !== dims || v.length === 0) {
      throw failure(`${label} returned a vector of ${v?.length ?? 'no'} numbers for text ${i}; expected ${dims}`);
    }
    const out = Float32Array.from(v);
    for (let j = 0; j < out.length; j++) {
      if (!Number.isFinite(out[j])) {
        throw failure(`${label} returned a non-finite number (${v[j]}) at index ${j} of the vector for text ${i}`);
      }
    }
    return out;
  });
}

/**
 * `opts` of add/upsert/update with `embeddings` computed from `documents` by the function `getFn()` returns
 * (all of them, `embeddingBatchSize` texts per call, `onProgress(done, total)` after each call); `onProgress`
 * and `embeddingBatchSize` removed. Rejects with EMBEDDING_FAILED (or the function's own TeaVecError) before
 * anything was applied. A collection embeds this way, and teavec/worker on the calling side.
 */
export async function embedDocumentsWith(getFn, opts, dimensions) {
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
  const fn = getFn();
  const embeddings = [];
  for (let at = 0; at < documents.length; at += embeddingBatchSize) {
    const part = await embedTexts(fn, documents.slice(at, at + embeddingBatchSize), { dimensions: dimensions ?? embeddings[0]?.length });
    embeddings.push(...part);
    onProgress?.(embeddings.length, documents.length);
  }
  return { ...rest, embeddings };
}
