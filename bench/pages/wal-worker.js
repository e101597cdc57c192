// Runs the OPFS side of bench/pages/wal-bench.js in a dedicated worker.
import * as bench from './wal-bench.js';

self.onmessage = async ({ data }) => {
  try {
    self.postMessage({ id: data.id, result: await bench[data.fn](...data.args) });
  } catch (e) {
    self.postMessage({ id: data.id, error: `${e?.code ?? ''} ${e?.message ?? e}` });
  }
};
