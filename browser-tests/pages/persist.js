// Exposes the built bundle to the persistence test, which drives it with page.evaluate: build, save,
// reload the page, load, and compare answers (browser-tests/test/persistence.test.mjs).
import init, * as teavec from '/teavec/teavec.js';
import { rng } from '/npm-test/random.js';

/** Deterministic vectors: the same seed gives the same data before and after a reload. */
function vectors(seed, count, dims) {
  const random = rng(seed);
  return Array.from({ length: count }, () => Float32Array.from({ length: dims }, () => random() * 2 - 1));
}

/** Builds an index with metadata, string ids, updates and deletes. */
function build({ seed, count, dims, quantization }) {
  const config = new teavec.EdgeVecConfig(dims);
  config.indexType = 'hnsw';
  config.quantization = quantization;
  const index = new teavec.EdgeVec(config);
  vectors(seed, count, dims).forEach((v, i) => {
    if (i % 10 === 0) index.upsert(`doc-${i}`, v, { cat: i % 5, tag: `t${i % 7}` });
    else index.insertWithMetadata(v, { cat: i % 5, tag: `t${i % 7}`, even: i % 2 === 0 });
  });
  const updates = vectors(seed + 1, 20, dims);
  updates.forEach((v, i) => index.upsert(`doc-${i * 10}`, v, { cat: 9, tag: 'updated' }));
  for (let id = 3; id < count; id += 10) index.softDelete(id);
  return index;
}

/** Everything the test compares before and after the round trip. */
function answers(index, { seed, dims, queries }) {
  const qs = vectors(seed + 2, queries, dims);
  return {
    live: index.liveCount(),
    deleted: index.deletedCount(),
    search: qs.map((q) => index.search(q, 10)),
    filtered: qs.slice(0, 100).map((q) => index.searchWithFilter(q, 'cat = 2 AND tag != "t3"', 10)),
    metadata: [1, 2, 5, 11, 3].map((id) => index.getAllMetadata(id) ?? null),
    keys: ['doc-0', 'doc-10', 'doc-990', 'nope'].map((key) => index.idOf(key) ?? null),
    stored: index.get('doc-10')?.metadata ?? null,
  };
}

window.persist = {
  async saveFresh(name, spec) {
    const index = build(spec);
    const progress = [];
    const saved = await index.save(name, { onProgress: (done, total) => progress.push([done, total]) });
    return { saved, progress, answers: answers(index, spec) };
  },
  async loadAndAnswer(name, spec) {
    const progress = [];
    const index = await teavec.EdgeVec.load(name, { onProgress: (done, total) => progress.push([done, total]) });
    return { progress, answers: answers(index, spec) };
  },
  async loadMissing(name) {
    try {
      await teavec.EdgeVec.load(name);
      return 'loaded';
    } catch (e) {
      return e.code;
    }
  },
};

await init();
window.ready = true;
