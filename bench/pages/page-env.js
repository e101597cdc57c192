// What the bench pages hand the runtime-agnostic bench code: clock, log, module loader, heap probe.
let instances = 0;
const urlOf = (pkg, file) => (pkg === 'teavec' ? `/teavec/${file}` : `/node_modules/${pkg}/${file}`);

export async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

export const env = {
  runtime: 'chromium',
  now: () => performance.now(),
  log: (m) => console.log(m),
  // A query string makes a new module instance: a library's Wasm memory starts fresh per data set.
  importModule: (pkg, file, { fresh = false } = {}) => import(urlOf(pkg, file) + (fresh ? `?instance=${++instances}` : '')),
  readBytes: (pkg, file) => fetchBytes(urlOf(pkg, file)),
  // Needs --js-flags=--expose-gc and --enable-precise-memory-info (the peers runner passes both).
  heapUsed: async () => {
    if (typeof globalThis.gc !== 'function' || !performance.memory) return null;
    // Twice, a task apart: one pass can leave garbage that only the next one frees.
    globalThis.gc();
    await new Promise((resolve) => setTimeout(resolve, 0));
    globalThis.gc();
    return performance.memory.usedJSHeapSize;
  },
};
