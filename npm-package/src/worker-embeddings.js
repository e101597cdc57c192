// Embedding functions with teavec/worker. A function is code and cannot cross postMessage (DataCloneError), so
// the one given to createCollection / getCollection / getOrCreateCollection stays on the calling side and runs
// there: documents (add, upsert, update without embeddings) and query texts are embedded before the call goes
// to the worker, which receives vectors. The worker's collection gets a stand-in with the function's name and
// getConfig() (saved with the collection as in the direct API), which refuses to embed. Any object with
// generate(texts) works this way, a plain object as much as a registered one. The function is remembered per
// worker and collection name, so that getCollection/listCollections later embed with it too.
import { TeaVecError } from './errors.js';
import { checkEmbeddingFunction, embedDocumentsWith, embedTexts } from './embeddings-calls.js';
import { EMBEDDER } from './worker-protocol.js';

const OPENS = ['createCollection', 'getCollection', 'getOrCreateCollection'];
const WRITES = ['add', 'upsert', 'update'];
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The calling side's functions of one worker's collections, by collection name. */
function functionsOf(connection) {
  connection.embedders ??= new Map();
  return connection.embedders;
}

/**
 * A database call's arguments with an embedding function replaced by its wire stand-in
 * `{ [EMBEDDER]: { name, config } }`: `{ args, fn }` (fn undefined when there is none to keep here).
 */
export function detachEmbedder(method, args) {
  // The options are the first argument, or the second after a name: createCollection('notes', { embeddingFunction }).
  const at = args.findIndex((a, i) => i < 2 && isObject(a) && a.embeddingFunction != null);
  if (!OPENS.includes(method) || at < 0 || args[at].embeddingFunction[EMBEDDER]) return { args, fn: undefined };
  const fn = args[at].embeddingFunction;
  checkEmbeddingFunction(fn);
  const name = typeof fn.name === 'string' && fn.name ? fn.name : undefined;
  const config = name === undefined ? {} : JSON.parse(JSON.stringify(fn.getConfig?.() ?? {}));
  const out = [...args];
  out[at] = { ...args[at], embeddingFunction: { [EMBEDDER]: { name, config } } };
  return { args: out, fn };
}

/** After a database call: the function kept for the collection(s) it returned, or forgotten with a deleted one. */
export function rememberEmbedder(connection, method, args, fn, result) {
  if (method === 'deleteCollection') functionsOf(connection).delete(isObject(args[0]) ? args[0].name : args[0]);
  if (fn !== undefined && result?.name !== undefined) functionsOf(connection).set(result.name, fn);
}

/**
 * A Promise of a collection call's arguments with documents or query texts embedded here, when the calling side
 * holds the collection's function and the call needs it (as the direct Collection decides: documents without
 * embeddings; queryTexts without queryEmbeddings, unless mode 'text'); else null, at once, so that a call that
 * needs no embedding is sent in the same turn as it was made (calls keep their order).
 */
export function embedHere(connection, collection, method, args) {
  const fn = connection.embedders?.get(collection.name);
  const opts = args[0];
  if (fn === undefined || !isObject(opts)) return null;
  if (WRITES.includes(method) && opts.embeddings == null && opts.documents != null) {
    return embedDocumentsWith(() => fn, opts, collection.dimensions).then((embedded) => [embedded, ...args.slice(1)]);
  }
  if (method === 'query' && opts.queryTexts !== undefined && opts.queryEmbeddings === undefined && opts.mode !== 'text') {
    const texts = typeof opts.queryTexts === 'string' ? [opts.queryTexts] : opts.queryTexts;
    if (!Array.isArray(texts)) return null;
    // Hybrid search keeps its texts for the text side; a vector search takes the embeddings only.
    const { queryTexts, ...rest } = opts;
    return embedTexts(fn, texts, { forQueries: true, dimensions: collection.dimensions }).then((queryEmbeddings) => [
      opts.mode === 'hybrid' ? { ...rest, queryTexts, queryEmbeddings } : { ...rest, queryEmbeddings }, ...args.slice(1)]);
  }
  return null;
}

/** The worker's stand-in for a function that stays on the calling side (what `detachEmbedder` sent). */
export function embedderStandIn({ name, config }) {
  return {
    name,
    getConfig: () => config,
    generate() {
      throw new TeaVecError('EMBEDDING_FAILED', `the embedding function${name ? ` "${name}"` : ''} runs on the calling side `
        + 'of teavec/worker, and this collection proxy was not given it: pass it as embeddingFunction to getCollection '
        + '(or give embeddings / queryEmbeddings)');
    },
  };
}
