package dev.teavec.core.quant;

/**
 * One bit per dimension with a corrected inner-product estimator, after RaBitQ (Gao and Long, 2024).
 * A vector {@code x} is stored as its residual {@code r = x - c} from a trained centroid {@code c}: the signs
 * {@code s} of the rotated residual {@code r' = R r} ({@link RandomRotation}), one bit each, plus three
 * per-vector terms: {@code alpha = |r|² / Σ|r'_i|}, {@code |r|²} and {@code r·c}.
 *
 * <p>The estimator. Raw Hamming treats every code as a unit vector along {@code s/√d}; but a residual's
 * projection on its own code, {@code Σ|r'_i| / (|r|√d)}, varies from vector to vector, and dividing by it
 * is what makes {@code <r, y> ≈ alpha · Σ s_i y'_i} (with {@code y' = R y}) unbiased under a random rotation
 * (RaBitQ's theorem: the error is zero-mean, of order {@code |r||y|/√d}). With it, for a query {@code q}:
 * {@code |x - q|² = |r|² + |q - c|² - 2 <r, q - c>} and {@code x·q = c·q + r·c + <r, q - c>}, each term
 * exact except the estimated one. Two stored vectors (graph construction) use the symmetric form
 * {@code <r_x, r_y> ≈ alpha_x alpha_y (d - 2 hamming)}, which corrects both sides.
 *
 * <p>The query side is quantized to {@link #QUERY_BITS} bits per dimension (uniform over the rotated
 * residual's range), so {@code Σ s_i y'_i} becomes popcounts of the code against four bit planes
 * ({@link dev.teavec.core.score.BinaryScorer}). Immutable.
 */
public final class BinaryQuantizer {
    /** Per-vector terms: alpha, |r|², r·c. */
    public static final int TERMS = 3;
    public static final int QUERY_BITS = 4;
    private static final int QUERY_LEVELS = (1 << QUERY_BITS) - 1;

    private final float[] centroid;
    private final RandomRotation rotation;
    private final float centroidSquaredNorm;
    private final int dim;

    public BinaryQuantizer(float[] centroid, RandomRotation rotation) {
        assert centroid.length == rotation.dimensions() : "centroid and rotation differ in dimensions";
        this.centroid = centroid.clone();
        this.rotation = rotation;
        this.dim = centroid.length;
        double sq = 0;
        for (float v : centroid) {
            sq += (double) v * v;
        }
        this.centroidSquaredNorm = (float) sq;
    }

    /** 64-bit words per code. */
    public static int words(int dim) {
        return (dim + 63) >>> 6;
    }

    public int dimensions() {
        return dim;
    }

    public RandomRotation rotation() {
        return rotation;
    }

    public float centroid(int i) {
        return centroid[i];
    }

    /** {@code |c|²}. */
    public float centroidSquaredNorm() {
        return centroidSquaredNorm;
    }

    /** {@code c·v}, in double. */
    public float dotCentroid(float[] v) {
        double s = 0;
        for (int i = 0; i < dim; i++) {
            s += (double) v[i] * centroid[i];
        }
        return (float) s;
    }

    /**
     * Encodes {@code v} (as scored: unit under cosine) into {@code words[wordOff..)} and
     * {@code terms[termOff..termOff+TERMS)}; {@code scratch} holds d floats.
     */
    public void encode(float[] v, long[] words, int wordOff, float[] terms, int termOff, float[] scratch) {
        double rSq = 0;
        double rc = 0;
        for (int i = 0; i < dim; i++) {
            float r = v[i] - centroid[i];
            scratch[i] = r;
            rSq += (double) r * r;
            rc += (double) r * centroid[i];
        }
        rotation.apply(scratch);
        int nWords = words(dim);
        for (int w = 0; w < nWords; w++) {
            words[wordOff + w] = 0L;
        }
        double abs = 0;
        for (int i = 0; i < dim; i++) {
            float r = scratch[i];
            abs += Math.abs(r);
            if (r >= 0f) {
                words[wordOff + (i >>> 6)] |= 1L << (i & 63);
            }
        }
        terms[termOff] = abs > 0 ? (float) (rSq / abs) : 0f;
        terms[termOff + 1] = (float) rSq;
        terms[termOff + 2] = (float) rc;
    }

    /** The reconstruction {@code c + Rᵀ (|r| s/√d)}: the code's direction at the residual's length. */
    public void decode(long[] words, int wordOff, float[] terms, int termOff, float[] out) {
        float len = (float) Math.sqrt(Math.max(0f, terms[termOff + 1]) / dim);
        for (int i = 0; i < dim; i++) {
            out[i] = ((words[wordOff + (i >>> 6)] >>> (i & 63)) & 1L) != 0 ? len : -len;
        }
        rotation.applyInverse(out);
        for (int i = 0; i < dim; i++) {
            out[i] += centroid[i];
        }
    }

    /**
     * Prepares the query {@code q} (as scored): writes the {@link #QUERY_BITS} bit planes of its quantized
     * rotated residual {@code y' = R (q - c)} to {@code planes} ({@code QUERY_BITS × words}, plane j holding bit
     * j of every level), and returns in {@code out} {lo, step, Σ levels, |q - c|², c·q}: then
     * {@code y'_i ≈ lo + step · level_i}. {@code scratch} holds d floats.
     */
    public void prepareQuery(float[] q, long[] planes, float[] out, float[] scratch) {
        double ySq = 0;
        for (int i = 0; i < dim; i++) {
            float y = q[i] - centroid[i];
            scratch[i] = y;
            ySq += (double) y * y;
        }
        rotation.apply(scratch);
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < dim; i++) {
            lo = Math.min(lo, scratch[i]);
            hi = Math.max(hi, scratch[i]);
        }
        float step = (hi - lo) / QUERY_LEVELS;
        float inv = step > 0f ? 1f / step : 0f;
        int nWords = words(dim);
        for (int i = 0; i < QUERY_BITS * nWords; i++) {
            planes[i] = 0L;
        }
        long levelSum = 0;
        for (int i = 0; i < dim; i++) {
            int level = Math.min(QUERY_LEVELS, (int) ((scratch[i] - lo) * inv + 0.5f));
            levelSum += level;
            for (int j = 0; j < QUERY_BITS; j++) {
                if (((level >>> j) & 1) != 0) {
                    planes[j * nWords + (i >>> 6)] |= 1L << (i & 63);
                }
            }
        }
        out[0] = lo;
        out[1] = step;
        out[2] = levelSum;
        out[3] = (float) ySq;
        out[4] = dotCentroid(q);
    }
}
