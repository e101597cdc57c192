// rerank: true against rerank: 'storage' in one database opened by name (issue #16), runtime-agnostic: Node
// (bench/rerank-storage.mjs, storage 'file') and a Chromium dedicated worker (bench/pages/rerank-storage-worker.js,
// storage 'opfs'). Per encoding and tier: bytes/vector after a checkpoint (memoryUsage), build s, query p50/p99,
// recall@10 against the exact top 10 of the seeded clustered set.
import { clusteredDataset } from './synthetic.js';

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

export async function runRerankStorage(openDatabase, { name, storage, n, dim, encodings, queryCount, ef, rerankK }) {
  const set = clusteredDataset({ n, dim, queries: queryCount, seed: 7 });
  const row = (data, i) => data.data.subarray(i * dim, (i + 1) * dim);
  const embeddings = Array.from({ length: n }, (_, i) => row(set.base, i));
  const ids = embeddings.map((_, i) => String(i));
  const queries = Array.from({ length: queryCount }, (_, i) => row(set.queries, i));
  const db = await openDatabase(name, { storage, checkpointBytes: 2 ** 40, durability: 'relaxed' });
  const rows = [];
  try {
    for (const quantization of encodings) {
      for (const rerank of [true, 'storage']) {
        const cname = `${quantization}-${rerank}`;
        const c = await db.createCollection({ name: cname, quantization, rerank, indexType: 'hnsw', metric: 'cosine', ef_search: ef, seed: 7 });
        const t0 = performance.now();
        for (let i = 0; i < n; i += 1000) await c.add({ ids: ids.slice(i, i + 1000), embeddings: embeddings.slice(i, i + 1000) });
        const buildS = (performance.now() - t0) / 1000;
        await db.checkpoint();
        const bytes = (await c.memoryUsage()) / n;
        const opts = { nResults: 10, include: [], rerankK };
        for (const q of queries.slice(0, 20)) await c.query({ ...opts, queryEmbeddings: [q] });
        const times = [];
        let hits = 0;
        for (let qi = 0; qi < queryCount; qi++) {
          const s = performance.now();
          const got = (await c.query({ ...opts, queryEmbeddings: [queries[qi]] })).ids[0];
          times.push((performance.now() - s) * 1000);
          const truth = new Set(Array.from(set.truth.data.subarray(qi * 10, qi * 10 + 10), String));
          hits += got.filter((id) => truth.has(id)).length;
        }
        times.sort((a, b) => a - b);
        rows.push({ quantization, rerank, bytes, buildS, p50: quantile(times, 0.5), p99: quantile(times, 0.99), recall: hits / (queryCount * 10) });
        await db.deleteCollection(cname);
      }
    }
  } finally {
    await db.close();
  }
  return rows;
}

export function rerankStorageTable(rows) {
  return ['| encoding | rerank | bytes/vector | build s | p50 µs | p99 µs | recall@10 |', '|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.quantization} | ${r.rerank} | ${r.bytes.toFixed(0)} | ${r.buildS.toFixed(1)} | ${r.p50.toFixed(0)} `
      + `| ${r.p99.toFixed(0)} | ${r.recall.toFixed(3)} |`)].join('\n');
}
