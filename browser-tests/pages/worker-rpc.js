// Requests to a dedicated worker of the test pages, answered by id: `call(message)` resolves with its result.
export function workerRpc(url) {
  const worker = new Worker(url, { type: 'module' });
  let nextId = 0;
  const waiting = new Map();
  worker.onmessage = ({ data }) => {
    waiting.get(data.id)?.(data.result);
    waiting.delete(data.id);
  };
  return (message) => {
    const id = nextId++;
    return new Promise((resolve) => {
      waiting.set(id, resolve);
      worker.postMessage({ ...message, id });
    });
  };
}
