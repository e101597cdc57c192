// voy-search 0.6.3 (Rust k-d tree → Wasm, bundler target). Its package imports the .wasm as an ES
// module, which neither Node nor a browser does without a bundler, so the adapter instantiates the
// .wasm itself against the package's own glue (a fresh glue module per data set, so memory is its own).
// L2 only, and exact here (a k-d tree in 128–768 dimensions visits nearly everything): no ef to tune.
import { errorText, LINEAR_MEMORY } from './common.js';

/**
 * A Rust panic reaches JS as a bare "unreachable" trap; the reason only goes to console.error. This puts
 * the reason into the error (e.g. its k-d tree refusing SIFT: "Too many items with the same position").
 */
function withPanicText(run) {
  const original = console.error;
  let panic = null;
  console.error = (...args) => {
    const text = String(args[0]);
    panic ??= `panic: ${(/panicked at '([^']*)'/.exec(text) ?? [])[1] ?? text.split('\n')[0]}`;
  };
  try {
    return run();
  } catch (e) {
    throw new Error(panic ? `${panic} (${errorText(e)})` : errorText(e));
  } finally {
    console.error = original;
  }
}

export const voyAdapter = {
  id: 'voy',
  label: 'voy-search 0.6.3',
  tunable: false,
  exact: true,
  ...LINEAR_MEMORY,
  bundle: { package: 'voy-search', files: ['voy_search_bg.wasm', 'voy_search_bg.js', 'voy_search.js'] },
  // Exact search costs ~n·dim per query: skipped above this without --full.
  defaultWorkLimit: 25_000 * 384,
  supports: (ds) => (ds.metric === 'cosine' && !ds.normalised ? 'L2 only' : null),

  async open(env) {
    const glue = await env.importModule('voy-search', 'voy_search_bg.js', { fresh: true });
    const bytes = await env.readBytes('voy-search', 'voy_search_bg.wasm');
    const { instance } = await WebAssembly.instantiate(bytes, { './voy_search_bg.js': glue });
    glue.__wbg_set_wasm(instance.exports);
    let index = null;
    const notes = [];
    return {
      notes,
      build(base, metric) {
        if (metric === 'cosine') notes.push('L2 on unit vectors (ranks as cosine)');
        const embeddings = new Array(base.count);
        for (let i = 0; i < base.count; i++) {
          const v = base.data.subarray(i * base.dim, (i + 1) * base.dim);
          embeddings[i] = { id: String(i), title: '', url: '', embeddings: Array.from(v) };
        }
        index = withPanicText(() => new glue.Voy({ embeddings }));
      },
      search: (q, k) => index.search(q, k),
      toIds: (r) => r.neighbors.map((n) => Number(n.id)),
      ownMemory: () => null,
      wasmMemory: () => instance.exports.memory.buffer.byteLength,
      persistence: () => ({
        store: 'in-memory string (serialize/deserialize)',
        save: () => index.serialize(),
        load: (saved) => {
          const loaded = glue.Voy.deserialize(saved);
          return { search: (q, k) => loaded.search(q, k).neighbors.map((n) => Number(n.id)) };
        },
      }),
      dispose() {
        try {
          index?.free();
        } catch (e) {
          notes.push(`free failed: ${errorText(e)}`);
        }
        index = null;
      },
    };
  },
};
