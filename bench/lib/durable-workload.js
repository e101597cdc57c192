// What bench/durable-write.mjs times, for Node and for the browser pages alike (plain ES module, no imports: the
// caller hands in TeaVec's openDatabase and PGlite): one durable upsert of a note (384-d float32 vector + small
// metadata) into TeaVec and into PGlite + pgvector, and the build and reopen of a large database.

/** Note i: a deterministic 384-d vector and small metadata. */
export function note(i, dims = 384) {
  const vector = new Float32Array(dims);
  for (let d = 0; d < dims; d++) vector[d] = Math.sin(i * 31 + d);
  return { id: `note-${i}`, vector, metadata: { title: `note ${i}`, tag: 'bench', at: 1700000000000 + i } };
}

/**
 * A TeaVec database with one collection; upsert(i) resolves once note i is durable. `prefill`: records stored
 * first (batches of 1,000, then a checkpoint), so that the timed upserts go into an HNSW graph of that size
 * (the auto index is flat below 2,000 vectors: there a write has no graph insertion to defer).
 */
export async function teavecNotes(openDatabase, name, options, prefill = 0) {
  const db = await openDatabase(name, options);
  const notes = await db.getOrCreateCollection({ name: 'notes', metric: 'cosine', dimensions: 384 });
  for (let at = notes.count(); at < prefill; at += 1000) {
    const batch = Array.from({ length: Math.min(1000, prefill - at) }, (_, i) => note(1_000_000 + at + i));
    await notes.upsert({ ids: batch.map((n) => n.id), embeddings: batch.map((n) => n.vector), metadatas: batch.map((n) => n.metadata) });
  }
  if (prefill > 0) await db.checkpoint();
  return {
    db,
    upsert: (i) => {
      const n = note(i);
      return notes.upsert({ ids: [n.id], embeddings: [n.vector], metadatas: [n.metadata] });
    },
    close: () => db.close(),
  };
}

/** PGlite + pgvector at `dataDir` (a directory, idb://name or opfs-ahp://name); upsert(i) is one INSERT … ON CONFLICT. */
export async function pgliteNotes(PGlite, vector, dataDir) {
  const t = performance.now();
  const pg = await PGlite.create(dataDir, { extensions: { vector } });
  await pg.exec('CREATE EXTENSION IF NOT EXISTS vector; '
    + 'CREATE TABLE IF NOT EXISTS notes (id text PRIMARY KEY, embedding vector(384), metadata jsonb)');
  const createMs = performance.now() - t;
  return {
    pg,
    createMs,
    upsert: (i) => {
      const n = note(i);
      return pg.query('INSERT INTO notes (id, embedding, metadata) VALUES ($1, $2, $3) '
        + 'ON CONFLICT (id) DO UPDATE SET embedding = EXCLUDED.embedding, metadata = EXCLUDED.metadata',
      [n.id, `[${Array.from(n.vector).join(',')}]`, n.metadata]);
    },
    close: () => pg.close(),
  };
}

/**
 * Milliseconds of `n` awaited calls of each of `fns` after `warm` unmeasured ones, interleaved call by call;
 * `limits[f]`: fns[f] takes part in its first that many measured rounds only (a slow contender).
 */
export async function interleavedCalls(n, warm, fns, between = async () => {}, limits = []) {
  const ms = fns.map(() => []);
  for (let i = -warm; i < n; i++) {
    for (let f = 0; f < fns.length; f++) {
      if (i >= (limits[f] ?? n)) continue;
      await between(f, 'before');
      const t = performance.now();
      await fns[f](i);
      if (i >= 0) ms[f].push(performance.now() - t);
      await between(f, 'after', i >= 0);
    }
  }
  return ms;
}

/**
 * Sustained writes with the deferred CPU counted: `n` awaited upserts back to back from note `from` on, then the
 * wait until every graph link they left is made (idle slices; db.stats.pendingLinks reaches 0). Milliseconds.
 */
export async function sustainedUpserts(teavec, from, n) {
  const t = performance.now();
  for (let i = 0; i < n; i++) await teavec.upsert(from + i);
  const writesMs = performance.now() - t;
  const pendingAfterWrites = teavec.db.stats.pendingLinks ?? 0;
  while ((teavec.db.stats.pendingLinks ?? 0) > 0) await new Promise((resolve) => setTimeout(resolve, 1));
  return { n, writesMs, totalMs: performance.now() - t, pendingAfterWrites };
}

// Large enough that the build below never checkpoints by itself: explicit checkpoints only.
const NO_AUTO_CHECKPOINT = 2 ** 40;

function seeded(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const randomVectors = (random, count, dims) => Array.from({ length: count }, () => new Float32Array(dims).map(() => random() * 2 - 1));

/** `tail` durable single upserts of random existing ids (vector + metadata), each awaited. */
async function upsertTail(col, random, n, dims, tail) {
  for (let i = 0; i < tail; i++) {
    await col.upsert({ ids: [`v${Math.floor(random() * n)}`], embeddings: randomVectors(random, 1, dims), metadatas: [{ k: -1, tail: i }] });
  }
}

/**
 * Builds database `name`: n random dims-d vectors (seeded) added in durable batches of 1,000 into a collection of
 * `quantization` ('none' | 'sq8'), the first checkpoint, then `tail` single upserts left in the log. A first
 * checkpoint keeps the whole log before it (its fallback). Returns the milliseconds of each step.
 */
export async function buildForReopen(openDatabase, name, options, { n, dims, quantization, tail, seed = 7 }) {
  const db = await openDatabase(name, { ...options, checkpointBytes: NO_AUTO_CHECKPOINT });
  const col = await db.createCollection({ name: 'vectors', metric: 'cosine', dimensions: dims, quantization, ef_construction: 16 });
  const random = seeded(seed);
  const times = {};
  let t = performance.now();
  for (let at = 0; at < n; at += 1000) {
    const count = Math.min(1000, n - at);
    await col.add({ ids: Array.from({ length: count }, (_, i) => `v${at + i}`), embeddings: randomVectors(random, count, dims),
      metadatas: Array.from({ length: count }, (_, i) => ({ k: (at + i) % 10 })) });
  }
  times.addMs = performance.now() - t;
  t = performance.now();
  await db.checkpoint();
  times.checkpointMs = performance.now() - t;
  t = performance.now();
  await upsertTail(col, random, n, dims, tail);
  times.tailMs = performance.now() - t;
  await db.close();
  return times;
}

/**
 * Opens what buildForReopen built, takes a second checkpoint (which removes the log both checkpoints hold:
 * the bulk adds) and writes a new tail of `tail` upserts: the steady state of a database that checkpoints.
 */
export async function secondCheckpoint(openDatabase, name, options, { n, dims, tail, seed = 8 }) {
  const db = await openDatabase(name, { ...options, checkpointBytes: NO_AUTO_CHECKPOINT });
  const t = performance.now();
  await db.checkpoint();
  const checkpointMs = performance.now() - t;
  await upsertTail(db.getCollection('vectors'), seeded(seed), n, dims, tail);
  await db.close();
  return { checkpointMs };
}

/**
 * Milliseconds until openDatabase(name) resolved (the log module loaded beforehand, by opening a memory
 * database: `moduleMs`), and what it recovered.
 */
export async function timeReopen(openDatabase, name, options) {
  let t = performance.now();
  await (await openDatabase('bench-warm-up', { storage: 'memory' })).close();
  const moduleMs = performance.now() - t;
  t = performance.now();
  const db = await openDatabase(name, { ...options, checkpointBytes: NO_AUTO_CHECKPOINT });
  const ms = performance.now() - t;
  const col = db.getCollection('vectors');
  const out = { ms, moduleMs, count: col.count(), recovery: { checkpointSeq: db.recovery.checkpointSeq, lastSeq: db.recovery.lastSeq,
    dropped: db.recovery.dropped.length } };
  const q = col.peek({ limit: 1 }).embeddings[0];
  out.queryOk = col.query({ queryEmbeddings: [q], nResults: 1 }).ids[0].length === 1;
  await db.close();
  return out;
}
