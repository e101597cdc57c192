// TeaVec's engine on real data: build throughput, search latency percentiles and recall@10 at several
// ef_search, memory per vector, for float32 and SQ8. Runtime-agnostic: the Node and Chromium runners
// hand it the teavec module, loaded data sets and a clock.
const K = 10;
const EF_VALUES = [10, 20, 40, 64, 100, 200];

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

function recallAt(results, truth, q, k) {
  const expected = new Set();
  for (let i = 0; i < k; i++) expected.add(truth.data[q * truth.dim + i]);
  let hit = 0;
  for (const r of results) if (expected.has(r.id)) hit++;
  return hit / k;
}

export const VARIANTS = [
  { label: 'hnsw float32', indexType: 'hnsw', quantization: 'none', rerank: false },
  { label: 'hnsw sq8', indexType: 'hnsw', quantization: 'sq8', rerank: false },
  { label: 'hnsw sq8+rerank', indexType: 'hnsw', quantization: 'sq8', rerank: true },
];

/** Returns rows: one per (data set, variant, ef). */
export function runEngineBench({ teavec, datasets, now, log = () => {} }) {
  const { EdgeVec, EdgeVecConfig } = teavec;
  const rows = [];
  for (const ds of datasets) {
    const { base, queries, truth } = ds;
    for (const variant of VARIANTS) {
      const config = new EdgeVecConfig(base.dim);
      config.metric = ds.metric;
      config.indexType = variant.indexType;
      config.quantization = variant.quantization;
      config.rerank = variant.rerank;
      const index = new EdgeVec(config);
      const t0 = now();
      const batch = 1000;
      for (let i = 0; i < base.count; i += batch) {
        const n = Math.min(batch, base.count - i);
        index.insertBatchFlat(base.data.subarray(i * base.dim, (i + n) * base.dim), n);
      }
      const buildSeconds = (now() - t0) / 1000;
      const bytesPerVector = index.memoryUsage() / base.count;
      log(`${ds.name} ${variant.label}: built ${base.count} in ${buildSeconds.toFixed(2)} s (${index.kernels} kernels)`);
      const query = (q) => queries.data.subarray(q * queries.dim, (q + 1) * queries.dim);
      for (let q = 0; q < Math.min(50, queries.count); q++) index.search(query(q), K, { efSearch: 64 }); // warm-up
      for (const ef of EF_VALUES) {
        const times = new Float64Array(queries.count);
        let recall = 0;
        for (let q = 0; q < queries.count; q++) {
          const t = now();
          const results = index.search(query(q), K, { efSearch: ef });
          times[q] = (now() - t) * 1000;
          recall += recallAt(results, truth, q, K);
        }
        times.sort();
        rows.push({
          dataset: ds.name,
          n: base.count,
          dim: base.dim,
          variant: variant.label,
          ef,
          buildPerSecond: Math.round(base.count / buildSeconds),
          p50us: percentile(times, 0.5),
          p99us: percentile(times, 0.99),
          recall: recall / queries.count,
          bytesPerVector: Math.round(bytesPerVector),
        });
      }
    }
  }
  return rows;
}

export function formatRows(rows, runtime) {
  const lines = [`runtime: ${runtime}`,
    'dataset               variant            ef  recall@10   p50 µs   p99 µs  build vec/s  bytes/vec'];
  for (const r of rows) {
    lines.push(`${r.dataset.padEnd(21)} ${r.variant.padEnd(17)} ${String(r.ef).padStart(4)}  ${r.recall.toFixed(4).padStart(9)}`
      + ` ${r.p50us.toFixed(1).padStart(8)} ${r.p99us.toFixed(1).padStart(8)} ${String(r.buildPerSecond).padStart(12)}`
      + ` ${String(r.bytesPerVector).padStart(10)}`);
  }
  return lines.join('\n');
}
