// The data of bench/million.mjs's pages: a seeded mixture drawn chunk by chunk (the set is never held whole), its
// queries, and their exact top-k merged as the chunks pass (inner product on unit vectors = cosine).
import { createLowRankMixture, createMixture } from './synthetic.js';

/**
 * The queries, their ground truth so far, and `chunk(first, count, chunkSize)`: vectors first..first+count of the set
 * (chunk number first / chunkSize of the mixture), merged into the truth; `drawMs` is the time that took, which the
 * pages keep out of build times.
 */
export function millionData(cfg, k = 10) {
  // cfg.set 'lowrank': the embedding-like set (synthetic.js); the default Gaussian-cluster set otherwise.
  const mixture = (cfg.set === 'lowrank' ? createLowRankMixture : createMixture)({ fullCount: cfg.n, dim: cfg.dims, seed: cfg.seed });
  const queries = mixture.draw(cfg.queries, cfg.seed * 7919 + 1);
  const truth = createTruth(queries, cfg.dims, k);
  const data = {
    queries,
    truth,
    drawMs: 0,
    chunk(first, count, chunkSize) {
      const t = performance.now();
      const vectors = mixture.draw(count, cfg.seed * 1_000_003 + first / chunkSize);
      truth.add(vectors, first);
      data.drawMs += performance.now() - t;
      return vectors;
    },
  };
  return data;
}

function createTruth(queries, dims, k) {
  const nq = queries.length / dims;
  const ids = new Int32Array(nq * k).fill(-1);
  const sims = new Float32Array(nq * k).fill(-Infinity);
  return {
    add(chunk, firstId) {
      const count = chunk.length / dims;
      for (let q = 0; q < nq; q++) {
        const query = queries.subarray(q * dims, (q + 1) * dims);
        const base = q * k;
        for (let i = 0; i < count; i++) {
          let s = 0;
          const off = i * dims;
          for (let d = 0; d < dims; d++) s += query[d] * chunk[off + d];
          if (s <= sims[base + k - 1]) continue;
          let j = k - 1;
          while (j > 0 && sims[base + j - 1] < s) {
            sims[base + j] = sims[base + j - 1];
            ids[base + j] = ids[base + j - 1];
            j--;
          }
          sims[base + j] = s;
          ids[base + j] = firstId + i;
        }
      }
    },
    of: (q) => ids.subarray(q * k, (q + 1) * k),
  };
}

export function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}
