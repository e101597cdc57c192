// hnswlib-wasm 0.8.2 (C++ hnswlib through emscripten; the .wasm is inlined as base64 in its JS).
// Built for ENVIRONMENT=web only, so in Node it fails at load ("not compiled for this environment"):
// the bench tries anyway and reports the error. Persistence: writeIndex into emscripten's FS, then
// syncFS to IndexedDB (IDBFS); the load side reads it back in a fresh module instance.
import { HNSW_M, HNSW_EF_CONSTRUCTION, BATCH, errorText, LINEAR_MEMORY } from './common.js';

const FACTORY_FILE = 'dist/hnswlib-317962d7.js';

function waitFor(check, what) {
  return new Promise((resolve, reject) => {
    const start = Date.now();
    const poll = () => {
      if (check()) resolve();
      else if (Date.now() - start > 10_000) reject(new Error(`hnswlib-wasm: ${what} timed out`));
      else setTimeout(poll, 10);
    };
    poll();
  });
}

async function startModule(env) {
  const factory = (await env.importModule('hnswlib-wasm', FACTORY_FILE)).default;
  try {
    return await factory();
  } catch (e) {
    // Its message goes on about HTML builds and ENVIRONMENT; the first clause says it all.
    throw new Error(`cannot load here: ${errorText(e).split(' (')[0]}`);
  }
}

/** Mounts IDBFS; the mount reads what IndexedDB holds into the in-memory FS (part of a load's cost). */
async function mountIdbfs(lib) {
  const fs = lib.EmscriptenFileSystemManager;
  if (typeof indexedDB !== 'undefined' && !fs.isInitialized()) {
    fs.initializeFileSystem('IDBFS');
    await waitFor(() => fs.isInitialized(), 'IDBFS initialisation');
    // Mounting starts a read sync of its own; a second one started before it ends only warns and redoes it.
    await waitFor(() => fs.isSynced(), 'IDBFS first sync');
  }
  return lib;
}

const startLibrary = async (env) => mountIdbfs(await startModule(env));

const syncFs = (lib, read) => new Promise((resolve, reject) => {
  try {
    lib.EmscriptenFileSystemManager.syncFS(read, () => resolve());
  } catch (e) {
    reject(e);
  }
});

export const hnswlibAdapter = {
  id: 'hnswlib',
  label: 'hnswlib-wasm 0.8.2',
  tunable: true,
  ...LINEAR_MEMORY,
  bundle: { package: 'hnswlib-wasm', files: ['dist/hnswlib.js', FACTORY_FILE] },
  supports: () => null,
  nativeIds: (result) => result.neighbors,

  /**
   * A fresh module instance (untimed); its `load(name)` mounts IDBFS (reading IndexedDB into the in-memory
   * FS), syncs once more and reads the index. `meta`: what readIndex needs and the ef to search with.
   */
  async reopen(env, { space, dim, count, ef }) {
    const lib = await startModule(env);
    return {
      load: async (name) => {
        await mountIdbfs(lib);
        await syncFs(lib, true);
        if (!lib.EmscriptenFileSystemManager.checkFileExists(name)) throw new Error(`${name} not in IDBFS after sync`);
        const loaded = new lib.HierarchicalNSW(space, dim, '');
        await loaded.readIndex(name, count);
        loaded.setEfSearch(ef);
        return { search: (q, k) => loaded.searchKnn(q, k, undefined) };
      },
    };
  },

  async open(env) {
    const lib = await startLibrary(env);
    const memory = () => (lib.asm?.memory ?? lib.HEAPU8)?.buffer?.byteLength ?? null;
    let index = null;
    let space = null;
    let base = null;
    return {
      notes: [],
      build(b, metric, { efConstruction = HNSW_EF_CONSTRUCTION, efSearch } = {}) {
        base = b;
        space = metric; // 'cosine' and 'l2' are hnswlib space names too
        index = new lib.HierarchicalNSW(space, b.dim, '');
        index.initIndex(b.count, HNSW_M, efConstruction, 100);
        for (let i = 0; i < b.count; i += BATCH) {
          const n = Math.min(BATCH, b.count - i);
          const items = new Array(n);
          const labels = new Array(n);
          for (let j = 0; j < n; j++) {
            items[j] = b.data.subarray((i + j) * b.dim, (i + j + 1) * b.dim);
            labels[j] = i + j;
          }
          index.addPoints(items, labels, false);
        }
        if (efSearch) index.setEfSearch(efSearch);
      },
      searchWithEf(q, k, ef) {
        index.setEfSearch(ef);
        return index.searchKnn(q, k, undefined).neighbors;
      },
      useEf(ef) {
        index.setEfSearch(ef);
      },
      search: (q, k) => index.searchKnn(q, k, undefined),
      toIds: (r) => r.neighbors,
      ownMemory: () => null,
      wasmMemory: memory,
      persistence() {
        if (typeof indexedDB === 'undefined') return { unsupported: 'IDBFS needs IndexedDB' };
        const meta = { space, dim: base.dim, count: base.count, ef: index.getEfSearch() };
        return {
          store: 'IndexedDB (emscripten IDBFS)',
          meta,
          save: async (name) => {
            await index.writeIndex(name);
            await syncFs(lib, false);
          },
          load: async (name) => {
            const loaded = await (await hnswlibAdapter.reopen(env, meta)).load(name);
            return { search: (q, k) => loaded.search(q, k).neighbors };
          },
        };
      },
      dispose() {
        index = null;
      },
    };
  },
};
