package dev.teavec.core.quant;

/**
 * Scalar quantization to 8 bits per dimension. Each dimension i has its own range [min_i, max_i]
 * (calibrated from a sample: per-dimension min/max) cut into 255 equal steps, and a value is stored
 * as the unsigned code {@code c = round((x - min_i) / step_i)}, so {@code x ≈ min_i + step_i · c}.
 *
 * <p>Distances are computed on codes without decoding: for a float query q,
 * {@code q·x̂ = Σ q_i·min_i + Σ (q_i·step_i)·c_i}; the first sum is a per-query constant and the
 * second is one multiply-add per dimension on the codes ({@link #dotCodes}). Norms of the decoded
 * vectors are precomputed once per vector, which gives cosine and L2 as well.
 *
 * <p>Values outside the range are clamped and reported, so the owner can apply its re-calibration
 * policy (see {@code Sq8VectorValues}). Instances are immutable.
 */
public final class Sq8Quantizer {
    public static final int LEVELS = 255;

    private final float[] min;
    private final float[] max;
    private final float[] step;
    /** 1/step, or 0 for a constant dimension: encoding multiplies instead of dividing. */
    private final float[] invStep;

    private Sq8Quantizer(float[] min, float[] max) {
        int dim = min.length;
        this.min = min;
        this.max = max;
        this.step = new float[dim];
        this.invStep = new float[dim];
        for (int i = 0; i < dim; i++) {
            float range = max[i] - min[i];
            assert range >= 0f : "range of dimension " + i + " is negative";
            step[i] = range / LEVELS;
            invStep[i] = range > 0f ? LEVELS / range : 0f;
        }
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

    /** {@code Σ scaled_i · c_i} with four accumulators, as in {@code VectorOps}. */
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
