// Seeded clustered vectors that look more like embeddings than uniform noise does: points scattered
// around unit-length cluster centres of uneven size and spread, plus a share of background noise,
// all normalised so cosine and L2 rank alike. Runtime-agnostic (Node generates; pages only read files).

/**
 * mulberry32: a small, fast 32-bit PRNG; same seed, same stream on every engine. Gaussians by Box–Muller:
 * `pairedGaussians` keeps the second value of each pair for the next call; without it that value is
 * dropped (two uniforms per Gaussian: the stream `clusteredDataset` has always used).
 */
export function createRandom(seed, { pairedGaussians = true } = {}) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let spare = null;
  const gaussian = () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    const u = 1 - next();
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    if (pairedGaussians) spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  return { next, gaussian };
}

function normalise(v) {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
  for (let i = 0; i < v.length; i++) v[i] *= inv;
}

/**
 * The mixture every point of a synthetic set is drawn from. It depends on `fullCount` (not on how many
 * points are drawn), so a `--size`-limited run uses a prefix of the full set.
 */
export function createMixture({ fullCount, dim, seed }) {
  const rnd = createRandom(seed);
  const clusters = Math.max(8, Math.round(Math.sqrt(fullCount)));
  const centres = new Float32Array(clusters * dim);
  const spread = new Float64Array(clusters);
  for (let c = 0; c < clusters; c++) {
    const centre = centres.subarray(c * dim, (c + 1) * dim);
    for (let j = 0; j < dim; j++) centre[j] = rnd.gaussian();
    normalise(centre);
    // Noise norm relative to the unit centre: tight and loose clusters.
    spread[c] = 0.45 + 0.6 * rnd.next();
  }
  const cumulative = zipfCumulative(clusters);
  const sigma = 1 / Math.sqrt(dim);
  /** Draws `count` normalised points from stream `streamSeed` into a new Float32Array. */
  const draw = (count, streamSeed) => drawPoints(count, streamSeed, dim, cumulative, (v, c, r) => {
    const centre = centres.subarray(c * dim, (c + 1) * dim);
    const s = spread[c] * sigma;
    for (let j = 0; j < dim; j++) v[j] = centre[j] + s * r.gaussian();
  });
  return { clusters, draw };
}

/** Zipf-like cluster sizes (a few big topics, many small ones) as a normalised cumulative distribution. */
function zipfCumulative(clusters) {
  const cumulative = new Float64Array(clusters);
  let total = 0;
  for (let c = 0; c < clusters; c++) {
    total += 1 / (1 + c) ** 0.7;
    cumulative[c] = total;
  }
  for (let c = 0; c < clusters; c++) cumulative[c] /= total;
  return cumulative;
}

/**
 * `count` normalised points from stream `streamSeed`: 5% background noise, the rest from a cluster picked by
 * `cumulative`, whose point `clusterPoint(v, c, r)` writes into v.
 */
function drawPoints(count, streamSeed, dim, cumulative, clusterPoint) {
  const backgroundShare = 0.05;
  const r = createRandom(streamSeed);
  const out = new Float32Array(count * dim);
  for (let i = 0; i < count; i++) {
    const v = out.subarray(i * dim, (i + 1) * dim);
    if (r.next() < backgroundShare) {
      for (let j = 0; j < dim; j++) v[j] = r.gaussian();
    } else {
      const u = r.next();
      let c = 0;
      while (c < cumulative.length - 1 && cumulative[c] < u) c++;
      clusterPoint(v, c, r);
    }
    normalise(v);
  }
  return out;
}

/**
 * Exact top-k by inner product (cosine on normalised vectors), best first; ids are base rows.
 * Returns an Int32Array of queryCount × k.
 */
export function bruteForceTopK(base, queries, dim, k) {
  const n = base.length / dim;
  const nq = queries.length / dim;
  const out = new Int32Array(nq * k);
  const bestScore = new Float64Array(k);
  const bestId = new Int32Array(k);
  for (let q = 0; q < nq; q++) {
    bestScore.fill(-Infinity);
    bestId.fill(-1);
    const qo = q * dim;
    for (let i = 0; i < n; i++) {
      const bo = i * dim;
      let dot = 0;
      for (let j = 0; j < dim; j++) dot += base[bo + j] * queries[qo + j];
      if (dot <= bestScore[k - 1]) continue;
      let at = k - 1;
      while (at > 0 && bestScore[at - 1] < dot) {
        bestScore[at] = bestScore[at - 1];
        bestId[at] = bestId[at - 1];
        at--;
      }
      bestScore[at] = dot;
      bestId[at] = i;
    }
    out.set(bestId, q * k);
  }
  return out;
}

/**
 * engine.mjs's synthetic set, shaped like the one the rivals were measured on (peers.md): `n` vectors
 * around `clusters` Gaussian centres (uniform cluster choice, N(0, spread²) per dimension), normalised
 * (cosine), queries drawn the same way, exact top-10. Same seed, same bytes as before it moved here.
 */
export function clusteredDataset({ n = 10000, dim = 384, clusters = 100, spread = 0.6, queries = 500, seed = 7 } = {}) {
  const random = createRandom(seed, { pairedGaussians: false });
  const centers = [];
  for (let c = 0; c < clusters; c++) centers.push(Float64Array.from({ length: dim }, () => random.gaussian()));
  const draw = (count) => {
    const data = new Float32Array(count * dim);
    for (let i = 0; i < count; i++) {
      const centre = centers[Math.floor(random.next() * clusters)];
      // The norm is taken before rounding to float32 and divided by: this set's numbers, kept as they were.
      let norm = 0;
      for (let j = 0; j < dim; j++) {
        const x = centre[j] + spread * random.gaussian();
        data[i * dim + j] = x;
        norm += x * x;
      }
      norm = Math.sqrt(norm);
      for (let j = 0; j < dim; j++) data[i * dim + j] /= norm;
    }
    return { count, dim, data };
  };
  const base = draw(n);
  const query = draw(queries);
  return {
    name: `synthetic-${Math.round(n / 1000)}k-${dim}`,
    metric: 'cosine',
    base,
    queries: query,
    truth: { count: queries, dim: 10, data: bruteForceTopK(base.data, query.data, dim, 10) },
  };
}

/**
 * An embedding-like mixture (issue #16), an option next to {@link createMixture}, which stays the default: real sentence
 * embeddings are far from isotropic (WordNet-MiniLM at 25k: local intrinsic dimensionality about 23 by MLE at k = 20,
 * against about 74 for createMixture's Gaussian clusters; see bench/intrinsic.mjs). Here √fullCount clusters of Zipf-like
 * sizes sit around unit centres grouped under √clusters topics (so that clusters are not all orthogonal), and each
 * cluster spreads along `rank` random directions of its own with geometrically decaying spread (`decay` per direction,
 * total norm `spread` relative to the unit centre), plus isotropic noise of norm `noise` and 5% background points.
 * The defaults were calibrated to WordNet-MiniLM's LID and relative contrast at 25k (README "Performance").
 * Same seed, same bytes; a draw depends on `fullCount`, not on how many points are drawn.
 */
export function createLowRankMixture({ fullCount, dim, seed, rank = 64, decay = 0.97, spread = 1.6, noise = 0.3, topicShare = 0.6 }) {
  const rnd = createRandom(seed ^ 0x2545f491);
  const clusters = Math.max(8, Math.round(Math.sqrt(fullCount)));
  const topics = Math.max(4, Math.round(Math.sqrt(clusters)));
  const unit = () => {
    const v = new Float32Array(dim);
    for (let j = 0; j < dim; j++) v[j] = rnd.gaussian();
    normalise(v);
    return v;
  };
  const topicCentres = Array.from({ length: topics }, unit);
  const centres = new Float32Array(clusters * dim);
  const basis = new Float32Array(clusters * rank * dim);
  const scales = new Float64Array(rank);
  let norm = 0;
  for (let i = 0; i < rank; i++) norm += decay ** (2 * i);
  for (let i = 0; i < rank; i++) scales[i] = (spread * decay ** i) / Math.sqrt(norm);
  for (let c = 0; c < clusters; c++) {
    const topic = topicCentres[Math.floor(rnd.next() * topics)];
    const own = unit();
    const centre = centres.subarray(c * dim, (c + 1) * dim);
    for (let j = 0; j < dim; j++) centre[j] = topicShare * topic[j] + own[j];
    normalise(centre);
    for (let i = 0; i < rank; i++) basis.set(unit(), (c * rank + i) * dim);
  }
  const cumulative = zipfCumulative(clusters);
  const sigma = noise / Math.sqrt(dim);
  const draw = (count, streamSeed) => drawPoints(count, streamSeed, dim, cumulative, (v, c, r) => {
    v.set(centres.subarray(c * dim, (c + 1) * dim));
    for (let a = 0; a < rank; a++) {
      const w = scales[a] * r.gaussian();
      const b = (c * rank + a) * dim;
      for (let j = 0; j < dim; j++) v[j] += w * basis[b + j];
    }
    for (let j = 0; j < dim; j++) v[j] += sigma * r.gaussian();
  });
  return { clusters, draw };
}
