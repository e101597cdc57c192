// EdgeVec 0.9.0's binary mode: `enableBQ()` on an empty index (each insert then also stores a sign-bit code),
// searched with `searchBQRescored(q, k, rescoreFactor)`: k · rescoreFactor candidates found on the codes,
// re-scored on the float32 vectors it keeps. The bench tunes rescoreFactor as it tunes ef for the graphs
// (lowest reaching the target recall on the tuning queries); a per-query argument, so nothing is rebuilt.
// Same quirks as edgevec.js: cosine sets run as 'l2' on unit vectors. Save/load: see the plain EdgeVec row.
import { HNSW_M, HNSW_M0, HNSW_EF_CONSTRUCTION, BATCH, idLookup, errorText, LINEAR_MEMORY, SkipError } from './common.js';
import { startModule } from './edgevec.js';

export const edgevecBqAdapter = {
  id: 'edgevec-bq',
  label: 'EdgeVec 0.9.0 BQ + rescore',
  tunable: true,
  tuneParameter: 'rescore ×',
  tuneCandidates: [1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 32, 40, 48, 64, 80, 100, 128, 160, 200],
  ...LINEAR_MEMORY,
  bundle: { package: 'edgevec', files: ['edgevec_bg.wasm', 'edgevec.js', 'snippets/**/*.js'] },
  // Builds at EdgeVec's speed (~300–400 vectors/s here), once: skipped above this without --full.
  defaultWorkLimit: 20_000 * 768,
  supports: (ds) => (ds.metric === 'cosine' && !ds.normalised ? 'cosine on unnormalised data (its cosine is broken)'
    : ds.base.dim % 8 ? 'dimensions not a multiple of 8 (its BQ needs them)' : null),
  nativeIds: (results) => results.map((r) => r.id),

  async open(env) {
    const { mod, exports } = await startModule(env);
    let index = null;
    let lookup = null;
    let factor = 0;
    const notes = [`SIMD backend: ${mod.getSimdBackend()}`];
    const toIds = (results) => results.map((r) => lookup[r.id]);
    return {
      notes,
      build(base, m, { efConstruction = HNSW_EF_CONSTRUCTION } = {}) {
        const config = new mod.EdgeVecConfig(base.dim);
        config.metric = m === 'cosine' ? 'l2' : m;
        if (m === 'cosine') notes.push("cosine run as 'l2' on unit vectors (its cosine/dot rank backwards)");
        config.m = HNSW_M;
        config.m0 = HNSW_M0;
        config.ef_construction = efConstruction;
        index = new mod.EdgeVec(config);
        try {
          if (!index.hasBQ()) index.enableBQ();
        } catch (e) {
          throw new SkipError(`enableBQ() refused: ${errorText(e)}`);
        }
        const ids = new Uint32Array(base.count);
        for (let i = 0; i < base.count; i += BATCH) {
          const n = Math.min(BATCH, base.count - i);
          ids.set(index.insertBatchFlat(base.data.subarray(i * base.dim, (i + n) * base.dim), n), i);
        }
        if (!index.hasBQ()) throw new Error('hasBQ() is false after enableBQ() and the inserts');
        lookup = idLookup(ids);
      },
      searchWithEf: (q, k, f) => toIds(index.searchBQRescored(q, k, f)),
      useEf(f) {
        factor = f;
      },
      search: (q, k) => index.searchBQRescored(q, k, factor),
      toIds,
      ownMemory: () => index.memoryUsage(),
      wasmMemory: () => exports.memory.buffer.byteLength,
      persistence: () => ({ unsupported: 'not run for BQ (see the EdgeVec row)' }),
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
