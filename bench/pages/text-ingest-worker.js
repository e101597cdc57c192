// bench/text-browser.mjs in a module Worker: all-MiniLM-L6-v2 int8 through teavec/embeddings (transformers.js
// and onnxruntime-web served locally), a persistent collection (openDatabase, OPFS or IndexedDB) built from N
// WordNet glosses, then single text queries; the time inside the model is counted apart from the rest.
import init, { openDatabase } from '/teavec/teavec.js';
import { DefaultEmbeddingFunction } from '/teavec/embeddings.js';

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

async function lines(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.text()).trim().split('\n').map((l) => JSON.parse(l).text);
}

/** The function with the time spent inside it counted (the rest of an add is indexing and logging). */
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

async function run({ n, queries, batch, storage }) {
  const [glosses, queryTexts] = await Promise.all([
    lines('/wordnet/wordnet_minilm_base.jsonl'), lines('/wordnet/wordnet_minilm_query.jsonl'), init()]);
  const ef = new DefaultEmbeddingFunction({
    model: 'all-MiniLM-L6-v2-onnx-q8',
    localModelPath: '/models/',
    transformers: import('/transformers/transformers.js'),
    wasmPaths: new URL('/ort/', self.location.href).href,
    device: 'wasm',
  });
  const l0 = performance.now();
  await ef.load();
  const modelLoadMs = performance.now() - l0;
  const { t, fn } = timed(ef);
  const name = `text-bench-${Date.now()}`;
  const db = await openDatabase(name, { storage });
  const notes = await db.createCollection({ name: 'notes', embeddingFunction: fn });
  let longestGap = 0;
  const t0 = performance.now();
  let last = t0;
  await notes.add({
    ids: glosses.slice(0, n).map((_, i) => `g${i}`), documents: glosses.slice(0, n), embeddingBatchSize: batch,
    onProgress: (done, total) => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
      if (done % (batch * 20) === 0 || done === total) self.postMessage({ progress: `${done}/${total} ${((now - t0) / 1000).toFixed(0)} s` });
    },
  });
  const ingestMs = performance.now() - t0;
  const embedMs = t.ms;
  const total = [];
  const embedOnly = [];
  for (const q of queryTexts.slice(0, queries)) {
    const before = t.ms;
    const q0 = performance.now();
    await notes.query({ queryTexts: [q], nResults: 10 });
    total.push(performance.now() - q0);
    embedOnly.push(t.ms - before);
  }
  const search = total.map((ms, i) => ms - embedOnly[i]);
  // Text and hybrid modes on the same collection: the first text query builds the BM25 index.
  const b0 = performance.now();
  await notes.query({ queryTexts: ['warm up'], mode: 'text' });
  const bm25BuildMs = performance.now() - b0;
  const hybrid = [];
  for (const q of queryTexts.slice(0, queries)) {
    const q0 = performance.now();
    await notes.query({ queryTexts: [q], nResults: 10, mode: 'hybrid', include: [] });
    hybrid.push(performance.now() - q0);
  }
  const c0 = performance.now();
  await db.checkpoint();
  const checkpointMs = performance.now() - c0;
  await db.close();
  const r0 = performance.now();
  const again = await openDatabase(name, { storage });
  const reopenMs = performance.now() - r0;
  const f0 = performance.now();
  await again.getCollection({ name: 'notes', embeddingFunction: fn }).query({ queryTexts: ['saw'], mode: 'text', include: [] });
  const firstTextQueryAfterReopenMs = performance.now() - f0;
  await again.close();
  return {
    n, batch, storage, modelLoadMs, ingestMs, embedMs, longestGap, queries,
    queryP50: pct(total, 0.5), queryP99: pct(total, 0.99), embedP50: pct(embedOnly, 0.5), searchP50: pct(search, 0.5),
    bm25BuildMs, hybridP50: pct(hybrid, 0.5), checkpointMs, reopenMs, firstTextQueryAfterReopenMs,
    isolated: globalThis.crossOriginIsolated, cores: navigator.hardwareConcurrency,
  };
}

self.onmessage = async (e) => {
  try {
    self.postMessage(await run(e.data));
  } catch (err) {
    self.postMessage({ error: String(err?.stack ?? err), code: err?.code });
  }
};
