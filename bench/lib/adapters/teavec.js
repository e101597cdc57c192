// TeaVec through its public API only (npm-package/dist), so the harness survives engine changes.
import { HNSW_M, HNSW_M0, HNSW_EF_CONSTRUCTION, BATCH, idLookup } from './common.js';

const hasPersistence = ({ EdgeVec }) => typeof EdgeVec.prototype.save === 'function' && typeof EdgeVec.load === 'function';

/**
 * Imports the package and initialises it. With `fresh`, a new module instance whose Wasm linear memory
 * (where the SIMD build keeps vectors) is captured as the loader creates it, so the bench can read its
 * size the way it reads the peers' linear memory.
 */
async function startModule(env, { fresh = false } = {}) {
  const teavec = await env.importModule('teavec', 'teavec.js', { fresh });
  const Original = WebAssembly.Memory;
  let memory = null;
  WebAssembly.Memory = function Memory(descriptor) {
    const m = new Original(descriptor);
    memory ??= m;
    return m;
  };
  WebAssembly.Memory.prototype = Original.prototype;
  try {
    await teavec.default();
  } finally {
    WebAssembly.Memory = Original;
  }
  return { teavec, memory };
}

/**
 * Persistence hook: EdgeVec-style `index.save(name)` / `EdgeVec.load(name)` through IndexedDB, plus the
 * in-memory `toBytes` / `fromBytes` pair (`bytes`). "n/a" with a package built before persistence existed.
 */
function persistenceFor(adapter, env, teavec, index, ef, toIds) {
  if (!hasPersistence(teavec)) return { unsupported: 'not in this build of the package' };
  if (typeof indexedDB === 'undefined') return { unsupported: 'IndexedDB only, none in Node (saveToFile there)' };
  const meta = { ef };
  const p = {
    store: 'IndexedDB',
    meta,
    // Resolves to nothing, so a caller loads by name; what the save reported is kept in `saved`.
    save: async (name) => {
      p.saved = await index.save(name);
    },
    load: async (name) => {
      const loaded = await (await adapter.reopen(env, meta)).load(name);
      return { search: (q, k) => toIds(loaded.search(q, k)) };
    },
    bytes: {
      encode: () => index.toBytes(),
      decode: (bytes) => {
        const copy = teavec.EdgeVec.fromBytes(bytes);
        return { search: (q, k) => copy.search(q, k, { efSearch: ef }) };
      },
    },
  };
  return p;
}

export function teavecAdapter({ quantization }) {
  const sq8 = quantization === 'sq8';
  const adapter = {
    id: sq8 ? 'teavec-sq8' : 'teavec-f32',
    label: sq8 ? 'TeaVec SQ8' : 'TeaVec float32',
    teavec: true,
    tunable: true,
    memorySource: 'heap+wasm',
    memoryNote: 'JS heap growth (Wasm GC objects: graph, ids) + linear memory of a fresh instance (vectors, SIMD scratch)',
    bundle: { package: 'teavec', files: ['teavec.wasm', 'teavec.js'] },
    supports: () => null,
    nativeIds: (results) => results.map((r) => r.id),

    /** The module (untimed); `load(name)` reads the newest verified generation from IndexedDB. */
    async reopen(env, { ef }) {
      const { EdgeVec } = (await startModule(env)).teavec;
      return {
        load: async (name) => {
          const loaded = await EdgeVec.load(name);
          return { search: (q, k) => loaded.search(q, k, { efSearch: ef }) };
        },
      };
    },

    async open(env) {
      const { teavec, memory } = await startModule(env, { fresh: true });
      const { EdgeVec, EdgeVecConfig } = teavec;
      let index = null;
      let lookup = null;
      let ef = 0;
      const toIds = (results) => results.map((r) => lookup[r.id]);
      return {
        build(base, metric, { efConstruction = HNSW_EF_CONSTRUCTION, efSearch = 0 } = {}) {
          const config = new EdgeVecConfig(base.dim);
          config.metric = metric;
          config.indexType = 'hnsw';
          config.quantization = sq8 ? 'sq8' : 'none';
          config.m = HNSW_M;
          config.m0 = HNSW_M0;
          config.ef_construction = efConstruction;
          if (efSearch) config.ef_search = efSearch;
          index = new EdgeVec(config);
          const ids = new Uint32Array(base.count);
          for (let i = 0; i < base.count; i += BATCH) {
            const n = Math.min(BATCH, base.count - i);
            ids.set(index.insertBatchFlat(base.data.subarray(i * base.dim, (i + n) * base.dim), n), i);
          }
          lookup = idLookup(ids);
          ef = efSearch;
        },
        searchWithEf: (q, k, e) => toIds(index.search(q, k, { efSearch: e })),
        useEf(e) {
          ef = e;
        },
        search: (q, k) => index.search(q, k, { efSearch: ef }),
        toIds,
        ownMemory: () => index.memoryUsage(),
        wasmMemory: () => memory?.buffer.byteLength ?? null,
        persistence: () => persistenceFor(adapter, env, teavec, index, ef, toIds),
        dispose() {
          // The vectors live in Wasm linear memory, which only free() returns (or, later, the GC's finalizer).
          index?.free();
          index = null;
        },
      };
    },
  };
  return adapter;
}
