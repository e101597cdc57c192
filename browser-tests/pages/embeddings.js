// Runs pages/embeddings-worker.js (teavec + teavec/embeddings + transformers.js in a module Worker) and
// reports its answer through window.__result.
window.__result = new Promise((resolve) => {
  const worker = new Worker('embeddings-worker.js', { type: 'module' });
  worker.onmessage = (e) => resolve(e.data);
  worker.onerror = (e) => resolve({ error: `worker error: ${e.message}` });
  worker.postMessage({ query: 'a tool for cutting wood', sample: 12 });
});
