package dev.teavec.core.quant;

/**
 * Product quantization: the dimensions cut into {@code m} contiguous sub-spaces (when {@code m} does not
 * divide them, the first {@code dimensions % m} sub-spaces hold one dimension more), each with
 * {@link #CENTROIDS} centroids trained by {@link KMeans}; a vector is stored as one byte per sub-space, the
 * index of its nearest centroid there.
 *
 * <p>Distances are sums over sub-spaces of a per-sub-space term between the query's slice and the stored
 * centroid: an inner product (cosine, dot) or a squared L2 distance (l2). For a float query those terms are
 * computed once per query into a table of {@code m × 256} floats ({@link #fillTable}), and a distance is
 * {@code m} table lookups. {@link #partial} computes one term directly, with the same arithmetic as the
 * table, so a score summed from direct terms equals the one summed from the table bit for bit. Immutable.
 */
public final class ProductQuantizer {
    public static final int CENTROIDS = 256;
    /** Lloyd steps per sub-space: bounded, as training runs inside an add (docs/quantization-pq.md). */
    public static final int ITERATIONS = 8;

    private final int dim;
    private final int[] offsets;
    /**
     * Per sub-space, its {@link #CENTROIDS} centroids transposed: {@code [j · 256 + c]} is dimension j (of the
     * sub-space) of centroid c, so that terms for all centroids are contiguous runs (encoding, tables).
     */
    private final float[][] centroids;
    /** Scratch of {@link #encode}: not thread-safe, like the rest of the engine. */
    private final float[] distances = new float[CENTROIDS];

    private ProductQuantizer(int dim, float[][] centroids) {
        this.dim = dim;
        this.offsets = offsets(dim, centroids.length);
        this.centroids = centroids;
    }

    /** Where each sub-space starts, plus {@code dim} at the end. */
    public static int[] offsets(int dim, int m) {
        assert m >= 1 && m <= dim : "sub-spaces " + m + " for " + dim + " dimensions";
        int[] offsets = new int[m + 1];
        int base = dim / m;
        int longer = dim % m;
        for (int s = 0; s < m; s++) {
            offsets[s + 1] = offsets[s] + base + (s < longer ? 1 : 0);
        }
        return offsets;
    }

    /** Trains {@code m} sub-quantizers on {@code n} rows of {@code dim} floats, row-major in {@code rows}. */
    public static ProductQuantizer train(float[] rows, int n, int dim, int m, long seed) {
        int[] offsets = offsets(dim, m);
        float[][] centroids = new float[m][];
        for (int s = 0; s < m; s++) {
            // A seed per sub-space, so that sub-spaces do not draw the same rows.
            centroids[s] = KMeans.train(rows, n, dim, offsets[s], offsets[s + 1] - offsets[s], CENTROIDS, ITERATIONS,
                    seed + 0x632BE59BD9B4E019L * (s + 1));
        }
        return new ProductQuantizer(dim, centroids);
    }

    /** A quantizer with these transposed centroids (not copied), {@code centroids[s].length == 256 · length(s)}: snapshots. */
    public static ProductQuantizer restore(int dim, float[][] centroids) {
        return new ProductQuantizer(dim, centroids);
    }

    public int dimensions() {
        return dim;
    }

    public int subspaces() {
        return centroids.length;
    }

    public int offset(int s) {
        return offsets[s];
    }

    public int length(int s) {
        return offsets[s + 1] - offsets[s];
    }

    /** The centroids of sub-space {@code s}, transposed: {@code [j · 256 + c]} (not copied: do not modify). */
    public float[] centroids(int s) {
        return centroids[s];
    }

    /** Writes the code of {@code v}, one byte per sub-space, to {@code out[0..m)}. */
    public void encode(float[] v, byte[] out) {
        for (int s = 0; s < centroids.length; s++) {
            out[s] = (byte) KMeans.nearest(centroids[s], CENTROIDS, v, offsets[s], length(s), distances);
        }
    }

    /** The vector a code stands for: its centroids side by side. */
    public void decode(byte[] code, float[] out) {
        for (int s = 0; s < centroids.length; s++) {
            int len = length(s);
            int c = code[s] & 0xFF;
            float[] cs = centroids[s];
            for (int j = 0; j < len; j++) {
                out[offsets[s] + j] = cs[(j << 8) + c];
            }
        }
    }

    /** The term of sub-space {@code s} between {@code q}'s slice and centroid {@code c}: squared L2 or inner product. */
    public float partial(int s, float[] q, int c, boolean l2) {
        float[] cs = centroids[s];
        int len = offsets[s + 1] - offsets[s];
        int qo = offsets[s];
        float sum = 0f;
        if (l2) {
            for (int j = 0; j < len; j++) {
                float d = q[qo + j] - cs[(j << 8) + c];
                sum += d * d;
            }
        } else {
            for (int j = 0; j < len; j++) {
                sum += q[qo + j] * cs[(j << 8) + c];
            }
        }
        return sum;
    }

    /**
     * {@code table[s · 256 + c] = partial(s, q, c, l2)} for every sub-space and centroid, bit for bit: each entry
     * sums the same terms in the same order, only all 256 at once (contiguous runs).
     */
    public void fillTable(float[] q, boolean l2, float[] table) {
        java.util.Arrays.fill(table, 0, centroids.length * CENTROIDS, 0f);
        for (int s = 0; s < centroids.length; s++) {
            int base = s * CENTROIDS;
            float[] cs = centroids[s];
            int len = offsets[s + 1] - offsets[s];
            for (int j = 0; j < len; j++) {
                float qj = q[offsets[s] + j];
                int row = j << 8;
                if (l2) {
                    for (int c = 0; c < CENTROIDS; c++) {
                        float d = qj - cs[row + c];
                        table[base + c] += d * d;
                    }
                } else {
                    for (int c = 0; c < CENTROIDS; c++) {
                        table[base + c] += qj * cs[row + c];
                    }
                }
            }
        }
    }

    /** Floats held by the centroids: {@code 256 · dimensions}. */
    public long centroidFloats() {
        return (long) CENTROIDS * dim;
    }
}
