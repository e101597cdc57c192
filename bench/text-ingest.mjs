// Text in, text out, the exercise users run to judge a local database (not a test; prints figures), in Node 22:
//  1. ingest N text strings (WordNet glosses) into a persistent collection (openDatabase, file storage) whose
//     embedding function is all-MiniLM-L6-v2 int8 (teavec/embeddings, local files from ../shared/data): total
//     time split into embedding (time inside the model) and indexing + logging (the rest), peak RSS, CPU;
//  2. single text queries, one at a time: latency split into embedding and search;
//  3. BM25 (mode 'text') on the 25k WordNet glosses: index build (first text query), query p50/p99, index size.
//   node bench/text-ingest.mjs [--n 5000] [--queries 50] [--batch 32] [--data ../shared/data]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const N = Number(arg('--n', '5000'));
const QUERIES = Number(arg('--queries', '50'));
const BATCH = Number(arg('--batch', '32'));
const DATA = arg('--data', process.env.TEAVEC_DATA ?? join(here, '..', '..', 'shared', 'data'));
const WORDNET = join(DATA, 'wordnet-minilm-384-angular');

const { default: init, Database, openDatabase } = await import('../npm-package/dist/teavec.js');
const { DefaultEmbeddingFunction } = await import('../npm-package/dist/embeddings.js');
await init();

const jsonl = (file) => readFileSync(join(WORDNET, file), 'utf8').trim().split('\n').map((l) => JSON.parse(l).text);
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const mb = (bytes) => (bytes / 2 ** 20).toFixed(0);

/** The default function, with the time spent inside it counted (the rest of an add is indexing and logging). */
function timed(ef) {
  const t = { ms: 0 };
  const wrap = (fn) => async (texts) => {
    const t0 = performance.now();
    try {
      return await fn.call(ef, texts);
    } finally {
      t.ms += performance.now() - t0;
    }
  };
  return { t, fn: { name: ef.name, getConfig: () => ef.getConfig(), generate: wrap(ef.generate), generateForQueries: wrap(ef.generateForQueries) } };
}

let peakRss = process.memoryUsage().rss;
const sample = () => { peakRss = Math.max(peakRss, process.memoryUsage().rss); };
const sampler = setInterval(sample, 50);

const baseTexts = jsonl('wordnet_minilm_base.jsonl');
const queryTexts = jsonl('wordnet_minilm_query.jsonl');
const dir = mkdtempSync(join(tmpdir(), 'teavec-text-bench-'));
const lines = [];
try {
  const ef = new DefaultEmbeddingFunction({ model: 'all-MiniLM-L6-v2-onnx-q8', localModelPath: `${DATA}/` });
  await ef.load();
  const { t, fn } = timed(ef);
  const db = await openDatabase(join(dir, 'notes'), { storage: 'file' });
  const notes = await db.createCollection({ name: 'notes', embeddingFunction: fn });
  const rssBefore = process.memoryUsage().rss;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let longestGap = 0;
  let last = t0;
  await notes.add({
    ids: baseTexts.slice(0, N).map((_, i) => `g${i}`), documents: baseTexts.slice(0, N), embeddingBatchSize: BATCH,
    onProgress: () => { const now = performance.now(); longestGap = Math.max(longestGap, now - last); last = now; sample(); },
  });
  const ingestMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const embedMs = t.ms;
  lines.push(`ingest ${N} texts (batches of ${BATCH}, file storage, durable): ${(ingestMs / 1000).toFixed(1)} s = `
    + `embedding ${(embedMs / 1000).toFixed(1)} s + indexing and log ${((ingestMs - embedMs) / 1000).toFixed(2)} s; `
    + `${(N / (ingestMs / 1000)).toFixed(0)} texts/s; longest wait between progress calls ${longestGap.toFixed(0)} ms; `
    + `CPU ${((cpu.user + cpu.system) / 1000 / ingestMs * 100).toFixed(0)}% of one core; RSS ${mb(rssBefore)} → peak ${mb(peakRss)} MiB`);

  const embedOnly = [];
  const total = [];
  for (const q of queryTexts.slice(0, QUERIES)) {
    const before = t.ms;
    const q0 = performance.now();
    await notes.query({ queryTexts: [q], nResults: 10 });
    total.push(performance.now() - q0);
    embedOnly.push(t.ms - before);
  }
  const search = total.map((ms, i) => ms - embedOnly[i]);
  lines.push(`text query (${QUERIES}, one at a time, k 10): p50 ${pct(total, 0.5).toFixed(1)} ms = embedding `
    + `${pct(embedOnly, 0.5).toFixed(1)} + search ${pct(search, 0.5).toFixed(2)} ms; p99 ${pct(total, 0.99).toFixed(1)} ms`);
  await db.close();

  // BM25 on the 25k glosses (embeddings from the shared file: no model needed for this part).
  const buf = readFileSync(join(WORDNET, 'wordnet_minilm_base.fvecs'));
  const dim = buf.readInt32LE(0);
  const glosses = new Database().createCollection({ name: 'glosses' });
  for (let at = 0; at < baseTexts.length; at += 5000) {
    const n = Math.min(5000, baseTexts.length - at);
    glosses.add({
      ids: Array.from({ length: n }, (_, i) => String(at + i)),
      embeddings: Array.from({ length: n }, (_, i) => new Float32Array(buf.buffer, buf.byteOffset + (at + i) * (4 + 4 * dim) + 4, dim)),
      documents: baseTexts.slice(at, at + n),
    });
  }
  for (const textAnalyzer of ['english', 'plain']) {
    const b0 = performance.now();
    await glosses.query({ queryTexts: 'warm up', mode: 'text', textAnalyzer });
    const buildMs = performance.now() - b0;
    const oneWord = [];
    const gloss = [];
    for (let i = 0; i < 200; i++) {
      let s = performance.now();
      await glosses.query({ queryTexts: queryTexts[i].split(/[ ,:;]+/)[0], mode: 'text', textAnalyzer, include: [] });
      oneWord.push(performance.now() - s);
      s = performance.now();
      await glosses.query({ queryTexts: queryTexts[i], mode: 'text', textAnalyzer, include: [] });
      gloss.push(performance.now() - s);
    }
    // The index's size, from the text module itself (an index of the same documents).
    const { loadText } = await import('../npm-package/src/text-init.js');
    const index = (await loadText()).textIndex(textAnalyzer === 'english');
    baseTexts.forEach((text, id) => index.put(id, text));
    lines.push(`BM25, 25k glosses, ${textAnalyzer}: index built on the first text query in ${buildMs.toFixed(0)} ms (module load `
      + `included once), ~${mb(index.bytesEstimate())} MiB; query (k 10, ids only) one word p50 ${pct(oneWord, 0.5).toFixed(2)} / `
      + `p99 ${pct(oneWord, 0.99).toFixed(2)} ms, a gloss p50 ${pct(gloss, 0.5).toFixed(2)} / p99 ${pct(gloss, 0.99).toFixed(2)} ms`);
  }
} finally {
  clearInterval(sampler);
  rmSync(dir, { recursive: true, force: true });
}
const cpus = os.cpus();
console.log(`# text-ingest: Node ${process.version}, ${cpus[0]?.model ?? 'cpu'} × ${cpus.length}, load ${os.loadavg()[0].toFixed(1)}`);
for (const line of lines) console.log(`- ${line}`);
