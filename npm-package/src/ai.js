// teavec/ai: the Vercel AI SDK's embeddings stored and searched in a TeaVec collection, and a retrieval tool
// for generateText / streamText / agents (docs/ai-sdk.md). Its own entry point: `ai` is an optional peer
// dependency and nothing here is part of the core bundle. `collection` is any Chroma-shaped collection:
// a Database's, openDatabase's (changes durable when they resolve) or teavec/worker's.
import { embed, embedMany, jsonSchema, tool } from 'ai';
import { TeaVecError } from './errors.js';
import { randomId } from './random-id.js';

function checkCollection(collection) {
  if (collection === null || typeof collection !== 'object' || typeof collection.query !== 'function'
      || typeof collection.upsert !== 'function') {
    throw new TeaVecError('INVALID_ARGUMENT', 'collection must be a TeaVec collection (getOrCreateCollection of a Database '
      + 'or of openDatabase)');
  }
  return collection;
}

/**
 * Stores the result of `embedMany` (or of `embed`: `{ value, embedding }`): each value as a record's document,
 * its embedding as the vector. Upsert: an existing id is replaced; all or nothing. `ids` default to random
 * UUIDs; `metadatas` one per value. Resolves with the ids.
 */
export async function storeEmbeddings(collection, result, { ids, metadatas } = {}) {
  checkCollection(collection);
  const single = result && typeof result === 'object' && 'embedding' in result;
  const values = single ? [result.value] : result?.values;
  const embeddings = single ? [result.embedding] : result?.embeddings;
  if (!Array.isArray(values) || !Array.isArray(embeddings) || values.length !== embeddings.length) {
    throw new TeaVecError('INVALID_ARGUMENT', 'storeEmbeddings takes the result of embedMany ({ values, embeddings }) '
      + 'or of embed ({ value, embedding })');
  }
  const keys = ids ?? values.map(() => randomId());
  await collection.upsert({ ids: keys, embeddings, documents: values, ...(metadatas !== undefined ? { metadatas } : {}) });
  return keys;
}

/** `embedMany({ model, values, ...options })` then storeEmbeddings: one call from texts to stored records. */
export async function embedAndStore(collection, { model, values, ids, metadatas, ...options }) {
  checkCollection(collection);
  const result = await embedMany({ ...options, model, values });
  return storeEmbeddings(collection, result, { ids, metadatas });
}

/**
 * Embeds `query` with `model` (`embed`) and returns the nResults nearest records, best first:
 * `[{ id, document, metadata, distance }]` (distance: the collection's metric, lower is closer), optionally
 * only those matching `where` (metadata) and `whereDocument`.
 */
export async function searchText(collection, { model, query, nResults = 4, where, whereDocument, ...options }) {
  checkCollection(collection);
  if (typeof query !== 'string') throw new TeaVecError('INVALID_ARGUMENT', `query must be a string, got ${typeof query}`);
  const { embedding } = await embed({ ...options, model, value: query });
  const result = await collection.query({
    queryEmbeddings: [embedding], nResults, where, whereDocument, include: ['documents', 'metadatas', 'distances'],
  });
  return result.ids[0].map((id, i) => ({
    id, document: result.documents[0][i], metadata: result.metadatas[0][i], distance: result.distances[0][i],
  }));
}

const DESCRIPTION = 'Search the knowledge base for passages relevant to a question. Returns the most similar '
  + 'passages, best first.';

/**
 * An AI SDK tool that answers `{ query }` with searchText's records: give it to generateText / streamText as
 * `tools: { search: retrievalTool({ collection, model }) }`. `description` tells the language model when to call it.
 */
export function retrievalTool({ collection, model, nResults = 4, where, whereDocument, description = DESCRIPTION }) {
  checkCollection(collection);
  return tool({
    description,
    inputSchema: jsonSchema({
      type: 'object',
      properties: { query: { type: 'string', description: 'What to look for, in words' } },
      required: ['query'],
      additionalProperties: false,
    }),
    execute: async ({ query }) => searchText(collection, { model, query, nResults, where, whereDocument }),
  });
}
