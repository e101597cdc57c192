// query({ queryTexts, mode: 'text' | 'hybrid' }): BM25 over the collection's documents (teavec-text.wasm,
// loaded on first use) and, for 'hybrid', reciprocal rank fusion with the vector search. The text index is
// built from the stored documents on the first such query (or decoded from the bytes the loaded snapshot
// saved) and then kept current from the ids every write touched (Collection marks them); Database#toBytes
// saves it in the snapshot's TEXT_INDEXES section (text-state.js).
import { TeaVecError, callEngine } from './errors.js';
import { checkK, describe } from './validate.js';
import { keysOf } from './keyed.js';
import { WHERE_FILTER } from './filters.js';
import { TEXT, queryInclude } from './collection.js';
import { finishQuery } from './results.js';
import { loadText } from './text-init.js';
import { textState } from './text-state.js';

const MODES = ['vector', 'text', 'hybrid'];
/** Candidates each side hands to the fusion, at least (HybridRecallTest's depth). */
const MIN_CANDIDATES = 50;

/** `[{ id, score }]` of a packed `[n, id, score, ...]`. */
function unpack(packed) {
  const out = [];
  for (let i = 0; i < packed[0]; i++) out.push({ id: packed[1 + 2 * i], score: packed[2 + 2 * i] });
  return out;
}

function checkFusion(fusion, defaultK) {
  const { k = defaultK, weights = [1, 1], candidates } = fusion ?? {};
  if (fusion !== undefined && (fusion === null || typeof fusion !== 'object')) {
    throw new TeaVecError('INVALID_ARGUMENT', `fusion must be { k, weights: [vector, text], candidates }, got ${describe(fusion)}`);
  }
  if (!Array.isArray(weights) || weights.length !== 2) {
    throw new TeaVecError('INVALID_CONFIG', `fusion.weights must be [vectorWeight, textWeight], got ${describe(weights)}`);
  }
  if (candidates !== undefined && !(Number.isInteger(candidates) && candidates >= 1 && candidates <= 10000)) {
    throw new TeaVecError('INVALID_CONFIG', `fusion.candidates must be an integer in 1..10000, got ${describe(candidates)}`);
  }
  return { k, weights, candidates };
}

const ANALYZERS = ['english', 'plain'];

/** Brings `entry.index` up to date with the ids writes touched since (their documents now, or none). */
function catchUp(native, entry) {
  for (const id of entry.touched) {
    const document = id === undefined || native.isDeleted(id) ? null : native.getDocument(id);
    if (document != null) entry.index.put(id, document);
    else if (id !== undefined) entry.index.remove(id);
  }
  entry.touched.clear();
}

/**
 * The collection's text index for `analyzer`: decoded from the bytes a snapshot saved, else built from its
 * documents; then brought up to date with the ids that writes touched since (text-state.js: the collection
 * marks them on every write). Database#toBytes saves it (`entry.encode`).
 */
function textIndexOf(text, native, state, analyzer) {
  state.text ??= textState();
  const flags = text.analyzerFlags(analyzer === 'english');
  let entry = state.text.indexes.get(flags);
  if (!entry) {
    entry = { index: null, saved: null, current: null, touched: new Set() };
    state.text.indexes.set(flags, entry);
  }
  if (!entry.index) {
    const live = native.matchIds('{}', WHERE_FILTER, 0, -1);
    if (entry.saved) {
      // The saved index may still hold records deleted since (touched: taken out right after).
      const known = Int32Array.from(new Set([...live, ...[...entry.touched].filter((id) => id !== undefined)]));
      entry.index = callEngine(() => text.textIndexFromBytes(entry.saved, known));
      entry.saved = null;
    } else {
      entry.index = text.textIndex(analyzer === 'english');
      for (const id of live) {
        const document = native.getDocument(id);
        if (document != null) entry.index.put(id, document);
      }
      entry.touched.clear();
    }
    entry.encode = () => {
      catchUp(native, entry);
      return entry.index.toBytes();
    };
  }
  catchUp(native, entry);
  return entry.index;
}

/**
 * Decodes and brings up to date each text index of `collection` that a load left as bytes and writes made stale
 * (the log's replay included): a checkpoint then saves it rather than leaving it out (persistent-database.js).
 */
export async function settleText(collection) {
  const text = await loadText();
  const { native, state } = collection[TEXT]();
  if (!native || !state.text) return;
  const analyzers = new Map([[text.analyzerFlags(true), 'english'], [text.analyzerFlags(false), 'plain']]);
  for (const [flags, entry] of state.text.indexes) {
    if (!entry.index && !entry.current && analyzers.has(flags)) textIndexOf(text, native, state, analyzers.get(flags));
  }
}

/** Collection#query for mode 'text' and 'hybrid' (`opts` checked as an object already). */
export async function textQuery(collection, opts) {
  const { mode, fusion, textAnalyzer = 'english', queryTexts, queryEmbeddings, ...rest } = opts;
  if (!MODES.includes(mode)) throw new TeaVecError('INVALID_ARGUMENT', `mode takes 'vector', 'text' or 'hybrid', got ${describe(mode)}`);
  if (!ANALYZERS.includes(textAnalyzer)) {
    throw new TeaVecError('INVALID_ARGUMENT', `textAnalyzer takes 'english' (stems) or 'plain' (words), got ${describe(textAnalyzer)}`);
  }
  if (queryTexts === undefined || (queryEmbeddings !== undefined && mode === 'text')) {
    throw new TeaVecError('INVALID_ARGUMENT', `mode '${mode}' searches queryTexts`
      + `${mode === 'text' ? ' (and no queryEmbeddings)' : ' (with queryEmbeddings for its vector side, or the embedding function)'}`);
  }
  const texts = typeof queryTexts === 'string' ? [queryTexts] : queryTexts;
  if (!Array.isArray(texts) || texts.length === 0 || texts.some((t) => typeof t !== 'string')) {
    throw new TeaVecError('INVALID_ARGUMENT', `queryTexts must be a string or a non-empty list of strings, got ${describe(queryTexts)}`);
  }
  // Hybrid's vector side: the embeddings given (one per text), else the texts through the embedding function.
  const vectorSide = queryEmbeddings === undefined ? { queryTexts: texts } : { queryEmbeddings };
  const k = rest.nResults ?? 10;
  const filters = { ids: rest.ids, where: rest.where, whereDocument: rest.whereDocument };
  const filtered = rest.ids !== undefined || rest.where !== undefined || rest.whereDocument !== undefined;
  // The records the filters allow (checked as get checks them), for the text side.
  // (await: a get of a rerank 'storage' collection on IndexedDB is a Promise.)
  const allowedKeys = filtered ? (await collection.get({ ...filters, include: [] })).ids : [];
  checkK(k, 'nResults');
  const include = queryInclude(rest.include);
  const text = await loadText();
  const { k: fusionK, weights, candidates = Math.max(MIN_CANDIDATES, k) } = checkFusion(fusion, text.defaultFusionK());
  const vectorHits = mode === 'hybrid'
    ? (await collection.query({ ...filters, ...vectorSide, nResults: candidates, include: [] })).ids : null;
  if (vectorHits && vectorHits.length !== texts.length) {
    throw new TeaVecError('INVALID_ARGUMENT', `hybrid takes one query embedding per query text: ${vectorHits.length} for ${texts.length}`);
  }
  const { native, state } = collection[TEXT]();
  const perQuery = texts.map(() => []);
  if (native) {
    const index = textIndexOf(text, native, state, textAnalyzer);
    const allowed = Int32Array.from(filtered ? allowedKeys.map((key) => native.idOfKey(key)) : []).sort();
    texts.forEach((query, q) => {
      const byText = unpack(callEngine(() => index.search(query, mode === 'text' ? k : candidates, filtered, allowed)));
      perQuery[q] = mode === 'text' ? byText : unpack(callEngine(() => text.fuse(
        Int32Array.from(vectorHits[q], (key) => native.idOfKey(key)), Int32Array.from(byText, (h) => h.id),
        weights[0], weights[1], fusionK, k)));
    });
  }
  const out = { ids: [], distances: include.includes('distances') ? [] : null };
  for (const field of ['metadatas', 'documents', 'embeddings']) out[field] = include.includes(field) ? [] : null;
  for (const hits of perQuery) {
    const keys = native ? keysOf(native, hits.map((h) => h.id)) : [];
    const records = await collection.get({ ids: keys, include: include.filter((f) => f !== 'distances') });
    out.ids.push(keys);
    // Higher scores are better; distances are smaller for better matches: the negated score.
    out.distances?.push(hits.map((h) => -h.score));
    for (const field of ['metadatas', 'documents', 'embeddings']) out[field]?.push(records[field]);
  }
  out.included = include;
  return finishQuery(out);
}
