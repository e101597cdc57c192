// The worker side of worker-rpc.js: answers 'ready', runs contract cases, and calls exported functions of
// local modules (benchmarks and probes send the module's path: the test server serves only local code).
export function serveCases(runCase, ready) {
  self.onmessage = async ({ data }) => {
    if (data.type === 'ready') {
      await ready;
      self.postMessage({ id: data.id, result: true });
      return;
    }
    if (data.type === 'eval') {
      const fn = await import(data.module);
      self.postMessage({ id: data.id, result: await fn[data.name](...data.args) });
      return;
    }
    self.postMessage({ id: data.id, result: await runCase(data.index, data.storage, data.name) });
  };
}
