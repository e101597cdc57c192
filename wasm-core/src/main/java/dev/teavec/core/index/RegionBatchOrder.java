package dev.teavec.core.index;

/**
 * Stores and links a batch region by region instead of as given: each vector goes with the nearest, by direction
 * over {@value #SAMPLED} evenly spaced dimensions, of up to {@value #PIVOTS} pivots taken from the batch itself at
 * even positions; a stable counting sort by pivot gives the order. Consecutive inserts of one region then search
 * the same part of the graph while its rows are still in the CPU's caches, and their own rows end up side by side.
 * Why: an HNSW insert at 768 dimensions waits on memory for most of the ~1,500 rows it scores (measurements:
 * bench/README.md, "A batch stored region by region"). Deterministic (no randomness), so a replayed batch is stored
 * in the same order.
 *
 * <p>Only the engine with every encoding (teavec/quantization, the JVM) holds this: the core engine is compiled with
 * {@link #available()} answering null (js-bindings' build plugin EncodingSelection), as {@link LocalityReorder}.
 */
public final class RegionBatchOrder implements BatchInsertion {
    /** Below this a batch is added one by one: too few vectors for regions to repeat. */
    static final int MIN_BATCH = 64;
    private static final int PIVOTS = 128;
    private static final int SAMPLED = 64;
    /** Vectors per pivot at least, so that a region holds several of the batch. */
    private static final int PER_PIVOT = 8;

    private RegionBatchOrder() {
    }

    /** The batch insertion by region; null in the core engine's build. */
    public static BatchInsertion available() {
        return new RegionBatchOrder();
    }

    /** Only an HNSW graph linking at once gains from the order (AUTO once switched); others add one by one. */
    @Override
    public int[] insert(VectorIndex index, float[][] validated) {
        ManagedIndex target = index instanceof AutoIndex auto ? auto.hnswDelegate()
                : index instanceof ManagedIndex managed ? managed : null;
        if (validated.length < MIN_BATCH || target == null || !target.linksAtOnce()) {
            return null;
        }
        return target.addInOrder(validated, order(validated));
    }

    /** Positions of {@code vectors} (at least {@value #MIN_BATCH}) region by region: a permutation. */
    static int[] order(float[][] vectors) {
        int n = vectors.length;
        int dim = vectors[0].length;
        int s = Math.min(SAMPLED, dim);
        int[] dims = new int[s];
        for (int j = 0; j < s; j++) {
            dims[j] = (int) ((long) j * dim / s);
        }
        int p = Math.min(PIVOTS, n / PER_PIVOT);
        float[] pivots = new float[p * s];
        for (int i = 0; i < p; i++) {
            float[] v = vectors[(int) ((long) i * n / p)];
            double norm = 0;
            for (int j = 0; j < s; j++) {
                norm += (double) v[dims[j]] * v[dims[j]];
            }
            float inv = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0;
            for (int j = 0; j < s; j++) {
                pivots[i * s + j] = v[dims[j]] * inv;
            }
        }
        int[] region = new int[n];
        int[] start = new int[p + 1];
        float[] sample = new float[s];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < s; j++) {
                sample[j] = vectors[i][dims[j]];
            }
            int best = 0;
            float bestDot = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < p; k++) {
                float dot = 0;
                for (int j = 0, at = k * s; j < s; j++, at++) {
                    dot += sample[j] * pivots[at];
                }
                if (dot > bestDot) {
                    bestDot = dot;
                    best = k;
                }
            }
            region[i] = best;
            start[best + 1]++;
        }
        for (int k = 0; k < p; k++) {
            start[k + 1] += start[k];
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[start[region[i]]++] = i;
        }
        return order;
    }
}
