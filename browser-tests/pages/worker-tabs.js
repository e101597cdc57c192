// window.tabs for browser-tests/test/worker-tabs.test.mjs: one tab's side of a database opened by name with
// teavec/worker, shared by the tabs of the origin (the leader's worker holds it, the others talk to it).
import { EdgeVecConfig } from '/teavec/teavec.js';
import { openWorkerDatabase, openWorkerIndex } from '/teavec/worker.js';

const embedding = (i) => [i + 1, 1, 0.5];
const stream = { acked: [], failures: [], done: false };
let db = null;
let index = null;

window.tabs = {
  async open(name) {
    db = await openWorkerDatabase(name);
    return db.tabRole;
  },
  role: () => db.tabRole,
  async add(collection, ids) {
    const c = await db.getOrCreateCollection(collection);
    await c.add({ ids, embeddings: ids.map((_, i) => embedding(i)) });
  },
  async ids(collection) {
    const c = await db.getCollection(collection);
    return (await c.get({ include: [] })).ids;
  },
  /** Starts `n` awaited adds of one record each; stream() reports which were acknowledged and which failed. */
  startStream(collection, prefix, n) {
    (async () => {
      const c = await db.getOrCreateCollection(collection);
      for (let i = 0; i < n; i++) {
        const id = `${prefix}${i}`;
        try {
          await c.add({ ids: [id], embeddings: [embedding(i)] });
          stream.acked.push(id);
        } catch (e) {
          stream.failures.push({ id, code: e?.code ?? null, message: String(e?.message ?? e) });
        }
      }
      stream.done = true;
    })();
  },
  stream: () => ({ acked: stream.acked.length, failures: stream.failures, done: stream.done }),
  ackedIds: () => stream.acked,
  async check() {
    await db.checkIntegrity();
    return true;
  },
  close: () => db.close(),

  // An index opened by name, shared the same way.
  async openIndex(name, dims) {
    index = await openWorkerIndex(name, dims ? new EdgeVecConfig(dims) : undefined);
    return index.tabRole;
  },
  indexRole: () => index.tabRole,
  async indexInsert(rows) {
    return Array.from((await index.insertBatch(rows.map((r) => Float32Array.from(r)))).ids);
  },
  indexCount: () => index.liveCount(),
  async indexNearest(row) {
    return (await index.search(Float32Array.from(row), 1))[0].id;
  },
  async indexCheck() {
    await index[Symbol.for('teavec.checkIntegrity')]();
    return true;
  },
  closeIndex: () => index.close(),
};
