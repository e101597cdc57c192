// The engine-level figures of bench/browsers.mjs, measured inside one page of one browser engine: inserts of n
// seeded vectors one by one into a fresh HNSW index, `runs` times (the first run in a fresh page is the cold one:
// the engine has not optimised the Wasm yet; the fastest later run is the warm one), search p50, toBytes/fromBytes,
// and IndexedDB save/load. Reports through window.bench.run.
import init, { EdgeVec, EdgeVecConfig, simdBackend } from '/teavec/teavec.js';
import { createRandom } from '/lib/synthetic.js';

function vectors(seed, count, dims) {
  const { next } = createRandom(seed);
  return Array.from({ length: count }, () => Float32Array.from({ length: dims }, () => next() * 2 - 1));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function sha256(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function build(data, dims) {
  const index = new EdgeVec(new EdgeVecConfig(dims));
  const started = performance.now();
  for (const v of data) index.insert(v);
  return { index, ms: performance.now() - started };
}

window.bench = {
  async run({ n, dims, runs, queries, simd, seed }) {
    await init({ simd });
    const data = vectors(seed, n, dims);
    const insertMs = [];
    let index;
    for (let r = 0; r < runs; r++) {
      index?.free();
      ({ index, ms: insertMs[r] } = build(data, dims));
    }
    const qs = vectors(seed + 1, queries, dims);
    for (const q of qs.slice(0, 20)) index.search(q, 10); // warm-up
    const searchUs = qs.map((q) => {
      const started = performance.now();
      index.search(q, 10);
      return (performance.now() - started) * 1000;
    });
    let started = performance.now();
    const bytes = index.toBytes();
    const toBytesMs = performance.now() - started;
    started = performance.now();
    EdgeVec.fromBytes(bytes).free();
    const fromBytesMs = performance.now() - started;
    const name = `bench-browsers-${simd ? 'simd' : 'scalar'}`;
    started = performance.now();
    await index.save(name);
    const saveMs = performance.now() - started;
    started = performance.now();
    const loaded = await EdgeVec.load(name);
    const loadMs = performance.now() - started;
    const sameAfterLoad = qs.slice(0, 20).every((q) => JSON.stringify(loaded.search(q, 10)) === JSON.stringify(index.search(q, 10)));
    return {
      kernels: simdBackend(),
      isolated: globalThis.crossOriginIsolated === true,
      coldMs: insertMs[0],
      warmMs: runs > 1 ? Math.min(...insertMs.slice(1)) : null,
      insertMs,
      searchP50Us: median(searchUs),
      toBytesMs,
      fromBytesMs,
      saveMs,
      loadMs,
      sameAfterLoad,
      snapshotBytes: bytes.length,
      snapshotSha256: await sha256(bytes),
    };
  },
};
