// The OPFS side of pages/wal.js: runs contract cases in this dedicated worker on request.
import { runCase, ready } from './wal-cases.js';

self.onmessage = async ({ data }) => {
  if (data.type === 'ready') {
    await ready;
    self.postMessage({ id: data.id, result: true });
    return;
  }
  if (data.type === 'eval') {
    // Benchmarks and probes send a function body to run here (the test server serves only local code).
    const fn = await import(data.module);
    self.postMessage({ id: data.id, result: await fn[data.name](...data.args) });
    return;
  }
  self.postMessage({ id: data.id, result: await runCase(data.index, data.storage, data.name) });
};
