// A seeded synthetic data set shaped like the one the rivals were measured on (peers.md): n vectors in
// `clusters` Gaussian clusters, unit length (cosine), queries drawn the same way, exact top-k by brute
// force in double precision. Same seed, same data, in Node and in the browser.
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(random) {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

function clusteredVectors(random, centers, count, dim, spread) {
  const data = new Float32Array(count * dim);
  for (let i = 0; i < count; i++) {
    const c = Math.floor(random() * centers.length);
    let norm = 0;
    for (let j = 0; j < dim; j++) {
      const x = centers[c][j] + spread * gaussian(random);
      data[i * dim + j] = x;
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    for (let j = 0; j < dim; j++) data[i * dim + j] /= norm;
  }
  return { count, dim, data };
}

function exactTopK(base, queries, k) {
  const { dim } = base;
  const truth = new Int32Array(queries.count * k);
  const best = new Float64Array(k);
  const ids = new Int32Array(k);
  for (let q = 0; q < queries.count; q++) {
    best.fill(-Infinity);
    ids.fill(-1);
    const qo = q * dim;
    for (let i = 0; i < base.count; i++) {
      let dot = 0;
      const bo = i * dim;
      for (let j = 0; j < dim; j++) dot += queries.data[qo + j] * base.data[bo + j];
      if (dot > best[k - 1]) {
        let p = k - 1;
        while (p > 0 && best[p - 1] < dot) {
          best[p] = best[p - 1];
          ids[p] = ids[p - 1];
          p--;
        }
        best[p] = dot;
        ids[p] = i;
      }
    }
    truth.set(ids, q * k);
  }
  return { count: queries.count, dim: k, data: truth };
}

/** `clusters` centres, each vector its centre plus N(0, spread²) noise per dimension, normalised. */
export function clusteredDataset({ n = 10000, dim = 384, clusters = 100, spread = 0.6, queries = 500, seed = 7 } = {}) {
  const random = mulberry32(seed);
  const centers = [];
  for (let c = 0; c < clusters; c++) {
    centers.push(Float64Array.from({ length: dim }, () => gaussian(random)));
  }
  const base = clusteredVectors(random, centers, n, dim, spread);
  const query = clusteredVectors(random, centers, queries, dim, spread);
  return {
    name: `synthetic-${Math.round(n / 1000)}k-${dim}`,
    metric: 'cosine',
    base,
    queries: query,
    truth: exactTopK(base, query, 10),
  };
}
