// The size of the engine's Wasm linear memory, for tests of what the engine allocates outside the
// garbage-collected heap. Linear memory only grows (by 64 KiB pages), so its size bounds what was
// ever allocated at once: a leak shows as growth.
import assert from 'node:assert/strict';

/**
 * A fresh copy of the package (its own engine instance, `tag` keeps the import apart), initialized,
 * and the size of its engine's linear memory (which the loader makes with `new WebAssembly.Memory`
 * during init()).
 */
export async function loadEngine(tag) {
  const memories = [];
  const NativeMemory = WebAssembly.Memory;
  WebAssembly.Memory = class extends NativeMemory {
    constructor(descriptor) {
      super(descriptor);
      memories.push(this);
    }
  };
  const module = await import(`../dist/teavec.js?${tag}`);
  try {
    await module.default();
  } finally {
    WebAssembly.Memory = NativeMemory;
  }
  assert.equal(memories.length, 1, 'init() made one linear memory');
  return { teavec: module, linearBytes: () => memories[0].buffer.byteLength };
}
