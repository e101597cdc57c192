// .fvecs / .ivecs (TEXMEX layout: per record an int32 dimension, then that many float32 / int32,
// little-endian) parsed from bytes, so Node and the browser share one reader.
export function parseVecs(bytes, kind) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dim = view.getInt32(0, true);
  const record = 4 + 4 * dim;
  if (dim <= 0 || bytes.byteLength % record !== 0) {
    throw new Error(`not a .${kind}vecs file: dimension ${dim}, ${bytes.byteLength} bytes`);
  }
  const count = bytes.byteLength / record;
  const out = kind === 'f' ? new Float32Array(count * dim) : new Int32Array(count * dim);
  for (let i = 0; i < count; i++) {
    if (view.getInt32(i * record, true) !== dim) throw new Error(`record ${i} changes dimension`);
    for (let j = 0; j < dim; j++) {
      const at = i * record + 4 + 4 * j;
      out[i * dim + j] = kind === 'f' ? view.getFloat32(at, true) : view.getInt32(at, true);
    }
  }
  return { count, dim, data: out };
}

/** The real data sets of ../shared/data the benches use: file names relative to that folder. */
export const DATASETS = [
  {
    name: 'wordnet-minilm-384',
    metric: 'cosine',
    base: 'wordnet-minilm-384-angular/wordnet_minilm_base.fvecs',
    queries: 'wordnet-minilm-384-angular/wordnet_minilm_query.fvecs',
    truth: 'wordnet-minilm-384-angular/wordnet_minilm_groundtruth.ivecs',
  },
  {
    name: 'sift-5k-128',
    metric: 'l2',
    base: 'sift-5k-128-euclidean/sift5k_base.fvecs',
    queries: 'sift-5k-128-euclidean/sift5k_query.fvecs',
    truth: 'sift-5k-128-euclidean/sift5k_groundtruth.ivecs',
  },
];

/** Loads a data set through `read(relativePath) → Promise<Uint8Array>`. */
export async function loadDataset(spec, read) {
  const [base, queries, truth] = await Promise.all([spec.base, spec.queries, spec.truth].map(read));
  return {
    ...spec,
    base: parseVecs(base, 'f'),
    queries: parseVecs(queries, 'f'),
    truth: parseVecs(truth, 'i'),
  };
}
