package dev.teavec.core.quant;

import dev.teavec.core.vector.VectorOps;

/**
 * Scalar quantization to 8 bits per dimension. Each dimension i has its own range [min_i, max_i]
 * (calibrated from a sample: per-dimension min/max) cut into 255 equal steps, and a value is stored
 * as the unsigned code {@code c = round((x - min_i) / step_i)}, so {@code x ≈ min_i + step_i · c}.
 *
 * <p>Distances are computed on codes without decoding: for a float query q,
 * {@code q·x̂ = Σ q_i·min_i + Σ (q_i·step_i)·c_i}; the first sum is a per-query constant and the
 * second is one multiply-add per dimension on the codes. The kernels do it in integers: the
 * prepared query is rounded to 16-bit weights ({@link #toIntWeights}), so it is an exact integer dot
 * product, scalar or SIMD alike. Norms of the decoded vectors are precomputed once per vector, which
 * gives cosine and L2 as well.
 *
 * <p>Values outside the range are clamped and reported, so the owner can apply its re-calibration
 * policy (see {@code Sq8VectorValues}). Instances are immutable.
 */
public final class Sq8Quantizer {
    public static final int LEVELS = 255;
    /** 2^15 + 0.5: added before truncating a weight in [-2^15, 2^15] so that truncation rounds. */
    private static final float ROUNDING_OFFSET = 32768.5f;

    private final float[] min;
    private final float[] max;
    private final float[] step;
    /** 1/step, or 0 for a constant dimension: encoding multiplies instead of dividing. */
    private final float[] invStep;
    /** min·step and step², so a stored vector becomes a prepared query in one pass over its codes. */
    private final float[] minStep;
    private final float[] stepSquared;
    /** Σ min², the constant term of that preparation. */
    private final float minSquaredSum;

    private Sq8Quantizer(float[] min, float[] max) {
        int dim = min.length;
        this.min = min;
        this.max = max;
        this.step = new float[dim];
        this.invStep = new float[dim];
        this.minStep = new float[dim];
        this.stepSquared = new float[dim];
        float minSq = 0f;
        for (int i = 0; i < dim; i++) {
            float range = max[i] - min[i];
            assert range >= 0f : "range of dimension " + i + " is negative";
            step[i] = range / LEVELS;
            invStep[i] = range > 0f ? LEVELS / range : 0f;
            minStep[i] = min[i] * step[i];
            stepSquared[i] = step[i] * step[i];
            minSq += min[i] * min[i];
        }
        this.minSquaredSum = minSq;
    }

    /** A quantizer for the given per-dimension ranges (copied). */
    public static Sq8Quantizer fromRange(float[] min, float[] max) {
        assert min.length == max.length : "min and max differ in length";
        return new Sq8Quantizer(min.clone(), max.clone());
    }

    public int dimensions() {
        return min.length;
    }

    public float min(int i) {
        return min[i];
    }

    public float max(int i) {
        return max[i];
    }

    /**
     * Writes the codes of {@code v} at {@code dst[off..off+dim)}. Returns true when some value lay
     * outside the calibrated range and was clamped.
     */
    public boolean encode(float[] v, byte[] dst, int off) {
        boolean clipped = false;
        for (int i = 0; i < v.length; i++) {
            float q = (v[i] - min[i]) * invStep[i];
            int c = (int) (q + 0.5f);
            if (q < 0f || c > LEVELS) {
                // A value just past the range by less than half a step still rounds into it: only real
                // overshoots count as clipping.
                clipped |= q < -0.5f || q > LEVELS + 0.5f;
                c = q < 0f ? 0 : LEVELS;
            }
            dst[off + i] = (byte) c;
        }
        return clipped;
    }

    public void decode(byte[] src, int off, float[] dst) {
        for (int i = 0; i < dst.length; i++) {
            dst[i] = min[i] + step[i] * (src[off + i] & 0xFF);
        }
    }

    /**
     * Prepares a float query for {@link #dotCodes}: writes {@code q_i · step_i} to {@code scaled} and
     * returns the constant {@code Σ q_i · min_i}.
     */
    public float prepareQuery(float[] q, int qOff, float[] scaled) {
        float constant = 0f;
        for (int i = 0; i < scaled.length; i++) {
            float x = q[qOff + i];
            scaled[i] = x * step[i];
            constant += x * min[i];
        }
        return constant;
    }

    /**
     * {@link #prepareQuery} for the decoded vector of {@code codes[off..off+dim)}, straight from the codes:
     * with {@code x̂_i = min_i + step_i·c_i}, {@code scaled_i = x̂_i·step_i = min_i·step_i + step_i²·c_i} and
     * the constant {@code Σ x̂_i·min_i = Σ min_i² + Σ min_i·step_i·c_i}. This is how a builder scores
     * stored vectors against each other, once per anchored vector. The sum runs in the 16-lane order of
     * {@link VectorOps}, as the SIMD version of this preparation does (kernels.wat, prepareU8).
     */
    public float prepareFromCodes(byte[] codes, int off, float[] scaled) {
        float[] lanes = new float[VectorOps.LANES];
        for (int i = 0; i < scaled.length; i++) {
            int c = codes[off + i] & 0xFF;
            scaled[i] = minStep[i] + stepSquared[i] * c;
            lanes[i & (VectorOps.LANES - 1)] += minStep[i] * c;
        }
        return minSquaredSum + VectorOps.combineLanes(lanes);
    }

    /** {@code min_i·step_i}, then {@code step_i²}, each zero-padded to {@code padded} floats: the SIMD preparation's tables. */
    public float[] preparationTables(int padded) {
        float[] tables = new float[2 * padded];
        System.arraycopy(minStep, 0, tables, 0, minStep.length);
        System.arraycopy(stepSquared, 0, tables, padded, stepSquared.length);
        return tables;
    }

    /**
     * {@code min_i}, then {@code step_i}, each zero-padded to {@code padded} floats: the tables of the SIMD
     * decode that recomputes norms from codes (kernels.wat, normU8), as {@link #decode} decodes.
     */
    public float[] decodeTables(int padded) {
        float[] tables = new float[2 * padded];
        System.arraycopy(min, 0, tables, 0, min.length);
        System.arraycopy(step, 0, tables, padded, step.length);
        return tables;
    }

    /** {@code Σ min_i²}: the constant term of {@link #prepareFromCodes}. */
    public float minSquaredSum() {
        return minSquaredSum;
    }

    /**
     * The largest weight magnitude {@link #toIntWeights} produces for {@code dim} dimensions: at most
     * 2^15 - 1 (weights are 16-bit), and small enough that {@code Σ |w_i| · 255} fits in an int, so the
     * integer dot products of the kernels never overflow and are exact in any summation order.
     */
    public static int maxWeight(int dim) {
        return (int) Math.min(Short.MAX_VALUE, Integer.MAX_VALUE / (255L * dim));
    }

    /**
     * Rounds the prepared query {@code scaled} (see {@link #prepareQuery}) to integer weights in
     * [-maxWeight, maxWeight] and returns the scale s with {@code scaled_i ≈ s · weights_i}, so that
     * {@code Σ scaled_i · c_i ≈ s · Σ weights_i · c_i}, an integer dot product on the codes. With 384
     * dimensions the weights keep ~15 bits, so their rounding error stays far below the codes' own.
     */
    public static float toIntWeights(float[] scaled, short[] weights, int dim) {
        // Branch-free on purpose: query signs are random, and sign-dependent branches (abs, round)
        // mispredicted half the time (see bench/README.md, SQ8 query weights).
        int maxBits = 0;
        for (int i = 0; i < dim; i++) {
            // The magnitude bits of a float order like the magnitudes themselves.
            maxBits = Math.max(maxBits, Float.floatToRawIntBits(scaled[i]) & 0x7fffffff);
        }
        float maxAbs = Float.intBitsToFloat(maxBits);
        if (maxAbs == 0f) {
            for (int i = 0; i < dim; i++) {
                weights[i] = 0;
            }
            return 0f;
        }
        int max = maxWeight(dim);
        float toInt = max / maxAbs;
        for (int i = 0; i < dim; i++) {
            // Rounds to nearest: the offset makes the value positive, so the cast (truncation) floors it.
            int w = (int) (scaled[i] * toInt + ROUNDING_OFFSET) - (int) (ROUNDING_OFFSET - 0.5f);
            weights[i] = (short) Math.max(-max, Math.min(max, w));
        }
        return maxAbs / max;
    }

    /** {@code Σ scaled_i · c_i} with four accumulators (float weights; the kernels use {@link #toIntWeights}). */
    public static float dotCodes(float[] scaled, byte[] codes, int off, int dim) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int i = 0;
        int end4 = dim & ~3;
        for (; i < end4; i += 4) {
            s0 += scaled[i] * (codes[off + i] & 0xFF);
            s1 += scaled[i + 1] * (codes[off + i + 1] & 0xFF);
            s2 += scaled[i + 2] * (codes[off + i + 2] & 0xFF);
            s3 += scaled[i + 3] * (codes[off + i + 3] & 0xFF);
        }
        for (; i < dim; i++) {
            s0 += scaled[i] * (codes[off + i] & 0xFF);
        }
        return (s0 + s1) + (s2 + s3);
    }
}
