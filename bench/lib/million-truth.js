// The exact top-k of bench/million.mjs's queries, merged chunk by chunk as the data passes (the set is never held
// whole): inner product on unit vectors = cosine.
export function createTruth(queries, dims, k) {
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
