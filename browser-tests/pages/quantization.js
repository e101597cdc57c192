// teavec/quantization's engine in a real browser: each extended encoding built, searched against a brute-force
// oracle, round-tripped through a snapshot and through IndexedDB. Reports through window.__result.
import init from '/teavec/quantization.js';
import { EdgeVec, EdgeVecConfig, simdBackend } from '/teavec/teavec.js';
import { rng } from '/npm-test/random.js';

const DIM = 48;
const COUNT = 1500;
// Re-ranking depth per encoding at this small dimension (see npm-package/test/quantization.test.mjs).
const OPTIONS = { float16: { efSearch: 100 }, sq4: { efSearch: 100 }, binary: { efSearch: 100, rerankK: 600 }, pq: { efSearch: 100, rerankK: 300 } };

function vectors(random, count) {
  const centres = Array.from({ length: 30 }, () => Float32Array.from({ length: DIM }, () => random() * 2 - 1));
  return Array.from({ length: count }, () => {
    const c = centres[Math.floor(random() * centres.length)];
    return Float32Array.from(c, (x) => x + (random() - 0.5) * 0.6);
  });
}

const l2 = (a, b) => a.reduce((s, x, i) => s + (x - b[i]) ** 2, 0);

async function run() {
  const seed = Number(new URLSearchParams(location.search).get('seed'));
  await init();
  const random = rng(seed);
  const data = vectors(random, COUNT);
  const queries = vectors(random, 20);
  const truth = queries.map((q) => new Set(data.map((v, id) => [id, l2(v, q)]).sort((x, y) => x[1] - y[1]).slice(0, 10).map((p) => p[0])));
  const out = { kernels: simdBackend(), encodings: {} };
  for (const quantization of Object.keys(OPTIONS)) {
    const config = new EdgeVecConfig(DIM);
    Object.assign(config, { metric: 'l2', quantization, rerank: true, seed: 9 });
    const index = new EdgeVec(config);
    for (const v of data) index.insert(v);
    let hits = 0;
    const answers = queries.map((q, i) => {
      const found = index.search(q, 10, OPTIONS[quantization]);
      for (const r of found) if (truth[i].has(r.id)) hits++;
      return found;
    });
    const copy = EdgeVec.fromBytes(index.toBytes());
    const sameFromBytes = queries.every((q, i) => JSON.stringify(copy.search(q, 10, OPTIONS[quantization])) === JSON.stringify(answers[i]));
    await index.save(`quantization-${quantization}`);
    const loaded = await EdgeVec.load(`quantization-${quantization}`);
    const sameFromIdb = queries.every((q, i) => JSON.stringify(loaded.search(q, 10, OPTIONS[quantization])) === JSON.stringify(answers[i]));
    out.encodings[quantization] = { recall: hits / (queries.length * 10), sameFromBytes, sameFromIdb };
    for (const x of [index, copy, loaded]) x.free();
  }
  return out;
}

window.__result = run().catch((e) => ({ error: String(e && e.stack || e) }));
