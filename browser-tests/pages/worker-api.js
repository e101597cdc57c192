// window.workerApiTest for browser-tests/test/worker-api.test.mjs: the shared cases of
// npm-package/test/worker-api-cases.js against the direct API and teavec/worker (a module Worker started by
// plain ES modules, no bundler), and the page's responsiveness while vectors are inserted.
import init, { EdgeVec, EdgeVecConfig, Database, TeaVecError, openDatabase } from '/teavec/teavec.js';
import { createWorkerIndex, loadWorkerIndex, openWorkerDatabase, openWorkerIndex } from '/teavec/worker.js';
import { cases, vectors } from '/npm-test/worker-api-cases.js';

let names = 0;
const prefix = `worker-api-${Date.now()}`;
const common = { TeaVecError, EdgeVecConfig, storage: 'indexeddb', dbName: (tag) => `${prefix}-${tag}-${names++}` };
const envs = {
  direct: {
    ...common,
    index: (config) => new EdgeVec(config),
    load: (bytes) => EdgeVec.fromBytes(bytes),
    loadSaved: (name) => EdgeVec.load(name),
    database: (name, options) => (name === undefined ? new Database() : openDatabase(name, options)),
  },
  worker: {
    ...common,
    index: (config) => createWorkerIndex(config),
    load: (bytes) => loadWorkerIndex({ bytes }),
    loadSaved: (name) => loadWorkerIndex({ name }),
    database: (name, options) => openWorkerDatabase(name, options),
  },
};

// The index cases again on indexes opened by name (IndexedDB), on the page and in a worker.
envs['direct, opened by name'] = { ...envs.direct, closedCode: 'STORAGE_ERROR', index: (config) => EdgeVec.open(common.dbName('index'), config, { storage: 'indexeddb' }) };
envs['worker, opened by name'] = { ...envs.worker, closedCode: 'STORAGE_ERROR', index: (config) => openWorkerIndex(common.dbName('index'), config, { storage: 'indexeddb' }) };

/** `n` vectors of `dims` dimensions as views of one array, made by a plain loop (the page's own work stays small). */
function batchOf(seed, n, dims) {
  const data = new Float32Array(n * dims);
  let s = seed >>> 0;
  for (let i = 0; i < data.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    data[i] = s / 2 ** 32 - 0.5;
  }
  return Array.from({ length: n }, (_, i) => data.subarray(i * dims, (i + 1) * dims));
}

/**
 * Inserts `n` vectors of `dims` dimensions in batches of `batch` while a long-task observer and a 16 ms
 * timer watch the page. `where`: 'worker' (teavec/worker), 'direct' (EdgeVec on this thread, the control) or
 * 'direct-async' (EdgeVec#insertBatchWithProgressAsync on this thread).
 * `settings`: index settings on top of the defaults (a cheap graph builds 50k vectors in tens of seconds).
 */
async function responsiveness({ where, n, dims, batch, idleMs = 0, settings = {} }) {
  const config = Object.assign(new EdgeVecConfig(dims), settings);
  const ix = where === 'worker' ? await createWorkerIndex(config) : new EdgeVec(config);
  // 'direct-async': on this thread, through insertBatchWithProgressAsync (slices that yield to the page).
  const insert = where === 'direct-async' ? (b) => ix.insertBatchWithProgressAsync(b, () => {}) : (b) => ix.insertBatch(b);
  await ix.insert(vectors(1, 1, dims)[0]);
  // 'idle' (a diagnosis aid): the same watch over a page that does nothing, to see what the machine alone costs.
  if (where === 'idle') n = 0;
  const longTasks = [];
  const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => Math.round(e.duration))));
  observer.observe({ type: 'longtask' });
  let last = performance.now();
  let maxLateMs = 0;
  let ticks = 0;
  let maxOwnMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxLateMs = Math.max(maxLateMs, now - last - 16);
    last = now;
    ticks++;
  }, 16);
  const started = performance.now();
  for (let done = 0; done < n; done += batch) {
    // Each batch made in a task of its own, as an app would receive them.
    await new Promise((resolve) => setTimeout(resolve, 0));
    // The page's own work per batch (making the vectors, the call up to its postMessage), to tell it from the
    // machine's: a long task with little work of the page's in it is the page waiting for a CPU.
    const before = performance.now();
    const call = insert(batchOf(1000 + done, Math.min(batch, n - done), dims));
    maxOwnMs = Math.max(maxOwnMs, performance.now() - before);
    await call;
  }
  if (idleMs > 0) await new Promise((resolve) => setTimeout(resolve, idleMs));
  const ms = performance.now() - started;
  const size = await ix.liveCount();
  // Let the last task end and be reported; entries not yet delivered to the callback are taken here.
  await new Promise((resolve) => setTimeout(resolve, 200));
  clearInterval(timer);
  longTasks.push(...observer.takeRecords().map((e) => Math.round(e.duration)));
  observer.disconnect();
  await ix.free();
  return { where, n, dims, size, ms: Math.round(ms), longTasks, maxLateMs: Math.round(maxLateMs), ticks, maxOwnMs: Math.round(maxOwnMs * 10) / 10 };
}

window.workerApiTest = {
  ready: init(),
  names: cases.map(([name]) => name),
  async run(index, kind) {
    try {
      const note = await cases[index][1](envs[kind]);
      return { ok: true, note };
    } catch (e) {
      return { ok: false, message: `${e?.name} ${e?.code ?? ''} ${e?.message}`, stack: e?.stack };
    }
  },
  responsiveness,
};
