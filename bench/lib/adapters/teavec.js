// TeaVec through its public API only (npm-package/dist), so the harness survives engine changes.
import { HNSW_M, HNSW_M0, HNSW_EF_CONSTRUCTION, BATCH, idLookup } from './common.js';

/**
 * Persistence hook: plugs in by itself once the package grows EdgeVec-style `index.save(name)` and
 * `EdgeVec.load(name)` (the persistence work in progress); until then the bench reports "n/a".
 */
function persistenceFor(teavec, index, toIds) {
  const { EdgeVec } = teavec;
  if (typeof index.save !== 'function' || typeof EdgeVec.load !== 'function') {
    return { unsupported: 'not in the package yet: persistence is being built' };
  }
  return {
    store: 'IndexedDB',
    save: (name) => index.save(name),
    load: async (name) => {
      const loaded = await EdgeVec.load(name);
      return { search: (q, k) => toIds(loaded.search(q, k)) };
    },
  };
}

export function teavecAdapter({ quantization }) {
  const sq8 = quantization === 'sq8';
  return {
    id: sq8 ? 'teavec-sq8' : 'teavec-f32',
    label: sq8 ? 'TeaVec SQ8' : 'TeaVec float32',
    teavec: true,
    tunable: true,
    memorySource: 'heap',
    memoryNote: 'JS heap growth (Wasm GC objects live in the JS heap)',
    bundle: { package: 'teavec', files: ['teavec.wasm', 'teavec.js'] },
    supports: () => null,

    async open(env) {
      const teavec = await env.importModule('teavec', 'teavec.js');
      await teavec.default();
      const { EdgeVec, EdgeVecConfig } = teavec;
      let index = null;
      let lookup = null;
      let ef = 0;
      const toIds = (results) => results.map((r) => lookup[r.id]);
      return {
        build(base, metric) {
          const config = new EdgeVecConfig(base.dim);
          config.metric = metric;
          config.indexType = 'hnsw';
          config.quantization = sq8 ? 'sq8' : 'none';
          config.m = HNSW_M;
          config.m0 = HNSW_M0;
          config.ef_construction = HNSW_EF_CONSTRUCTION;
          index = new EdgeVec(config);
          const ids = new Uint32Array(base.count);
          for (let i = 0; i < base.count; i += BATCH) {
            const n = Math.min(BATCH, base.count - i);
            ids.set(index.insertBatchFlat(base.data.subarray(i * base.dim, (i + n) * base.dim), n), i);
          }
          lookup = idLookup(ids);
        },
        searchWithEf: (q, k, e) => toIds(index.search(q, k, { efSearch: e })),
        useEf(e) {
          ef = e;
        },
        search: (q, k) => index.search(q, k, { efSearch: ef }),
        toIds,
        ownMemory: () => index.memoryUsage(),
        wasmMemory: () => null,
        persistence: () => persistenceFor(teavec, index, toIds),
        dispose() {
          // The vectors live in Wasm linear memory, which only free() returns (or, later, the GC's finalizer).
          index?.free();
          index = null;
        },
      };
    },
  };
}
