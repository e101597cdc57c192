// BM25 over the 25k WordNet glosses (../shared/data) with the shipped package in Node (teavec-text.wasm; not a
// test, prints figures): the index built by the first text query, its size (in memory, and saved in a snapshot's
// TEXT_INDEXES section), query latency, and a database load followed by a first text query with the saved index
// (decoded) against one without it (every document tokenized again). `--jvm` runs the Java benchmark
// (wasm-core's Bm25Benchmark: the same index on the JVM) instead.
//   node bench/fulltext.mjs [--runs 5] [--data ../shared/data] [--jvm]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const data = arg('--data', process.env.TEAVEC_DATA ?? join(repo, '..', 'shared', 'data'));
const RUNS = Number(arg('--runs', '5'));
const WORDNET = join(data, 'wordnet-minilm-384-angular');
if (!existsSync(join(WORDNET, 'wordnet_minilm_base.jsonl'))) {
  console.error(`fulltext: ${WORDNET} not found (set TEAVEC_DATA)`);
  process.exit(1);
}
if (process.argv.includes('--jvm')) {
  const core = join(repo, 'wasm-core');
  if (!existsSync(join(core, 'target', 'test-classes', 'dev', 'teavec', 'core', 'fulltext', 'Bm25Benchmark.class'))) {
    execFileSync('mvn', ['-B', '-q', 'test-compile', '-pl', 'wasm-core'], { cwd: repo, stdio: 'inherit' });
  }
  execFileSync('java', ['-Xmx1g', `-Dteavec.data=${data}`, '-cp', 'target/classes:target/test-classes',
    'dev.teavec.core.fulltext.Bm25Benchmark'], { cwd: core, stdio: 'inherit' });
  process.exit(0);
}

const { default: init, Database } = await import('../npm-package/dist/teavec.js');
await init();
const jsonl = (file) => readFileSync(join(WORDNET, file), 'utf8').trim().split('\n').map((l) => JSON.parse(l).text);
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const median = (xs) => pct(xs, 0.5);
const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
const time = async (fn) => {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
};

const glosses = jsonl('wordnet_minilm_base.jsonl');
const queries = jsonl('wordnet_minilm_query.jsonl');
const buf = readFileSync(join(WORDNET, 'wordnet_minilm_base.fvecs'));
const dim = buf.readInt32LE(0);
const db = new Database();
const c = db.createCollection({ name: 'glosses' });
for (let at = 0; at < glosses.length; at += 5000) {
  const n = Math.min(5000, glosses.length - at);
  c.add({
    ids: Array.from({ length: n }, (_, i) => String(at + i)),
    embeddings: Array.from({ length: n }, (_, i) => new Float32Array(buf.buffer, buf.byteOffset + (at + i) * (4 + 4 * dim) + 4, dim)),
    documents: glosses.slice(at, at + n),
  });
}
const without = db.toBytes();
const lines = [];
const moduleMs = await time(() => c.query({ queryTexts: 'x', mode: 'text', textAnalyzer: 'plain', nResults: 1 }));
lines.push(`first text query ever (teavec-text.wasm loaded and compiled, plain index of ${glosses.length} glosses built): ${moduleMs.toFixed(0)} ms`);
for (const textAnalyzer of ['english', 'plain']) {
  const buildMs = textAnalyzer === 'english' ? await time(() => c.query({ queryTexts: 'x', mode: 'text', textAnalyzer, nResults: 1 })) : null;
  const oneWord = [];
  const gloss = [];
  for (let i = 0; i < 300; i++) {
    oneWord.push(await time(() => c.query({ queryTexts: queries[i].split(/[ ,:;]+/)[0], mode: 'text', textAnalyzer, include: [] })));
    gloss.push(await time(() => c.query({ queryTexts: queries[i], mode: 'text', textAnalyzer, include: [] })));
  }
  lines.push(`BM25 ${textAnalyzer}${buildMs === null ? '' : ` (index built by the first query in ${buildMs.toFixed(0)} ms)`}: query k 10, ids only, `
    + `one word p50 ${median(oneWord).toFixed(2)} / p99 ${pct(oneWord, 0.99).toFixed(2)} ms; a whole gloss as the query p50 `
    + `${median(gloss).toFixed(2)} / p99 ${pct(gloss, 0.99).toFixed(2)} ms`);
}
const withText = db.toBytes();
// In-memory size: the text module's estimate for an index of the same documents.
const { loadText } = await import('../npm-package/src/text-init.js');
const text = await loadText();
const sizes = [];
for (const english of [true, false]) {
  const index = text.textIndex(english);
  glosses.forEach((g, id) => index.put(id, g));
  sizes.push(`${english ? 'english' : 'plain'} ~${kib(index.bytesEstimate())} in memory, ${kib(index.toBytes().length)} saved`);
}
lines.push(`index size: ${sizes.join('; ')}; snapshot ${kib(without.length)} without the text indexes, ${kib(withText.length)} with both`);

// Load + first text query: rebuilt from the documents (a snapshot without TEXT_INDEXES) or decoded from it.
const loadAndQuery = async (bytes) => {
  let loaded;
  const loadMs = await time(() => { loaded = Database.fromBytes(bytes); });
  const queryMs = await time(() => loaded.getCollection('glosses').query({ queryTexts: 'a tool for cutting wood', mode: 'text', include: [] }));
  loaded.free();
  return { loadMs, queryMs };
};
const rebuild = [];
const saved = [];
for (let r = 0; r < RUNS; r++) {
  rebuild.push(await loadAndQuery(without));
  saved.push(await loadAndQuery(withText));
}
const show = (runs) => `fromBytes ${median(runs.map((x) => x.loadMs)).toFixed(0)} ms + first text query `
  + `${median(runs.map((x) => x.queryMs)).toFixed(0)} ms = ${median(runs.map((x) => x.loadMs + x.queryMs)).toFixed(0)} ms`;
lines.push(`load of the 25k collection then a text query (english), median of ${RUNS}: index rebuilt from the documents: ${show(rebuild)}; `
  + `saved index decoded: ${show(saved)}`);
const cpus = os.cpus();
console.log(`# fulltext: Node ${process.version}, ${cpus[0]?.model ?? 'cpu'} × ${cpus.length}, load ${os.loadavg()[0].toFixed(1)}`);
for (const line of lines) console.log(`- ${line}`);
