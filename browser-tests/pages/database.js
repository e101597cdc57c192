// window.databaseTest for browser-tests/test/database-storage.test.mjs: database contract cases on IndexedDB
// here, on OPFS in a dedicated worker (pages/database-worker.js).
import { workerRpc } from './worker-rpc.js';
import { runCase, ready } from './database-cases.js';

const inWorker = workerRpc('database-worker.js');

window.databaseTest = {
  ready: Promise.all([ready, inWorker({ type: 'ready' })]),
  run(index, storage, name) {
    return storage === 'opfs' ? inWorker({ type: 'case', index, storage, name }) : runCase(index, storage, name);
  },
  /** Calls `name(...args)` of the module at `module` in the worker (benchmarks, probes). */
  inWorker(module, name, ...args) {
    return inWorker({ type: 'eval', module, name, args });
  },
};
