// Calling an embedding function (Chroma JS's interface) and checking what it returns, so that a caller
// can embed a whole batch before storing any of it: a failure or a malformed answer is EMBEDDING_FAILED
// and nothing has changed yet.
import { TeaVecError } from './errors.js';

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
