// EdgeVec 0.9.0 (Rust → Wasm). Quirks handled here, each stated in the output:
// - its 'cosine' and 'dot' metrics rank backwards (recall 0), so cosine sets run with 'l2' on the
//   unit-length vectors, which ranks the same;
// - ef_search is copied into the index at construction and nothing at search time overrides it (the
//   `efSearch` option of searchFiltered is ignored). Its search uses ef = max(ef_search, k), so ef is
//   tuned on an index built with ef_search = 10 by asking for k = ef and keeping the first 10 (the same
//   ids a search with that ef returns; checked), then the measured index is rebuilt with the tuned ef.
import { HNSW_M, HNSW_M0, HNSW_EF_CONSTRUCTION, BATCH, idLookup, errorText, LINEAR_MEMORY } from './common.js';

export async function startModule(env) {
  const mod = await env.importModule('edgevec', 'edgevec.js', { fresh: true });
  const wasmModule = await WebAssembly.compile(await env.readBytes('edgevec', 'edgevec_bg.wasm'));
  const exports = await mod.default({ module_or_path: wasmModule });
  return { mod, exports };
}

export const edgevecAdapter = {
  id: 'edgevec',
  label: 'EdgeVec 0.9.0',
  tunable: true,
  efAtBuild: true,
  ...LINEAR_MEMORY,
  bundle: { package: 'edgevec', files: ['edgevec_bg.wasm', 'edgevec.js', 'snippets/**/*.js'] },
  // Builds at ~300–400 vectors/s and is built twice (tuning + measured): skipped above this without --full.
  defaultWorkLimit: 20_000 * 768,
  supports: (ds) => (ds.metric === 'cosine' && !ds.normalised ? 'cosine on unnormalised data (its cosine is broken)' : null),

  /** Its own ids in a search result (what a reloaded page can compare: the row lookup is gone). */
  nativeIds: (results) => results.map((r) => r.id),

  /** A fresh module instance (untimed) whose `load(name)` reads what `save` wrote to IndexedDB. */
  async reopen(env) {
    const { mod } = await startModule(env);
    return { load: async (name) => mod.EdgeVec.load(name) };
  },

  async open(env) {
    const { mod, exports } = await startModule(env);
    let index = null;
    let lookup = null;
    let base = null;
    let metric = null;
    let efConstruction = HNSW_EF_CONSTRUCTION;
    const notes = [];
    notes.push(`SIMD backend: ${mod.getSimdBackend()}`);

    const construct = (efSearch) => {
      const config = new mod.EdgeVecConfig(base.dim);
      config.metric = metric;
      config.m = HNSW_M;
      config.m0 = HNSW_M0;
      config.ef_construction = efConstruction;
      config.ef_search = efSearch;
      const built = new mod.EdgeVec(config);
      const ids = new Uint32Array(base.count);
      for (let i = 0; i < base.count; i += BATCH) {
        const n = Math.min(BATCH, base.count - i);
        ids.set(built.insertBatchFlat(base.data.subarray(i * base.dim, (i + n) * base.dim), n), i);
      }
      lookup = idLookup(ids);
      return built;
    };
    const toIds = (results) => results.map((r) => lookup[r.id]);
    return {
      notes,
      /** `efSearch`: when the ef is known already (tuned in another runtime); else 10, for tuning. */
      build(b, m, { efSearch = 10, efConstruction: efc = HNSW_EF_CONSTRUCTION } = {}) {
        base = b;
        efConstruction = efc;
        metric = m === 'cosine' ? 'l2' : m;
        if (m === 'cosine') notes.push("cosine run as 'l2' on unit vectors (its cosine/dot rank backwards)");
        index = construct(efSearch);
      },
      searchWithEf: (q, k, ef) => toIds(index.search(q, Math.max(k, ef)).slice(0, k)),
      /** Rebuilds with ef_search = ef: the only way to set it. Returns true: the caller times it as a build. */
      useEf(ef) {
        index.free();
        index = null;
        index = construct(ef);
        return true;
      },
      search: (q, k) => index.search(q, k),
      toIds,
      ownMemory: () => index.memoryUsage(),
      wasmMemory: () => exports.memory.buffer.byteLength,
      persistence() {
        if (typeof indexedDB === 'undefined') return { unsupported: 'IndexedDB only, none in Node' };
        return {
          store: 'IndexedDB',
          meta: {},
          save: (name) => index.save(name),
          load: async (name) => {
            const loaded = await (await edgevecAdapter.reopen(env)).load(name);
            return { search: (q, k) => toIds(loaded.search(q, k)) };
          },
        };
      },
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
