// rerank: 'storage' against rerank: true (floats in memory), Node 'file' database (issue #16; not a test, prints
// figures): for each encoding, a collection built from the seeded clustered set, checkpointed, then bytes/vector
// (PersistentCollection#memoryUsage: index + rows kept in memory), query p50/p99 and recall@10 against the exact top 10.
//   node bench/rerank-storage.mjs [--n 10000] [--dims 384] [--quantization binary,pq] [--queries 200] [--ef 100]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import init from '../npm-package/dist/quantization.js';
import { openDatabase } from '../npm-package/dist/teavec.js';
import { clusteredDataset } from './lib/synthetic.js';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const n = Number(arg('--n', '10000'));
const dim = Number(arg('--dims', '384'));
const encodings = arg('--quantization', 'binary,pq').split(',');
const queryCount = Number(arg('--queries', '200'));
const ef = Number(arg('--ef', '100'));

await init();
const set = clusteredDataset({ n, dim, queries: queryCount, seed: 7 });
const row = (data, i) => data.data.subarray(i * dim, (i + 1) * dim);
const embeddings = Array.from({ length: n }, (_, i) => row(set.base, i));
const ids = embeddings.map((_, i) => String(i));
const queries = Array.from({ length: queryCount }, (_, i) => row(set.queries, i));

const dir = mkdtempSync(join(tmpdir(), 'teavec-bench-rerank-'));
const db = await openDatabase(join(dir, 'db'), { storage: 'file', checkpointBytes: 1 << 30, durability: 'relaxed' });
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
console.log(`rerank storage bench: ${n} × ${dim}, ${queryCount} queries, ef_search ${ef}, Node ${process.version}, `
  + `load ${(await import('node:os')).loadavg()[0].toFixed(1)} (shared 2-core box)`);
console.log('| encoding | rerank | bytes/vector | build s | p50 µs | p99 µs | recall@10 |');
console.log('|---|---|---|---|---|---|---|');
for (const quantization of encodings) {
  for (const rerank of [true, 'storage']) {
    const name = `${quantization}-${rerank}`;
    const c = await db.createCollection({ name, quantization, rerank, indexType: 'hnsw', metric: 'cosine', ef_search: ef, seed: 7 });
    const t0 = performance.now();
    for (let i = 0; i < n; i += 1000) await c.add({ ids: ids.slice(i, i + 1000), embeddings: embeddings.slice(i, i + 1000) });
    const buildS = (performance.now() - t0) / 1000;
    await db.checkpoint();
    const bytes = c.memoryUsage() / n;
    for (const q of queries.slice(0, 20)) c.query({ queryEmbeddings: [q], nResults: 10, include: [] });
    const times = [];
    let hits = 0;
    queries.forEach((q, qi) => {
      const s = performance.now();
      const got = c.query({ queryEmbeddings: [q], nResults: 10, include: [] }).ids[0];
      times.push((performance.now() - s) * 1000);
      const truth = new Set(Array.from(set.truth.data.subarray(qi * 10, qi * 10 + 10), String));
      hits += got.filter((id) => truth.has(id)).length;
    });
    times.sort((a, b) => a - b);
    console.log(`| ${quantization} | ${rerank} | ${bytes.toFixed(0)} | ${buildS.toFixed(1)} | ${quantile(times, 0.5).toFixed(0)} `
      + `| ${quantile(times, 0.99).toFixed(0)} | ${(hits / (queryCount * 10)).toFixed(3)} |`);
    await db.deleteCollection(name);
  }
}
await db.close();
rmSync(dir, { recursive: true, force: true });
