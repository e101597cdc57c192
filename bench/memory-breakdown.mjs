// Checks that memoryUsage() counts what a database collection really holds (issue #16; not a test, prints figures):
// builds n × dims of the seeded clustered set in a Node file database with rerank 'storage', checkpoints, and
// compares memoryUsage() with what the process gained (V8 heap, where Wasm GC objects live, plus array buffers and
// Wasm linear memory), both after a full GC. Run with --expose-gc.
//   node --expose-gc bench/memory-breakdown.mjs [--n 50000] [--dims 384] [--quantization binary] [--keys decimal|uuid] [--dist dir] [--snapshot]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { clusteredDataset } from './lib/synthetic.js';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : dflt;
};
const n = Number(arg('--n', '50000'));
const dim = Number(arg('--dims', '384'));
const quantization = arg('--quantization', 'binary');
const keyKind = arg('--keys', 'decimal');
if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');

// The engines' linear memories, to tell their size apart from other external memory (a Memory only grows).
const memories = [];
const NativeMemory = WebAssembly.Memory;
WebAssembly.Memory = function Memory(descriptor) {
  const memory = new NativeMemory(descriptor);
  memories.push(memory);
  return memory;
};
WebAssembly.Memory.prototype = NativeMemory.prototype;
// --dist: another build of the package (e.g. a copy of npm-package/dist from before a change), for before/after.
const dist = arg('--dist') ? pathToFileURL(`${resolve(arg('--dist'))}/`).href : new URL('../npm-package/dist/', import.meta.url).href;
const { default: init } = await import(`${dist}quantization.js`);
const { openDatabase } = await import(`${dist}teavec.js`);
await init();
const queryCount = Number(arg('--queries', '200'));
const set = clusteredDataset({ n, dim, queries: queryCount, seed: 7 });
const embeddings = Array.from({ length: n }, (_, i) => set.base.data.subarray(i * dim, (i + 1) * dim));
const hex = (i, w) => (i >>> 0).toString(16).padStart(w, '0').slice(-w);
const ids = embeddings.map((_, i) => (keyKind === 'uuid'
  ? `${hex(i * 2654435761, 8)}-${hex(i, 4)}-4${hex(i * 40503, 3)}-8${hex(i * 69069, 3)}-${hex(i * 362437, 6)}${hex(i, 6)}`
  : String(i)));
// Template strings are cons-string trees until first flattened (as passing them to the engine does), which would
// free heap during the build and hide what the engine gained: flatten them before the first measurement.
const flatIds = JSON.parse(JSON.stringify(ids));
for (let i = 0; i < n; i++) ids[i] = flatIds[i];
const dir = mkdtempSync(join(tmpdir(), 'teavec-bench-memory-'));
// FinalizationRegistry cells of collected wrappers go only once their cleanup task has run: let it run.
const held = async () => {
  for (let i = 0; i < 3; i++) {
    globalThis.gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const m = process.memoryUsage();
  return { linear: memories.reduce((sum, m) => sum + m.buffer.byteLength, 0), heap: v8.getHeapStatistics().used_heap_size, buffers: m.arrayBuffers, external: m.external, rss: m.rss };
};
try {
  const db = await openDatabase(join(dir, 'db'), { storage: 'file', checkpointBytes: 2 ** 40, durability: 'relaxed' });
  const c = await db.createCollection({ name: 'c', quantization, rerank: 'storage', indexType: 'hnsw', metric: 'cosine', seed: 7 });
  const before = await held();
  const snapshot = (tag) => process.argv.includes('--snapshot')
    && console.log(`heap snapshot: ${v8.writeHeapSnapshot(join(tmpdir(), `teavec-${quantization}-${n}-${tag}.heapsnapshot`))}`);
  snapshot('before');
  const t0 = performance.now();
  for (let i = 0; i < n; i += 1000) await c.add({ ids: ids.slice(i, i + 1000), embeddings: embeddings.slice(i, i + 1000) });
  const buildS = (performance.now() - t0) / 1000;
  await db.checkpoint();
  const after = await held();
  const counted = await c.memoryUsage();
  const per = (b) => (b / n).toFixed(1);
  console.log(`memory breakdown: ${n} × ${dim} ${quantization} rerank 'storage', ${keyKind} keys, Node ${process.version}, `
    + `build ${buildS.toFixed(1)} s, load ${loadavg()[0].toFixed(1)}`);
  console.log(`memoryUsage(): ${per(counted)} bytes/vector`);
  console.log(`gained after GC: V8 heap ${per(after.heap - before.heap)}, array buffers + Wasm memory ${per(after.buffers - before.buffers)}, `
    + `external ${per(after.external - before.external)} `
    + `(of which Wasm linear memory grew ${per(after.linear - before.linear)}), rss ${per(after.rss - before.rss)} bytes/vector`);
  snapshot('after');
  // Search and key lookups, so a change to keys can be seen not to cost time (the box is shared: compare runs).
  const times = [];
  let hits = 0;
  for (let qi = 0; qi < queryCount; qi++) {
    const q = set.queries.data.subarray(qi * dim, (qi + 1) * dim);
    const s = performance.now();
    const got = (await c.query({ queryEmbeddings: [q], nResults: 10, include: [] })).ids[0];
    times.push((performance.now() - s) * 1000);
    const truth = new Set(Array.from(set.truth.data.subarray(qi * 10, qi * 10 + 10), (i) => ids[i]));
    hits += got.filter((id) => truth.has(id)).length;
  }
  times.sort((a, b) => a - b);
  const sample = Array.from({ length: 2000 }, (_, i) => ids[(i * 7919) % n]);
  let t = performance.now();
  for (let r = 0; r < 10; r++) await c.get({ ids: sample, include: [] });
  const getUs = ((performance.now() - t) * 1000) / 20000;
  console.log(`query p50 ${times[Math.floor(times.length / 2)].toFixed(0)} µs, recall@10 ${(hits / (queryCount * 10)).toFixed(3)} `
    + `(ef_search default, rerank from the file); get by id ${getUs.toFixed(2)} µs an id`);
  await db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
