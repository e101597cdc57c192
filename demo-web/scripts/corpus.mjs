// Makes the demo's corpus: 25,000 WordNet glosses and their all-MiniLM-L6-v2 embeddings, written as two static
// files the page fetches from /data/: the vectors as raw little-endian float32 (row-major, 384 per row) and the
// texts + parts of speech as JSON. Reuses ../shared/data/wordnet-minilm-384-angular when present (seconds);
// otherwise parses Debian's wordnet-base and embeds every text in Node, one text per call (minutes, once).
//   node demo-web/scripts/corpus.mjs [--force]
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import cliProgress from 'cli-progress';
import { CORPUS_DOCS, CORPUS_VECTORS, DIMENSIONS, MODEL_ID, SHARED_DATA, WEB_DATA_DIR } from './paths.mjs';
import { ensureModel } from './model.mjs';
import { ensureWordnetDir, parseSynsets, sample } from './wordnet.mjs';

const SHARED_SET = join(SHARED_DATA, 'wordnet-minilm-384-angular');
const COUNT = 25000;

/** Ensures both files exist and agree; returns { docsPath, vectorsPath, count, version, source }. */
export async function ensureCorpus({ force = false, log = console.log } = {}) {
  const docsPath = join(WEB_DATA_DIR, CORPUS_DOCS);
  const vectorsPath = join(WEB_DATA_DIR, CORPUS_VECTORS);
  if (!force) {
    const existing = readExisting(docsPath, vectorsPath);
    if (existing) return existing;
  }
  const started = Date.now();
  const corpus = existsSync(join(SHARED_SET, 'wordnet_minilm_base.fvecs'))
    ? fromSharedData(log)
    : await fromWordnet(Number(process.env.DEMO_CORPUS_LIMIT ?? COUNT), log);
  const version = createHash('sha256').update(corpus.vectors).update(corpus.texts.join('\n')).update(corpus.pos)
    .digest('hex').slice(0, 16);
  const docs = {
    version, count: corpus.texts.length, dimensions: DIMENSIONS, metric: 'cosine', model: MODEL_ID,
    source: corpus.source, licence: 'WordNet 3.0, Copyright 2006 Princeton University (see LICENSE-WordNet.txt)',
    pos: corpus.pos, texts: corpus.texts,
  };
  mkdirSync(WEB_DATA_DIR, { recursive: true });
  // Write-then-rename so an interrupted run never leaves a half file that looks finished.
  writeFileSync(`${vectorsPath}.tmp`, corpus.vectors);
  writeFileSync(`${docsPath}.tmp`, JSON.stringify(docs));
  renameSync(`${vectorsPath}.tmp`, vectorsPath);
  renameSync(`${docsPath}.tmp`, docsPath);
  log(`corpus: ${docs.count} texts × ${DIMENSIONS} from ${docs.source} in ${((Date.now() - started) / 1000).toFixed(1)} s → ${WEB_DATA_DIR}`);
  return { docsPath, vectorsPath, count: docs.count, version, source: docs.source };
}

function readExisting(docsPath, vectorsPath) {
  if (!existsSync(docsPath) || !existsSync(vectorsPath)) return null;
  try {
    const docs = JSON.parse(readFileSync(docsPath, 'utf8'));
    const bytes = statSync(vectorsPath).size;
    if (docs.texts.length !== docs.count || docs.pos.length !== docs.count || bytes !== docs.count * DIMENSIONS * 4) return null;
    return { docsPath, vectorsPath, count: docs.count, version: docs.version, source: docs.source };
  } catch {
    return null;
  }
}

/** The shared set: TEXMEX .fvecs (int32 d, then d float32 per record) + one JSON line per row. */
function fromSharedData(log) {
  log(`corpus: reading ${SHARED_SET}`);
  const fvecs = readFileSync(join(SHARED_SET, 'wordnet_minilm_base.fvecs'));
  const record = 4 + 4 * DIMENSIONS;
  const count = fvecs.length / record;
  const vectors = Buffer.alloc(count * DIMENSIONS * 4);
  for (let i = 0; i < count; i++) {
    const d = fvecs.readInt32LE(i * record);
    if (d !== DIMENSIONS) throw new Error(`corpus: record ${i} has ${d} dimensions, expected ${DIMENSIONS}`);
    fvecs.copy(vectors, i * DIMENSIONS * 4, i * record + 4, (i + 1) * record);
  }
  const rows = readFileSync(join(SHARED_SET, 'wordnet_minilm_base.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  if (rows.length !== count) throw new Error(`corpus: ${rows.length} texts for ${count} vectors`);
  rows.forEach((r, i) => {
    if (r.row !== i) throw new Error(`corpus: line ${i} is row ${r.row}`);
  });
  return { vectors, texts: rows.map((r) => r.text), pos: rows.map((r) => r.pos).join(''), source: 'shared/data/wordnet-minilm-384-angular' };
}

/** Debian wordnet-base → same sample as the shared set → embedded here with the same model, one text per call. */
async function fromWordnet(count, log) {
  const synsets = sample(parseSynsets(ensureWordnetDir(log)), count);
  const modelDir = ensureModel(log);
  const { env, pipeline } = await import('@huggingface/transformers');
  env.allowRemoteModels = false;
  env.localModelPath = `${dirname(modelDir)}/`;
  const extractor = await pipeline('feature-extraction', MODEL_ID, { dtype: 'q8' });
  log(`corpus: embedding ${synsets.length} WordNet glosses with ${MODEL_ID} (once; cached afterwards)`);
  const vectors = new Float32Array(synsets.length * DIMENSIONS);
  const bar = new cliProgress.SingleBar({ format: 'embedding {bar} {value}/{total} {percentage}% eta {eta}s' },
    cliProgress.Presets.shades_classic);
  bar.start(synsets.length, 0);
  // One text per call: the int8 model quantizes activations per tensor, so batching would shift vectors.
  for (let i = 0; i < synsets.length; i++) {
    const out = await extractor(synsets[i].text, { pooling: 'mean', normalize: true });
    vectors.set(out.data, i * DIMENSIONS);
    if (i % 50 === 49 || i === synsets.length - 1) bar.update(i + 1);
  }
  bar.stop();
  await extractor.dispose?.();
  return {
    vectors: Buffer.from(vectors.buffer), texts: synsets.map((s) => s.text), pos: synsets.map((s) => s.pos).join(''),
    source: 'Debian wordnet-base, embedded in Node',
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await ensureCorpus({ force: process.argv.includes('--force') });
}
