// What TeaVec does only in Node: files (snapshots, the write-ahead log's directory, teavec.wasm by path) and
// worker_threads. The package's `#teavec-node` import (package.json "imports") resolves here under the `node`
// condition and to src/node-absent.js everywhere else, so browser, worker and workerd bundles hold no `node:`
// import. Depends on nothing of the core: the core calls it through src/files.js.
export { writeFileAtomic, readFileBytes } from './node-files.js';
export { nodeFiles } from './wal-node-files.js';
export { nodeRowFiles } from './rerank-node-files.js';

export const available = true;

export const workerThreads = () => import('node:worker_threads');
