// The page of bench/million.mjs: builds n × dims in chunks drawn from the synthetic mixture (never holding the whole
// set), keeps the exact top-10 of the queries as chunks pass, then measures search and the snapshot round trip.
import { millionData, percentile } from '/lib/million-truth.js';

const CHUNK = 10_000;
const EXTENDED = ['float16', 'sq4', 'binary', 'pq'];
const log = (m) => console.log(`[million] ${m}`);

window.runMillion = async (cfg) => {
  try {
    const teavec = await import('/teavec/teavec.js');
    if (EXTENDED.includes(cfg.quantization)) await (await import('/teavec/quantization.js')).default();
    else await teavec.default();
    const config = new teavec.EdgeVecConfig(cfg.dims);
    Object.assign(config, { metric: 'cosine', indexType: 'hnsw', quantization: cfg.quantization, rerank: cfg.rerank,
      m: cfg.m, ef_construction: cfg.efc, seed: cfg.seed });
    if (cfg.pqSubspaces) config.pqSubspaces = cfg.pqSubspaces;
    const index = new teavec.EdgeVec(config);
    const data = millionData(cfg);
    const { queries, truth } = data;
    let buildMs = 0;
    const ids = new Int32Array(cfg.n);
    for (let first = 0; first < cfg.n; first += CHUNK) {
      const count = Math.min(CHUNK, cfg.n - first);
      const chunk = data.chunk(first, count, CHUNK);
      const t = performance.now();
      ids.set(index.insertBatchFlat(chunk, count), first);
      buildMs += performance.now() - t;
      if ((first / CHUNK) % 10 === 0) log(`${first + count} inserted, ${Math.round((first + count) / (buildMs / 1000))} vectors/s`);
    }
    const memoryBytes = index.memoryUsage();
    const rows = [];
    for (const ef of cfg.efs) {
      const times = [];
      let hits = 0;
      // Queries by how many of their true top-10 were found: a walk stuck in the wrong region finds none.
      const byHits = new Array(11).fill(0);
      for (let round = 0; round < 3; round++) {
        for (let q = 0; q < cfg.queries; q++) {
          const query = queries.subarray(q * cfg.dims, (q + 1) * cfg.dims);
          const t = performance.now();
          const found = index.search(query, 10, { efSearch: ef });
          times.push((performance.now() - t) * 1000);
          if (round === 0) {
            const want = new Set(truth.of(q));
            const h = found.filter((r) => want.has(ids[r.id])).length;
            hits += h;
            byHits[h]++;
          }
        }
      }
      times.sort((a, b) => a - b);
      rows.push({ ef, recall: hits / (cfg.queries * 10), p50: percentile(times, 0.5), p99: percentile(times, 0.99) });
      log(`ef ${ef}: recall ${rows.at(-1).recall.toFixed(3)}, p50 ${rows.at(-1).p50.toFixed(0)} µs; queries by hits 0..10: ${byHits.join(' ')}`);
    }
    let t = performance.now();
    const bytes = index.toBytes();
    const toBytesMs = performance.now() - t;
    const before = [];
    for (let q = 0; q < 20; q++) before.push(index.search(queries.subarray(q * cfg.dims, (q + 1) * cfg.dims), 10));
    index.free();
    t = performance.now();
    const copy = teavec.EdgeVec.fromBytes(bytes);
    const fromBytesMs = performance.now() - t;
    let same = true;
    for (let q = 0; q < 20; q++) {
      const after = copy.search(queries.subarray(q * cfg.dims, (q + 1) * cfg.dims), 10);
      same &&= JSON.stringify(after) === JSON.stringify(before[q]);
    }
    copy.free();
    return {
      kernels: teavec.simdBackend(), buildMs, otherMs: data.drawMs, memoryBytes, bytesPerVector: memoryBytes / cfg.n,
      jsHeapMB: performance.memory ? Math.round(performance.memory.usedJSHeapSize / 1048576) : null,
      rows, snapshotBytes: bytes.length, toBytesMs, fromBytesMs, sameAfterReload: same,
    };
  } catch (e) {
    return { error: `${e?.code ?? ''} ${e?.stack ?? e}` };
  }
};
window.benchReady = true;
