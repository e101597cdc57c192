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

/** The .fvecs / .ivecs bytes of `count` rows of `dim` values (Float32Array → f, Int32Array → i). */
export function toVecs(data, dim) {
  const count = data.length / dim;
  const bytes = new Uint8Array(count * (4 + 4 * dim));
  const view = new DataView(bytes.buffer);
  const isFloat = data instanceof Float32Array;
  for (let i = 0; i < count; i++) {
    const at = i * (4 + 4 * dim);
    view.setInt32(at, dim, true);
    for (let j = 0; j < dim; j++) {
      if (isFloat) view.setFloat32(at + 4 + 4 * j, data[i * dim + j], true);
      else view.setInt32(at + 4 + 4 * j, data[i * dim + j], true);
    }
  }
  return bytes;
}

function rows(vecs, from, to) {
  return { count: to - from, dim: vecs.dim, data: vecs.data.subarray(from * vecs.dim, to * vecs.dim) };
}

/**
 * Loads a data set for the peer bench: base, measured queries + truth and held-out tuning queries +
 * truth. `spec.tuningQueries` set: the first that many rows of the query file tune ef_search, the rest
 * are measured; `spec.tuneQueries`/`spec.tuneTruth` set: tuning queries come from their own files.
 */
export async function loadSplitDataset(spec, read) {
  const ds = await loadDataset(spec, read);
  if (spec.tuneQueries) {
    const [tq, tt] = await Promise.all([spec.tuneQueries, spec.tuneTruth].map(read));
    return { ...ds, tuneQueries: parseVecs(tq, 'f'), tuneTruth: parseVecs(tt, 'i') };
  }
  const t = spec.tuningQueries;
  if (!(t > 0 && t < ds.queries.count)) throw new Error(`${spec.name}: tuningQueries must split ${ds.queries.count} queries`);
  return {
    ...ds,
    tuneQueries: rows(ds.queries, 0, t),
    tuneTruth: rows(ds.truth, 0, t),
    queries: rows(ds.queries, t, ds.queries.count),
    truth: rows(ds.truth, t, ds.truth.count),
  };
}
