// The database side of bench/million.mjs --database (issue #16): openDatabase on OPFS in a dedicated worker, one
// collection of the chosen encoding with rerank 'storage' (graph + codes in memory, floats re-read from OPFS for the
// candidates), built in chunks drawn from the synthetic mixture (never held whole), then a checkpoint, search per
// rerankK, close, reopen, and the same answers after the reopen.
import init from '/teavec/quantization.js';
import { openDatabase } from '/teavec/teavec.js';
import { millionData, percentile } from '/lib/million-truth.js';

const CHUNK = 10_000;
const BATCH = 1_000;
const log = (m) => self.postMessage({ log: `[million] ${m}` });

async function search(c, cfg, queries, truth, rerankK) {
  const times = [];
  let hits = 0;
  const answers = [];
  for (let round = 0; round < 2; round++) {
    for (let q = 0; q < cfg.queries; q++) {
      const query = queries.subarray(q * cfg.dims, (q + 1) * cfg.dims);
      const t = performance.now();
      const got = (await c.query({ queryEmbeddings: [query], nResults: 10, include: [], rerankK })).ids[0];
      times.push((performance.now() - t) * 1000);
      if (round === 0) {
        const want = new Set(truth.of(q));
        hits += got.filter((id) => want.has(Number(id))).length;
        answers.push(got.join(','));
      }
    }
  }
  times.sort((a, b) => a - b);
  return { rerankK, recall: hits / (cfg.queries * 10), p50: percentile(times, 0.5), p99: percentile(times, 0.99), answers };
}

self.onmessage = async ({ data: cfg }) => {
  try {
    await init();
    const options = { storage: 'opfs', durability: 'relaxed', checkpointBytes: 2 ** 40 };
    let db = await openDatabase('million', options);
    const settings = { name: 'million', quantization: cfg.quantization, rerank: 'storage', indexType: 'hnsw', metric: 'cosine',
      m: cfg.m, ef_construction: cfg.efc, ef_search: cfg.ef, seed: cfg.seed };
    if (cfg.pqSubspaces) settings.pqSubspaces = cfg.pqSubspaces;
    let c = await db.createCollection(settings);
    const data = millionData(cfg);
    const { queries, truth } = data;
    let buildMs = 0;
    let midCheckpointMs = 0;
    for (let first = 0; first < cfg.n; first += CHUNK) {
      const count = Math.min(CHUNK, cfg.n - first);
      const chunk = data.chunk(first, count, CHUNK);
      let t = performance.now();
      for (let i = 0; i < count; i += BATCH) {
        const size = Math.min(BATCH, count - i);
        const ids = Array.from({ length: size }, (_, j) => String(first + i + j));
        const embeddings = ids.map((_, j) => chunk.subarray((i + j) * cfg.dims, (i + j + 1) * cfg.dims));
        await c.add({ ids, embeddings });
      }
      buildMs += performance.now() - t;
      // Checkpoints along the way bound the floats held since the last one (each rewrites the rows file).
      if ((first + count) % cfg.checkpointEvery === 0 && first + count < cfg.n) {
        t = performance.now();
        await db.checkpoint();
        midCheckpointMs += performance.now() - t;
      }
      if ((first / CHUNK) % 10 === 0) {
        log(`${first + count} added, ${Math.round((first + count) / (buildMs / 1000))} vectors/s, `
          + `${((await c.memoryUsage()) / (first + count)).toFixed(0)} bytes/vector (floats since the checkpoint included)`);
      }
    }
    let t = performance.now();
    await db.checkpoint();
    const checkpointMs = performance.now() - t;
    const memoryBytes = await c.memoryUsage();
    log(`checkpoint ${(checkpointMs / 1000).toFixed(1)} s, ${(memoryBytes / cfg.n).toFixed(0)} bytes/vector`);
    const rows = [];
    for (const rerankK of cfg.rerankKs) {
      rows.push(await search(c, cfg, queries, truth, rerankK));
      log(`rerankK ${rerankK}: recall ${rows.at(-1).recall.toFixed(3)}, p50 ${rows.at(-1).p50.toFixed(0)} µs`);
    }
    t = performance.now();
    await db.close();
    const closeMs = performance.now() - t;
    t = performance.now();
    db = await openDatabase('million', options);
    c = db.getCollection('million');
    const reopenMs = performance.now() - t;
    const reopenedBytes = await c.memoryUsage();
    const again = await search(c, { ...cfg, queries: Math.min(cfg.queries, 20) }, queries, truth, cfg.rerankKs[0]);
    const sameAfterReopen = again.answers.every((a, i) => a === rows[0].answers[i]);
    await db.close();
    for (const r of rows) delete r.answers;
    self.postMessage({ buildMs, otherMs: data.drawMs, midCheckpointMs, checkpointMs, memoryBytes, bytesPerVector: memoryBytes / cfg.n, rows, closeMs, reopenMs,
      reopenedBytesPerVector: reopenedBytes / cfg.n, sameAfterReopen });
  } catch (e) {
    self.postMessage({ error: `${e?.code ?? ''} ${e?.stack ?? e}` });
  }
};
