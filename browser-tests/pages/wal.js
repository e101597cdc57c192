// window.walTest for browser-tests/test/wal-storage.test.mjs: contract cases on IndexedDB here, on OPFS in a
// dedicated worker (pages/wal-worker.js), and what the main thread can do with OPFS.
import { workerRpc } from './worker-rpc.js';
import { runCase, caseNames, ready } from './wal-cases.js';
import { _openLogStorage as openLogStorage } from '/teavec/teavec.js';

const inWorker = workerRpc('wal-worker.js');

window.walTest = {
  ready: Promise.all([ready, inWorker({ type: 'ready' })]),
  caseNames,
  run(index, storage, name) {
    return storage === 'opfs' ? inWorker({ type: 'case', index, storage, name }) : runCase(index, storage, name);
  },
  /** Calls `name(...args)` of the module at `module` in the worker. */
  inWorker(module, name, ...args) {
    return inWorker({ type: 'eval', module, name, args });
  },
  /** What opening an OPFS log on the main thread does. */
  async opfsOnMainThread() {
    try {
      await openLogStorage('main-thread', { storage: 'opfs' });
      return { ok: true };
    } catch (e) {
      return { ok: false, code: e.code, message: e.message };
    }
  },
};
