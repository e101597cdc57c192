// teavec/worker in Node (worker_threads): the shared cases (worker-api-cases.js) against the direct API and
// against the worker API, then what only the worker has: the method table's coverage, aborts, reads
// answered during a long build, write order, transfers, terminate. (test/worker.test.mjs is the Cloudflare
// Workers test, not this.)
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import init, { EdgeVec, EdgeVecConfig, Database, Collection, TeaVecError, openDatabase } from '../dist/teavec.js';
import { createWorkerIndex, loadWorkerIndex, openWorkerDatabase, openWorkerIndex, WorkerIndex } from '../dist/worker.js';
import { CLASSES } from '../src/worker-protocol.js';
import { PersistentDatabase } from '../src/persistent-database.js';
import { PersistentCollection } from '../src/persistent-collection.js';
import { cases, vectors } from './worker-api-cases.js';
import { installPackedPackage, runInProject } from './helpers.mjs';

await init();
const dirs = mkdtempSync(join(tmpdir(), 'teavec-worker-api-'));
after(() => rmSync(dirs, { recursive: true, force: true }));
let names = 0;

const common = { TeaVecError, EdgeVecConfig, storage: 'file', dbName: (tag) => join(dirs, `${tag}-${names++}`) };
const envs = {
  direct: {
    ...common,
    index: (config) => new EdgeVec(config),
    load: (bytes) => EdgeVec.fromBytes(bytes),
    database: (name, options) => (name === undefined ? new Database() : openDatabase(name, options)),
  },
  worker: {
    ...common,
    index: (config) => createWorkerIndex(config),
    load: (bytes) => loadWorkerIndex({ bytes }),
    database: (name, options) => openWorkerDatabase(name, options),
  },
};

// The index cases again on indexes opened by name (EdgeVec.open: every change a durable Promise), directly and in a worker.
envs['direct, opened by name'] = { ...envs.direct, closedCode: 'STORAGE_ERROR', index: (config) => EdgeVec.open(`index-${names++}`, config, { storage: 'memory' }) };
envs['worker, opened by name'] = { ...envs.worker, closedCode: 'STORAGE_ERROR', index: (config) => openWorkerIndex(`index-${names++}`, config, { storage: 'memory' }) };

for (const [kind, env] of Object.entries(envs)) {
  describe(`shared cases: ${kind}`, () => {
    for (const [name, run] of cases) {
      test(name, async (t) => {
        const note = await run(env);
        if (typeof note === 'string') t.skip(note);
      });
    }
  });
}

const l2 = (dims, settings = {}) => Object.assign(new EdgeVecConfig(dims), { metric: 'l2' }, settings);
const integrity = (ix) => ix[Symbol.for('teavec.checkIntegrity')]();

/** Public methods of a class (no constructor, getters or internal symbols). */
function methodsOf(cls) {
  return Object.getOwnPropertyNames(cls.prototype).filter((name) => {
    const d = Object.getOwnPropertyDescriptor(cls.prototype, name);
    return name !== 'constructor' && typeof d.value === 'function';
  });
}

test('the method table covers every public method of the direct classes (ends and internals named here)', () => {
  const covered = (cls, table, ends) => {
    const missing = methodsOf(cls).filter((m) => !Object.hasOwn(table.methods, m) && !ends.includes(m));
    assert.deepEqual(missing, [], `${cls.name}: not proxied and not an ending`);
  };
  covered(EdgeVec, CLASSES.index, ['free']);
  covered(Database, CLASSES.database, ['free']);
  covered(PersistentDatabase, CLASSES.database, ['close', 'follow', 'replaceSession']);
  covered(Collection, CLASSES.collection, []);
  covered(PersistentCollection, CLASSES.collection, []);
  // The proxies have exactly the table's methods plus their endings.
  assert.deepEqual(methodsOf(Object.getPrototypeOf(WorkerIndex)).sort(), Object.keys(CLASSES.index.methods).filter((m) => m !== 'checkIntegrity').sort());
  assert.equal(typeof WorkerIndex.prototype[Symbol.for('teavec.checkIntegrity')], 'function');
});

test('abort between slices: the promise rejects with the reason, the index is as before and sound', async () => {
  const ix = await createWorkerIndex(l2(32));
  const before = vectors(1, 100, 32);
  await ix.insertBatch(before);
  const controller = new AbortController();
  const reason = new Error('stop');
  let reports = 0;
  const build = ix.insertBatch(vectors(2, 20_000, 32), {
    signal: controller.signal,
    onProgress: (done) => {
      reports++;
      if (done > 0) controller.abort(reason);
    },
  });
  await assert.rejects(build, (e) => e === reason);
  assert.ok(reports >= 2, 'progress crossed before the abort');
  assert.equal(await ix.liveCount(), 100, 'the aborted batch left nothing live');
  await integrity(ix);
  const hits = await ix.search(before[7], 1);
  assert.deepEqual(hits.map((h) => h.id), [7]);
  const next = await ix.insertBatch(vectors(3, 10, 32));
  assert.equal(next.inserted, 10);
  assert.equal(await ix.liveCount(), 110);
  await integrity(ix);
  await ix.free();
});

test('an already aborted signal rejects at once; load takes a signal too', async () => {
  const ix = await createWorkerIndex(l2(4));
  const controller = new AbortController();
  controller.abort(new Error('before'));
  await assert.rejects(ix.insertBatch(vectors(1, 10, 4), { signal: controller.signal }), /before/);
  await assert.rejects(ix.compact({ signal: controller.signal }), /before/);
  assert.equal(await ix.liveCount(), 0);
  await ix.insertBatch(vectors(1, 10, 4));
  const bytes = await ix.toBytes();
  await assert.rejects(loadWorkerIndex({ bytes }, { signal: controller.signal }), /before/);
  const loaded = await loadWorkerIndex({ bytes }, { signal: new AbortController().signal });
  assert.equal(await loaded.liveCount(), 10);
  await loaded.free();
  await ix.free();
});

test('reads are answered while a long build runs in the worker; writes keep their order', async () => {
  // 100k × 384 as the issue asks. The point is that the worker answers while it builds, not recall: a cheap
  // index (HNSW with M 8, ef_construction 32, SQ8 codes) builds it in about 50 s on the shared 2-core box
  // (TEAVEC_WORKER_BUILD sets another size).
  const dims = 384;
  const n = Number(process.env.TEAVEC_WORKER_BUILD ?? 100_000);
  const ix = await createWorkerIndex(l2(dims, { indexType: 'hnsw', m: 8, ef_construction: 32, quantization: 'sq8' }));
  const probe = vectors(9, 1, dims)[0];
  await ix.insert(probe);
  let built = false;
  const build = ix.insertBatch(viewsOfOneArray(4, n, dims)).then((r) => { built = true; return r; });
  const later = ix.insertBatch(vectors(5, 10, dims));
  let answeredDuring = 0;
  let seen = 1;
  const partial = new Set();
  while (!built) {
    // (Which id is nearest is not asserted: this cheap graph's recall on uniform 384-dimensional data is low.)
    const hits = await ix.search(probe, 1);
    assert.equal(hits.length, 1);
    const live = await ix.liveCount();
    assert.ok(live >= seen, `the live count went back from ${seen} to ${live}`);
    seen = live;
    if (live > 1 && live < n + 1) partial.add(live);
    if (!built) answeredDuring++;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  const [first, second] = [await build, await later];
  assert.ok(answeredDuring > 0, 'no search was answered during the build');
  assert.ok(partial.size > 1, `reads saw the build under way (live counts ${[...partial].slice(0, 5)})`);
  assert.ok(Math.max(...first.ids) < Math.min(...second.ids), 'the later batch starts after the earlier one');
  assert.equal(await ix.liveCount(), n + 11);
  console.log(`# ${answeredDuring} searches answered during a ${n} × ${dims} build (${partial.size} partial sizes seen)`);
  await integrity(ix);
  await ix.free();
});

/** `n` seeded vectors as views of one Float32Array (100k separate arrays take seconds to make). */
function viewsOfOneArray(seed, n, dims) {
  const data = new Float32Array(n * dims);
  let s = seed >>> 0;
  for (let i = 0; i < data.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[i] = s / 2 ** 32 - 0.5;
  }
  return Array.from({ length: n }, (_, i) => data.subarray(i * dims, (i + 1) * dims));
}

test('batches cross as one transferred buffer; the caller keeps its arrays', async () => {
  const { Worker } = await import('node:worker_threads');
  const post = Worker.prototype.postMessage;
  const sent = [];
  Worker.prototype.postMessage = function spy(message, transfer) {
    if (message.type === 'call') sent.push({ method: message.method, transfer: (transfer ?? []).map((b) => b.byteLength) });
    return post.call(this, message, transfer);
  };
  const ix = await createWorkerIndex(l2(3));
  const list = vectors(1, 5, 3);
  const flat = new Float32Array(15).fill(1);
  try {
    await ix.insertBatch(list);
    await ix.insertBatchFlat(flat, 5);
  } finally {
    Worker.prototype.postMessage = post;
  }
  assert.deepEqual(sent, [{ method: 'insertBatch', transfer: [60] }, { method: 'insertBatchFlat', transfer: [60] }],
    'each batch went as one buffer of 5 × 3 floats, transferred');
  assert.equal(list[0].length, 3);
  assert.equal(flat.length, 15);
  assert.deepEqual(Array.from(await ix.getVector(2)), Array.from(list[2]));
  assert.equal(ix.size, 10, 'size reads as of the last answer');
  await ix.free();
});

test('plain settings, a bad worker URL, terminate with calls in flight', async () => {
  const ix = await createWorkerIndex({ dimensions: 2, metric: 'dot' });
  assert.equal(ix.metric, 'dot');
  await assert.rejects(createWorkerIndex({ dimensions: 0 }), (e) => e instanceof TeaVecError && e.code === 'INVALID_CONFIG');
  await assert.rejects(createWorkerIndex(l2(2), { worker: { url: new URL('./no-such-worker.js', import.meta.url) } }),
    (e) => e instanceof TeaVecError && e.code === 'LOAD_FAILED');
  const pending = assert.rejects(ix.insertBatch(vectors(1, 50_000, 2)), (e) => e instanceof TeaVecError && e.code === 'INDEX_FREED');
  await ix.terminate();
  await pending;
  await assert.rejects(ix.liveCount(), (e) => e.code === 'INDEX_FREED');
});

test('the packed package: teavec/worker resolves through its exports map and finds its worker script', () => {
  const project = installPackedPackage();
  const out = runInProject(project, 'worker-app.mjs', `
import { createWorkerIndex } from 'teavec/worker';
const index = await createWorkerIndex({ dimensions: 2, metric: 'l2' });
await index.insertBatch([new Float32Array([1, 0]), new Float32Array([0, 1])]);
console.log(JSON.stringify(await index.search(new Float32Array([0, 1]), 1)));
await index.free();
`);
  assert.deepEqual(JSON.parse(out), [{ id: 1, score: 0 }]);
});

test('snapshots through the worker: saveToFile, loadWorkerIndex({ path })', async () => {
  const path = join(dirs, 'index.teavec');
  const ix = await createWorkerIndex(l2(3));
  await ix.insertBatch(vectors(6, 50, 3));
  await ix.saveToFile(path);
  const loaded = await loadWorkerIndex({ path });
  assert.equal(await loaded.liveCount(), 50);
  assert.deepEqual(await loaded.search(vectors(6, 50, 3)[9], 1), [{ id: 9, score: 0 }]);
  await assert.rejects(loadWorkerIndex({ path: join(dirs, 'missing.teavec') }), (e) => e instanceof TeaVecError);
  await loaded.free();
  await ix.free();
});

test('an argument postMessage cannot carry rejects that call only', async () => {
  const ix = await createWorkerIndex(l2(2));
  await assert.rejects(ix.getMetadata(Symbol('no'), 'k'), (e) => e.name === 'DataCloneError');
  assert.equal(await ix.liveCount(), 0);
  await ix.free();
});

test('an index opened by name in a worker is durable: read back directly; flush and checkpoint cross', async () => {
  const path = join(dirs, 'named-index');
  const ix = await openWorkerIndex(path, l2(3), { storage: 'file' });
  assert.deepEqual([ix.name, ix.storage, ix.readOnly], [path, 'file', false]);
  await ix.insertBatch(vectors(8, 30, 3));
  await ix.upsert('k', new Float32Array([1, 2, 3]), { tag: 'x' });
  await ix.flush();
  assert.ok((await ix.checkpoint()).generation >= 1);
  await ix.softDelete(4);
  await ix.close();
  await assert.rejects(ix.liveCount(), (e) => e instanceof TeaVecError && e.code === 'STORAGE_ERROR');
  const direct = await EdgeVec.open(path, undefined, { storage: 'file' });
  assert.equal(direct.liveCount(), 30);
  assert.deepEqual(direct.get('k').metadata, { tag: 'x' });
  await direct.close();
  const plain = await createWorkerIndex(l2(3));
  await assert.rejects(plain.flush(), (e) => e instanceof TeaVecError && e.code === 'NOT_SUPPORTED');
  await plain.free();
});

test('a database written in a worker is read back directly (file storage)', async () => {
  const name = join(dirs, 'handover');
  const db = await openWorkerDatabase(name, { storage: 'file' });
  const c = await db.getOrCreateCollection('docs');
  await c.add({ ids: ['a', 'b'], embeddings: [[1, 0, 0], [0, 1, 0]], documents: ['A', 'B'] });
  await assert.rejects(db.createCollection('docs'), (e) => e instanceof TeaVecError && e.code === 'DUPLICATE_ID');
  await db.close();
  await assert.rejects(c.count(), (e) => e.code === 'STORAGE_ERROR');
  const direct = await openDatabase(name, { storage: 'file' });
  assert.deepEqual(direct.getCollection('docs').get().documents, ['A', 'B']);
  await direct.close();
  const memory = await openWorkerDatabase();
  await assert.rejects(memory.flush(), (e) => e instanceof TeaVecError && e.code === 'NOT_SUPPORTED');
  await memory.close();
});

test('TypeScript accepts teavec/worker against its typings', async () => {
  const { mkdirSync, symlinkSync, writeFileSync } = await import('node:fs');
  const { execFileSync } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const packageDir = fileURLToPath(new URL('..', import.meta.url));
  const project = mkdtempSync(join(tmpdir(), 'teavec-worker-types-'));
  mkdirSync(join(project, 'node_modules'));
  symlinkSync(packageDir, join(project, 'node_modules', 'teavec'), 'dir');
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  writeFileSync(join(project, 'usage.ts'), `
import { EdgeVecConfig, TeaVecError, type SearchResult, type BatchInsertResult } from 'teavec';
import { createWorkerIndex, loadWorkerIndex, openWorkerDatabase, openWorkerIndex, type WorkerIndex, type WorkerCollection } from 'teavec/worker';
const index: WorkerIndex = await createWorkerIndex(new EdgeVecConfig(3), { worker: { init: new URL('./teavec.wasm', import.meta.url) } });
const controller = new AbortController();
const batch: BatchInsertResult = await index.insertBatch([new Float32Array(3)], { signal: controller.signal, onProgress: (d, t) => void (d + t) });
const hits: SearchResult[] = await index.search(new Float32Array(3), 5);
const id: number = await index.insert(new Float32Array(3));
const size: number = index.size;
const again = await loadWorkerIndex({ bytes: await index.toBytes() }, { signal: controller.signal });
await again.free();
await index.terminate();
const named: WorkerIndex = await openWorkerIndex('named', new EdgeVecConfig(3), { storage: 'memory' });
await named.flush();
const namedRole: 'leader' | 'follower' | undefined = named.tabRole; void namedRole;
const gen: number = (await named.checkpoint()).generation;
await named.close();
void gen;
const db = await openWorkerDatabase('notes', { storage: 'memory', worker: {} });
const notes: WorkerCollection = await db.getOrCreateCollection({ name: 'notes' });
await notes.add({ ids: ['a'], embeddings: [[1, 2, 3]] });
const n: number = await notes.count();
const all: WorkerCollection[] = await db.listCollections();
const role: 'leader' | 'follower' | undefined = db.tabRole; void role;
await openWorkerDatabase('x', { shared: false, storage: 'indexeddb' });
try { await db.createCollection('notes'); } catch (e) { if (e instanceof TeaVecError) void e.code; }
await db.close();
// @ts-expect-error every method returns a Promise
const wrong: number = index.liveCount();
void batch; void hits; void id; void size; void n; void all; void wrong;
`);
  execFileSync(process.execPath, [join(packageDir, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '--strict',
    '--target', 'es2022', '--lib', 'es2022,dom,esnext.disposable', '--module', 'nodenext', '--moduleResolution', 'nodenext', 'usage.ts'],
  { cwd: project, stdio: 'inherit' });
  rmSync(project, { recursive: true, force: true });
});
