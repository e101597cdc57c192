// window.dbCrash: database-crash.js in this page (IndexedDB) or in a dedicated worker (OPFS).
import { workerRpc } from './worker-rpc.js';
import { check, writeLoop, ready, follow, followed } from './database-crash.js';

let inWorker = null;
const worker = () => (inWorker ??= workerRpc('database-crash-worker.js'));

window.dbCrash = {
  ready,
  follow,
  followed,
  check(seed, name, storage, from, to) {
    if (storage === 'opfs') return worker()({ type: 'check', args: [seed, name, storage, from, to] });
    return check(seed, name, storage, from, to).catch((e) => ({ ok: false, message: `${e.code} ${e.message}` }));
  },
  /** Starts the writer; never resolves (the test ends the page). */
  start(seed, name, storage, from, ackUrl) {
    if (storage === 'opfs') worker()({ type: 'loop', args: [seed, name, storage, from, ackUrl] });
    else writeLoop(seed, name, storage, from, ackUrl).catch((e) => console.error(`writer stopped: ${e.code} ${e.message}`));
  },
};
