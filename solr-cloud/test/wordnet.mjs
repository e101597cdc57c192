// The shared WordNet × MiniLM set (25k × 384, cosine; /work/shared/data/README.md) as records with
// metadata and glosses, for the SolrCloud tests and the benchmark.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_DIR } from './cluster.mjs';

const CANDIDATES = [process.env.TEAVEC_DATA, join(REPO_DIR, '..', 'shared', 'data'), join(REPO_DIR, '..', '..', 'shared', 'data')];
export const DATA_DIR = CANDIDATES.filter(Boolean).map((d) => join(d, 'wordnet-minilm-384-angular')).find((d) => existsSync(d));

function readVecs(file, Kind) {
  const buf = readFileSync(join(DATA_DIR, file));
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const d = view.getInt32(0, true);
  const n = buf.byteLength / (4 + 4 * d);
  const out = new Kind(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const at = i * (4 + 4 * d) + 4 + 4 * j;
      out[i * d + j] = Kind === Float32Array ? view.getFloat32(at, true) : view.getInt32(at, true);
    }
  }
  return { n, d, data: out };
}

const readJsonl = (file) => readFileSync(join(DATA_DIR, file), 'utf8').trim().split('\n').map((l) => JSON.parse(l));

/** Metadata of a synset: part of speech, its words (a string list), how many, and its file offset (a number). */
export function metadataOf(row) {
  const words = row.text.slice(0, row.text.indexOf(':')).split(', ');
  return { pos: row.pos, words, lemmas: words.length, offset: Number(row.synset.slice(1)) };
}

/**
 * `{ d, ids, vectors (Float32Array per record), metadatas, documents, queries, queryTexts, truth (top-100 rows per query) }`.
 * Ids are the synsets (e.g. 'n13564639').
 */
export function loadWordnet() {
  if (!DATA_DIR) throw new Error('the shared WordNet data is missing (set TEAVEC_DATA to the shared/data folder)');
  const base = readVecs('wordnet_minilm_base.fvecs', Float32Array);
  const rows = readJsonl('wordnet_minilm_base.jsonl');
  const queries = readVecs('wordnet_minilm_query.fvecs', Float32Array);
  const truth = readVecs('wordnet_minilm_groundtruth.ivecs', Int32Array);
  const d = base.d;
  return {
    d,
    ids: rows.map((r) => r.synset),
    vectors: rows.map((_, i) => base.data.subarray(i * d, (i + 1) * d)),
    metadatas: rows.map(metadataOf),
    documents: rows.map((r) => r.text),
    queries: Array.from({ length: queries.n }, (_, i) => queries.data.subarray(i * d, (i + 1) * d)),
    queryTexts: readJsonl('wordnet_minilm_query.jsonl').map((r) => r.text),
    truth: Array.from({ length: truth.n }, (_, i) => Array.from(truth.data.subarray(i * truth.d, (i + 1) * truth.d))),
  };
}

/** Records [from, to) as Collection#add arguments. */
export function slice(w, from, to) {
  return {
    ids: w.ids.slice(from, to),
    embeddings: w.vectors.slice(from, to),
    metadatas: w.metadatas.slice(from, to),
    documents: w.documents.slice(from, to),
  };
}

/** Mean overlap of top-k id lists with reference lists. */
export function recallAt(k, found, expected) {
  let hit = 0;
  found.forEach((ids, q) => {
    const want = new Set(expected[q].slice(0, k));
    hit += ids.slice(0, k).filter((id) => want.has(id)).length;
  });
  return hit / (found.length * k);
}
