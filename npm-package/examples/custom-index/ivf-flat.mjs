// IVF-flat: an index type written in JavaScript for TeaVec (README, "Custom index types").
//
//   import { registerIndexType } from 'teavec';
//   import { ivfFlat } from './ivf-flat.mjs';
//   registerIndexType('ivf-flat', ivfFlat({ lists: 16, probes: 2 }));
//   // then: config.indexType = 'ivf-flat', or db.createCollection({ name, indexType: 'ivf-flat' })
//
// Vectors are grouped into inverted lists, one per centroid; the centroids are learnt by k-means on the
// first `train` vectors (until then every id waits in one list). A search offers every id of the lists
// whose centroids are nearest the query: at least `probes` lists, more until `budget` (the index's
// ef_search) ids are offered. TeaVec scores the candidates exactly on the vectors it stores, drops
// deleted and filtered-out ids and keeps the k best, so this index stores ids, not vectors, and never
// reports a distance itself. It needs no seed: k-means starts from the farthest-point centroids.

const FORMAT = 1;

/** The factory registerIndexType takes: new indexes, or indexes loaded from a snapshot's state. */
export function ivfFlat({ lists = 16, probes = 2, train = 512 } = {}) {
  return ({ dimensions, metric, state }) => (state
    ? IvfFlat.fromBytes(state, dimensions, metric)
    : new IvfFlat(dimensions, metric, { lists, probes, train }));
}

export class IvfFlat {
  #dims;
  #distance;
  #settings;
  /** Vectors waiting for training, by id; after training it stays empty. */
  #pending = new Map();
  #centroids = [];
  #lists = [];
  /** The list of each id placed in one. */
  #listOf = new Map();

  constructor(dimensions, metric, settings) {
    this.#dims = dimensions;
    this.#distance = distanceFor(metric);
    this.#settings = settings;
  }

  add(id, vector) {
    if (this.#centroids.length === 0) {
      this.#pending.set(id, vector);
      if (this.#pending.size >= this.#settings.train) this.#train();
    } else {
      this.#place(id, vector);
    }
  }

  remove(id) {
    if (!this.#pending.delete(id)) this.#lists[this.#listOf.get(id)]?.delete(id);
    this.#listOf.delete(id);
  }

  /** Candidate ids, nearest lists first; `filter` (when given) says which ids the search may return. */
  search(query, k, { budget = k, filter } = {}) {
    const out = [];
    const offer = (ids) => {
      for (const id of ids) if (!filter || filter(id)) out.push(id);
    };
    offer(this.#pending.keys());
    const order = this.#centroids.map((c, i) => [this.#distance(query, c), i]).sort((a, b) => a[0] - b[0]);
    for (let p = 0; p < order.length && (p < this.#settings.probes || out.length < Math.max(budget, k)); p++) {
      offer(this.#lists[order[p][1]]);
    }
    return out;
  }

  #place(id, vector) {
    const list = nearest(this.#centroids, vector, this.#distance);
    this.#lists[list].add(id);
    this.#listOf.set(id, list);
  }

  /** k-means (Lloyd, 10 rounds) on the pending vectors, which then go into their lists. */
  #train() {
    const sample = [...this.#pending.values()];
    const centroids = [sample[0]];
    while (centroids.length < Math.min(this.#settings.lists, sample.length)) {
      let far = 0;
      let farDistance = -1;
      sample.forEach((v, i) => {
        const d = this.#distance(v, centroids[nearest(centroids, v, this.#distance)]);
        if (d > farDistance) [far, farDistance] = [i, d];
      });
      centroids.push(sample[far]);
    }
    for (let round = 0; round < 10; round++) {
      const sums = centroids.map(() => new Float64Array(this.#dims));
      const counts = new Array(centroids.length).fill(0);
      for (const v of sample) {
        const c = nearest(centroids, v, this.#distance);
        counts[c]++;
        for (let j = 0; j < this.#dims; j++) sums[c][j] += v[j];
      }
      sums.forEach((sum, c) => {
        if (counts[c] > 0) centroids[c] = Float32Array.from(sum, (x) => x / counts[c]);
      });
    }
    this.#centroids = centroids;
    this.#lists = centroids.map(() => new Set());
    for (const [id, vector] of this.#pending) this.#place(id, vector);
    this.#pending.clear();
  }

  /** FORMAT, settings, centroids, then each list's ids, then the pending vectors; little-endian. */
  toBytes() {
    const dims = this.#dims;
    const listed = this.#lists.reduce((n, list) => n + 4 + 4 * list.size, 0);
    const bytes = new ArrayBuffer(20 + 4 * dims * this.#centroids.length + listed + 4 + (4 + 4 * dims) * this.#pending.size);
    const out = new DataView(bytes);
    let at = 0;
    const u32 = (v) => { out.setUint32(at, v, true); at += 4; };
    const floats = (v) => { for (const x of v) { out.setFloat32(at, x, true); at += 4; } };
    [FORMAT, this.#settings.lists, this.#settings.probes, this.#settings.train, this.#centroids.length].forEach(u32);
    this.#centroids.forEach(floats);
    for (const list of this.#lists) {
      u32(list.size);
      list.forEach(u32);
    }
    u32(this.#pending.size);
    for (const [id, vector] of this.#pending) {
      u32(id);
      floats(vector);
    }
    return new Uint8Array(bytes);
  }

  static fromBytes(bytes, dimensions, metric) {
    const input = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let at = 0;
    const u32 = () => { const v = input.getUint32(at, true); at += 4; return v; };
    const floats = () => Float32Array.from({ length: dimensions }, () => { const x = input.getFloat32(at, true); at += 4; return x; });
    if (u32() !== FORMAT) throw new Error('ivf-flat: unknown state format');
    const index = new IvfFlat(dimensions, metric, { lists: u32(), probes: u32(), train: u32() });
    const centroids = Array.from({ length: u32() }, floats);
    index.#centroids = centroids;
    index.#lists = centroids.map((_, list) => {
      const ids = Array.from({ length: u32() }, u32);
      for (const id of ids) index.#listOf.set(id, list);
      return new Set(ids);
    });
    for (let n = u32(); n > 0; n--) index.#pending.set(u32(), floats());
    return index;
  }
}

function nearest(centroids, v, distance) {
  let best = 0;
  let bestDistance = Infinity;
  centroids.forEach((c, i) => {
    const d = distance(v, c);
    if (d < bestDistance) [best, bestDistance] = [i, d];
  });
  return best;
}

/** The metric's ranking distance: squared L2, 1 - cosine, or the negated inner product. */
function distanceFor(metric) {
  const dot = (a, b) => a.reduce((s, x, i) => s + x * b[i], 0);
  if (metric === 'l2') return (a, b) => a.reduce((s, x, i) => s + (x - b[i]) ** 2, 0);
  if (metric === 'dot') return (a, b) => -dot(a, b);
  return (a, b) => 1 - dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b) || 1);
}
