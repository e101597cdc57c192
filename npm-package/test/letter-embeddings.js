// A deterministic stand-in for an embedding model in tests: each text becomes its letter counts, normalised.
export function letterVectors(texts) {
  return texts.map((t) => {
    const v = new Array(26).fill(0);
    for (const c of t.toLowerCase()) if (c >= 'a' && c <= 'z') v[c.charCodeAt(0) - 97] += 1;
    const n = Math.hypot(...v) || 1;
    return v.map((x) => x / n);
  });
}
