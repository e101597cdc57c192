// TeaVec through its public API only (npm-package/dist), so the harness survives engine changes.
// One adapter per vector encoding (VARIANTS). float32 and SQ8 run on the core engine (teavec.wasm); the
// extended encodings (float16, sq4, binary, pq) on teavec-quantization.wasm, the engine of teavec/quantization,
// loaded into a fresh instance of teavec.js the way that entry's init() does it (its .wasm and its SIMD kernels
// handed to teavec's init as `module` and `simd`).
import { HNSW_M, HNSW_M0, HNSW_EF_CONSTRUCTION, BATCH, idLookup, SkipError } from './common.js';

const hasPersistence = ({ EdgeVec }) => typeof EdgeVec.prototype.save === 'function' && typeof EdgeVec.load === 'function';

/** Every TeaVec row the bench knows, in table order. `extended`: needs teavec-quantization.wasm. */
export const VARIANTS = [
  { id: 'teavec-f32', label: 'TeaVec float32', quantization: 'none' },
  // float32 on the engine of teavec/quantization, which alone builds with the settled construction beam
  // (SettledBeamStop) and stores batches region by region.
  { id: 'teavec-f32-quantization', label: 'TeaVec float32, quantization engine', quantization: 'none', extended: true },
  { id: 'teavec-sq8', label: 'TeaVec SQ8', quantization: 'sq8' },
  { id: 'teavec-sq8-rerank', label: 'TeaVec SQ8 + rerank', quantization: 'sq8', rerank: true },
  // The same collection after compact() renumbered its nodes for memory locality: only the engine with every
  // encoding (teavec/quantization) holds that reorder; the core engine's compact() leaves an index without
  // tombstones as it is.
  { id: 'teavec-sq8-rerank-reordered', label: 'TeaVec SQ8 + rerank, reordered', quantization: 'sq8', rerank: true, extended: true, reorder: true },
  { id: 'teavec-f16', label: 'TeaVec float16', quantization: 'float16', extended: true },
  { id: 'teavec-sq4', label: 'TeaVec SQ4', quantization: 'sq4', extended: true },
  { id: 'teavec-sq4-rerank', label: 'TeaVec SQ4 + rerank', quantization: 'sq4', rerank: true, extended: true },
  { id: 'teavec-binary', label: 'TeaVec binary + rerank', quantization: 'binary', rerank: true, extended: true },
  { id: 'teavec-pq', label: 'TeaVec PQ + rerank', quantization: 'pq', rerank: true, extended: true },
];

const QUANTIZATION_ENGINE = { wasm: 'teavec-quantization.wasm', simd: 'teavec-quantization-simd.wasm' };

/** `spec` = a number of sub-spaces or `dim/D` (D dimensions per sub-space); the bench's default is dim/8. */
export function pqSubspacesFor(spec, dim) {
  const text = String(spec ?? 'dim/8');
  const per = /^dim\/(\d+)$/.exec(text);
  const m = per ? Math.max(1, Math.floor(dim / Number(per[1]))) : Number(text);
  if (!Number.isInteger(m) || m < 1) throw new Error(`--pq-subspaces takes N or dim/D, got ${text}`);
  return m;
}

// Compiled once per runtime: the same bytes serve every fresh instance.
let quantizationModules = null;
function compileQuantizationEngine(env) {
  quantizationModules ??= Promise.all([
    env.readBytes('teavec', QUANTIZATION_ENGINE.wasm).then((b) => WebAssembly.compile(b)),
    env.readBytes('teavec', QUANTIZATION_ENGINE.simd).then((b) => WebAssembly.compile(b)),
  ]).then(([module, simd]) => ({ module, simd }));
  return quantizationModules;
}

/**
 * Imports the package and initialises it (with the quantization engine when `extended`). With `fresh`, a new
 * module instance whose Wasm linear memory (where the SIMD build keeps vectors) is captured as the loader
 * creates it, so the bench can read its size the way it reads the peers' linear memory.
 */
async function startModule(env, { fresh = false, extended = false } = {}) {
  const teavec = await env.importModule('teavec', 'teavec.js', { fresh });
  const init = extended ? await compileQuantizationEngine(env) : undefined;
  const Original = WebAssembly.Memory;
  let memory = null;
  WebAssembly.Memory = function Memory(descriptor) {
    const m = new Original(descriptor);
    memory ??= m;
    return m;
  };
  WebAssembly.Memory.prototype = Original.prototype;
  try {
    await teavec.default(init);
  } finally {
    WebAssembly.Memory = Original;
  }
  return { teavec, memory };
}

/**
 * Persistence hook: EdgeVec-style `index.save(name)` / `EdgeVec.load(name)` through IndexedDB, plus the
 * in-memory `toBytes` / `fromBytes` pair (`bytes`). "n/a" with a package built before persistence existed.
 */
function persistenceFor(adapter, env, teavec, index, query, toIds) {
  if (!hasPersistence(teavec)) return { unsupported: 'not in this build of the package' };
  if (typeof indexedDB === 'undefined') return { unsupported: 'IndexedDB only, none in Node (saveToFile there)' };
  const meta = { ...query };
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
        return { search: (q, k) => copy.search(q, k, searchOptions(meta)) };
      },
    },
  };
  return p;
}

/** The per-query options: ef, and rerankK where set (undefined: the engine's default, every candidate of the beam). */
function searchOptions({ ef, rerankK }) {
  return rerankK ? { efSearch: ef, rerankK } : { efSearch: ef };
}

/** Engine refusals that mean "this build has no such encoding (yet)", not a bench failure. */
function refusal(e, variant) {
  if (e?.code !== 'NOT_SUPPORTED' && e?.code !== 'INVALID_CONFIG') return e;
  const engine = variant.extended ? QUANTIZATION_ENGINE.wasm : 'teavec.wasm';
  const message = String(e.message).split('\n')[0];
  // NOT_SUPPORTED: the encoding is not in this engine build (yet); INVALID_CONFIG says what it did not take.
  return new SkipError(`not run: ${engine} refused quantization '${variant.quantization}'${variant.rerank ? ' + rerank' : ''}`
    + ` (${e.code}${e.code === 'INVALID_CONFIG' ? `: ${message}` : ''})`, message);
}

export function teavecAdapter(variant) {
  const { quantization, rerank = false, extended = false } = variant;
  const adapter = {
    id: variant.id,
    label: variant.label,
    teavec: true,
    tunable: true,
    rerank,
    memorySource: 'heap+wasm',
    memoryNote: 'JS heap growth (Wasm GC objects: graph, ids) + linear memory of a fresh instance (vectors, SIMD scratch)',
    ownNote: 'index.memoryUsage(): codes/vectors + kept floats + HNSW graph (neighbour ids and keys, upper levels) + ids',
    bundle: { package: 'teavec', files: extended ? [QUANTIZATION_ENGINE.wasm, 'teavec.js', 'quantization.js'] : ['teavec.wasm', 'teavec.js'] },
    supports: () => null,
    nativeIds: (results) => results.map((r) => r.id),

    /** The module (untimed); `load(name)` reads the newest verified generation from IndexedDB. */
    async reopen(env, query) {
      const { EdgeVec } = (await startModule(env, { fresh: extended, extended })).teavec;
      return {
        load: async (name) => {
          const loaded = await EdgeVec.load(name);
          return { search: (q, k) => loaded.search(q, k, searchOptions(query)) };
        },
      };
    },

    async open(env, opts = {}) {
      const { teavec, memory } = await startModule(env, { fresh: true, extended });
      const { EdgeVec, EdgeVecConfig } = teavec;
      let index = null;
      let lookup = null;
      const query = { ef: 0, rerankK: 0 };
      const notes = [`engine ${extended ? QUANTIZATION_ENGINE.wasm : 'teavec.wasm'} (${teavec.simdBackend?.() ?? '?'} kernels)`];
      const toIds = (results) => results.map((r) => lookup[r.id]);
      return {
        notes,
        build(base, metric, { efConstruction = HNSW_EF_CONSTRUCTION, efSearch = 0 } = {}) {
          const config = new EdgeVecConfig(base.dim);
          config.metric = metric;
          config.indexType = 'hnsw';
          config.quantization = quantization;
          if (rerank) config.rerank = true;
          if (quantization === 'pq') {
            const m = pqSubspacesFor(opts.pqSubspaces, base.dim);
            if ('pqSubspaces' in EdgeVecConfig.prototype) {
              config.pqSubspaces = m;
              notes.push(`pqSubspaces ${m}`);
            } else {
              notes.push(`this build has no pqSubspaces setting: the engine's default sub-spaces (wanted ${m})`);
            }
          }
          config.m = HNSW_M;
          config.m0 = HNSW_M0;
          config.ef_construction = efConstruction;
          if (efSearch) config.ef_search = efSearch;
          try {
            index = new EdgeVec(config);
          } catch (e) {
            throw refusal(e, variant);
          }
          const ids = new Uint32Array(base.count);
          for (let i = 0; i < base.count; i += BATCH) {
            const n = Math.min(BATCH, base.count - i);
            ids.set(index.insertBatchFlat(base.data.subarray(i * base.dim, (i + n) * base.dim), n), i);
          }
          lookup = idLookup(ids);
          query.ef = efSearch;
        },
        // compact() with nothing deleted renumbers the nodes so that graph neighbours sit close in memory (fewer
        // pages and lines per search); timed apart from the build.
        optimize: variant.reorder ? () => index.compact() : undefined,
        searchWithEf: (q, k, e) => toIds(index.search(q, k, { efSearch: e })),
        useEf(e) {
          query.ef = e;
        },
        /** Rerank variants: the search at the tuned ef with `rerankK` candidates re-scored (tuned after ef). */
        searchWithRerankK: rerank ? (q, k, r) => toIds(index.search(q, k, { efSearch: query.ef, rerankK: r })) : undefined,
        useRerankK(r) {
          query.rerankK = r;
        },
        search: (q, k) => index.search(q, k, searchOptions(query)),
        toIds,
        ownMemory: () => index.memoryUsage(),
        wasmMemory: () => memory?.buffer.byteLength ?? null,
        persistence: () => persistenceFor(adapter, env, teavec, index, query, toIds),
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
