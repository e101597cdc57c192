// Runs the OPFS side of reopen-bench.js in a dedicated worker (sync access handles exist only there).
import * as bench from './reopen-bench.js';

self.onmessage = async ({ data }) => {
  try {
    self.postMessage({ id: data.id, result: await bench[data.fn](...data.args) });
  } catch (e) {
    self.postMessage({ id: data.id, error: `${e?.code ?? ''} ${e?.message ?? e}` });
  }
};
