// @orama/orama 3 (pure JS): vector search is an exact scan by cosine similarity that drops hits
// below `similarity` (default 0.8, which would return fewer than k); the bench passes -1 so every
// vector qualifies and the top k come back. Cosine only: on L2 sets its ranking differs from the truth.
export const oramaAdapter = {
  id: 'orama',
  label: 'Orama 3',
  tunable: false,
  exact: true,
  memorySource: 'heap',
  memoryNote: 'JS heap growth',
  bundle: { package: '@orama/orama', files: ['dist/browser/**/*.js'] },
  defaultWorkLimit: 25_000 * 384,
  supports: () => null,

  async open(env) {
    const orama = await env.importModule('@orama/orama', env.runtime === 'node' ? 'dist/esm/index.js' : 'dist/browser/index.js');
    let db = null;
    let schema = null;
    const notes = [];
    const params = (q, k) => ({ mode: 'vector', vector: { value: q, property: 'v' }, similarity: -1, limit: k, includeVectors: false });
    const toIds = (r) => r.hits.map((h) => Number(h.id));
    return {
      notes,
      build(base, metric) {
        if (metric !== 'cosine') notes.push(`ranks by cosine (its only vector metric) on a ${metric} set`);
        schema = { v: `vector[${base.dim}]` };
        db = orama.create({ schema });
        const docs = new Array(base.count);
        // Its schema check takes only plain arrays for vector[n] fields (a Float32Array is refused with "declared
        // as a 128-dimensional vector, but got a 128-dimensional vector"); it keeps that array in the document
        // and a Float32Array copy in its vector index, and the heap figure counts both.
        for (let i = 0; i < base.count; i++) docs[i] = { id: String(i), v: Array.from(base.data.subarray(i * base.dim, (i + 1) * base.dim)) };
        orama.insertMultiple(db, docs, 1000);
      },
      search: (q, k) => orama.search(db, params(q, k)),
      toIds,
      ownMemory: () => null,
      wasmMemory: () => null,
      persistence: () => ({
        store: 'in-memory object (save/load)',
        save: () => orama.save(db),
        load: (saved) => {
          const loaded = orama.create({ schema });
          orama.load(loaded, saved);
          return { search: (q, k) => toIds(orama.search(loaded, params(q, k))) };
        },
      }),
      dispose() {
        db = null;
      },
    };
  },
};
