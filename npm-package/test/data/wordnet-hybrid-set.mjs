// Builds the labelled hybrid-search evaluation set over the shared WordNet glosses (../shared/data, or
// TEAVEC_DATA). A query is one lemma word; its relevant documents are the base synsets that have it among
// their lemmas (each text is "<lemma>, <lemma>, ...: <gloss>"). Three strata of 100 queries, so that the set
// holds what a search box gets:
//   contested  rare proper names (species, genera, places, people; in at most 25 texts) that other glosses
//              also mention: a search must tell the thing named from texts that merely mention it;
//   sole       rare proper names that only their own synsets' texts hold (any method that finds the word
//              at all ranks them first: BM25's home ground);
//   common     everyday words (in at least 50 texts) naming 1-10 synsets: the word alone is in many texts.
// Writes, under
// wasm-core/src/test/resources/dev/teavec/core/fulltext/wordnet-hybrid/:
//   queries.jsonl  {"query", "relevant": [base rows], "mentions": texts holding the word, "stratum"}
//   queries.fvecs  the queries embedded by teavec/embeddings' DefaultEmbeddingFunction (the shared model,
//                  one text per call, as the base vectors were made)
// The selection is fixed by the rules below and a seed; run again only to change them:
//   node npm-package/test/data/wordnet-hybrid-set.mjs   (after `node scripts/build.mjs` in npm-package)
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DefaultEmbeddingFunction } from '../../dist/embeddings.js';
import { rng } from '../random.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..', '..');
const DATA = process.env.TEAVEC_DATA ?? join(repo, '..', 'shared', 'data');
const OUT = join(repo, 'wasm-core', 'src', 'test', 'resources', 'dev', 'teavec', 'core', 'fulltext', 'wordnet-hybrid');
const SEED = 20261208;
/** Queries per stratum. */
const PER_STRATUM = 100;
/** A name is rare: it occurs in at most this many of the 25,000 texts (0.1%). */
const MAX_MENTIONS = 25;
/** A word is common: it occurs in at least this many texts (0.2%). */
const MIN_COMMON_MENTIONS = 50;
/** ... and a query names at most this many synsets. */
const MAX_RELEVANT = 10;

const rows = readFileSync(join(DATA, 'wordnet-minilm-384-angular', 'wordnet_minilm_base.jsonl'), 'utf8')
  .trim().split('\n').map((line) => JSON.parse(line));
const words = (s) => s.toLowerCase().match(/[a-z]+/g) ?? [];

// Each text is "<lemma>, <lemma>, ...: <gloss>".
const lemmaWords = rows.map((r) => new Set(words(r.text.slice(0, r.text.indexOf(': ')))));
const textWords = rows.map((r) => new Set(words(r.text)));
const mentions = new Map();
for (const set of textWords) for (const w of set) mentions.set(w, (mentions.get(w) ?? 0) + 1);

// Candidates: capitalised lemma words (proper names), letters only, at least 4 long.
const spelled = new Map();
for (const r of rows) {
  for (const m of r.text.slice(0, r.text.indexOf(': ')).matchAll(/\b[A-Z][a-z]{3,}\b/g)) {
    if (!spelled.has(m[0].toLowerCase())) spelled.set(m[0].toLowerCase(), m[0]);
  }
}
const candidates = [];
for (const [word, spelling] of spelled) {
  const relevant = [];
  lemmaWords.forEach((set, row) => { if (set.has(word)) relevant.push(row); });
  const n = mentions.get(word);
  if (relevant.length >= 1 && relevant.length <= MAX_RELEVANT && n <= MAX_MENTIONS) {
    candidates.push({ query: spelling, relevant, mentions: n, stratum: n > relevant.length ? 'contested' : 'sole' });
  }
}
// Common words: lower-case lemma words (never spelled as a name) of at least 4 letters.
for (const [word, n] of mentions) {
  if (word.length < 4 || n < MIN_COMMON_MENTIONS || spelled.has(word)) continue;
  const relevant = [];
  lemmaWords.forEach((set, row) => { if (set.has(word)) relevant.push(row); });
  if (relevant.length >= 1 && relevant.length <= MAX_RELEVANT) candidates.push({ query: word, relevant, mentions: n, stratum: 'common' });
}
candidates.sort((a, b) => (a.query < b.query ? -1 : a.query > b.query ? 1 : 0));
const random = rng(SEED);
for (let i = candidates.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [candidates[i], candidates[j]] = [candidates[j], candidates[i]];
}
const STRATA = ['contested', 'sole', 'common'];
const chosen = STRATA.flatMap((stratum) => candidates.filter((c) => c.stratum === stratum).slice(0, PER_STRATUM));

const ef = new DefaultEmbeddingFunction({ model: 'all-MiniLM-L6-v2-onnx-q8', localModelPath: `${DATA}/` });
const vectors = await ef.generateForQueries(chosen.map((c) => c.query));
const fvecs = Buffer.alloc(chosen.length * (4 + 4 * 384));
vectors.forEach((v, i) => {
  fvecs.writeInt32LE(384, i * (4 + 4 * 384));
  v.forEach((x, j) => fvecs.writeFloatLE(x, i * (4 + 4 * 384) + 4 + 4 * j));
});
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'queries.jsonl'), chosen.map((c) => JSON.stringify(c)).join('\n') + '\n');
writeFileSync(join(OUT, 'queries.fvecs'), fvecs);
console.log(`${STRATA.map((st) => `${candidates.filter((c) => c.stratum === st).length} ${st}`).join(', ')} candidates; wrote ${chosen.length} queries `
  + `(${chosen.reduce((s, c) => s + c.relevant.length, 0)} relevant synsets) to ${OUT}`);
