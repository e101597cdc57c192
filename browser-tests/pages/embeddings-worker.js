// In a Worker: DefaultEmbeddingFunction over transformers.js (served by the test, not a CDN; onnxruntime-web's
// wasm from /ort/), the int8 all-MiniLM-L6-v2 from /models/, the shared WordNet vectors from /wordnet/, and
// a flat TeaVec index of them; then a collection built from gloss texts with that function, queried by text in
// the three modes (the embedding chunk and teavec-text.wasm load on first use, under the page's CSP).
import init, { EdgeVec, EdgeVecConfig, Database } from '/teavec/teavec.js';
import { DefaultEmbeddingFunction } from '/teavec/embeddings.js';

async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function run({ query, sample }) {
  const inWorker = typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope;
  const events = [];
  const ef = new DefaultEmbeddingFunction({
    model: 'all-MiniLM-L6-v2-onnx-q8',
    localModelPath: '/models/',
    transformers: import('/transformers/transformers.js'),
    wasmPaths: new URL('/ort/', self.location.href).href,
    device: 'wasm',
    onProgress: (e) => events.push(e.status),
  });
  const [texts, bytes] = await Promise.all([
    fetch('/wordnet/wordnet_minilm_base.jsonl').then((r) => r.text()),
    fetchBytes('/wordnet/wordnet_minilm_base.fvecs'),
    init(),
  ]);
  const glosses = texts.trim().split('\n').map((line) => JSON.parse(line).text);
  const view = new DataView(bytes.buffer);
  const dims = view.getInt32(0, true);
  const stride = 4 + 4 * dims;
  const shared = (row) => new Float32Array(bytes.buffer.slice(row * stride + 4, (row + 1) * stride));

  const tLoad = performance.now();
  await ef.load();
  const loadMs = performance.now() - tLoad;
  const t0 = performance.now();
  const mine = await ef.generate(glosses.slice(0, sample));
  const msPerText = (performance.now() - t0) / sample;
  const cosines = mine.map((v, i) => shared(i).reduce((s, x, j) => s + x * v[j], 0));

  const config = new EdgeVecConfig(dims);
  config.metric = 'cosine';
  config.indexType = 'flat';
  const index = new EdgeVec(config);
  for (let row = 0; row < glosses.length; row++) index.insert(shared(row));
  const [q] = await ef.generateForQueries([query]);
  const top5 = index.search(Float32Array.from(q), 5).map((r) => glosses[r.id]);

  // Text in, text out: the tool glosses among the first ones, embedded by the collection.
  const tools = glosses.map((t, i) => (/^(adz|[^:]*\bsaw\b)/.test(t.split(':')[0]) ? i : -1)).filter((i) => i >= 0);
  const rows = [...tools.slice(0, 6), ...glosses.slice(0, sample).map((_, i) => i)];
  const notes = new Database().createCollection({ name: 'glosses', embeddingFunction: ef });
  const progress = [];
  await notes.add({ ids: rows.map(String), documents: rows.map((i) => glosses[i]), embeddingBatchSize: 8,
    onProgress: (done, total) => progress.push(`${done}/${total}`) });
  const firstOf = (result) => result.rows()[0].map((row) => row.document);
  const collection = {
    progress,
    vector: firstOf(await notes.query({ queryTexts: [query], nResults: 5 })),
    hybrid: firstOf(await notes.query({ queryTexts: [query], nResults: 5, mode: 'hybrid' })),
    text: firstOf(await notes.query({ queryTexts: ['adze'], nResults: 1, mode: 'text' })),
    filtered: firstOf(await notes.query({ queryTexts: [query], nResults: 5, whereDocument: { $not_contains: 'adz' } })),
  };
  return { inWorker, events, dims: mine[0].length, cosines, loadMs, msPerText, top5, collection };
}

self.onmessage = async (e) => {
  try {
    self.postMessage(await run(e.data));
  } catch (err) {
    self.postMessage({ error: String(err?.stack ?? err), code: err?.code });
  }
};
