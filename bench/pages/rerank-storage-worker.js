// The OPFS side of bench/rerank-storage.mjs --chromium (bench/lib/rerank-storage-run.js), in a dedicated worker.
import init from '/teavec/quantization.js';
import { openDatabase } from '/teavec/teavec.js';
import { runRerankStorage } from '/lib/rerank-storage-run.js';

self.onmessage = async ({ data }) => {
  try {
    await init();
    self.postMessage({ rows: await runRerankStorage(openDatabase, data) });
  } catch (e) {
    self.postMessage({ error: `${e?.code ?? ''} ${e?.message ?? e}\n${e?.stack ?? ''}` });
  }
};
