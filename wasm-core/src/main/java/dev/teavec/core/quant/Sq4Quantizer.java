package dev.teavec.core.quant;

/**
 * Scalar quantization to 4 bits per dimension, two codes a byte (dimension {@code 2j} in the low nibble
 * of byte {@code j}, {@code 2j+1} in the high one). As {@link Sq8Quantizer}, each dimension's range
 * [min_i, max_i] comes from a {@link RangeTracker} and is cut into {@value #LEVELS} equal steps:
 * {@code x ≈ min_i + step_i · c_i}, so for a float query {@code q·x̂ = Σ q_i·min_i + Σ (q_i·step_i)·c_i}, a
 * per-query constant plus one multiply-add per dimension on the codes. Values outside the range are
 * clamped and reported so that the owner re-calibrates (Sq4VectorValues). Immutable.
 */
public final class Sq4Quantizer {
    public static final int LEVELS = 15;

    private final float[] min;
    private final float[] max;
    private final float[] step;
    private final float[] invStep;

    private Sq4Quantizer(float[] min, float[] max) {
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

    /** A quantizer for the per-dimension ranges of every vector {@code ranges} observed. */
    public static Sq4Quantizer of(RangeTracker ranges) {
        assert ranges.count() > 0 : "no vector observed";
        int dim = ranges.dimensions();
        float[] min = new float[dim];
        float[] max = new float[dim];
        for (int i = 0; i < dim; i++) {
            min[i] = ranges.min(i);
            max[i] = ranges.max(i);
        }
        return new Sq4Quantizer(min, max);
    }

    /** A quantizer for the given per-dimension ranges (copied). */
    public static Sq4Quantizer fromRange(float[] min, float[] max) {
        assert min.length == max.length : "min and max differ in length";
        return new Sq4Quantizer(min.clone(), max.clone());
    }

    /** Bytes of one vector's codes. */
    public static int codeBytes(int dim) {
        return (dim + 1) >> 1;
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
     * Writes the packed codes of {@code v} at {@code dst[off..off + codeBytes(dim))}. Returns true when some
     * value overshot its range by more than half a step and was clamped.
     */
    public boolean encode(float[] v, byte[] dst, int off) {
        boolean clipped = false;
        int dim = v.length;
        for (int j = 0; j < codeBytes(dim); j++) {
            dst[off + j] = 0;
        }
        for (int i = 0; i < dim; i++) {
            float q = (v[i] - min[i]) * invStep[i];
            int c = (int) (q + 0.5f);
            if (q < 0f || c > LEVELS) {
                // Within half a step of the range is ordinary rounding, not clipping.
                clipped |= q < -0.5f || q > LEVELS + 0.5f;
                c = q < 0f ? 0 : LEVELS;
            }
            dst[off + (i >> 1)] |= (byte) (c << ((i & 1) << 2));
        }
        return clipped;
    }

    /** Code of dimension {@code i} in packed codes at {@code codes[off..)}. */
    public static int code(byte[] codes, int off, int i) {
        return (codes[off + (i >> 1)] >> ((i & 1) << 2)) & 0xF;
    }

    public void decode(byte[] src, int off, float[] dst) {
        for (int i = 0; i < dst.length; i++) {
            dst[i] = min[i] + step[i] * code(src, off, i);
        }
    }

    /**
     * Writes {@code q_i · step_i} to {@code scaled[0..dim)} (entries beyond, the padding, stay as they are:
     * zero) and returns the constant {@code Σ q_i · min_i}. Sq4Scorer rounds {@code scaled} to 16-bit integer weights
     * for the exact integer kernels ({@code store/NibbleKernel}).
     */
    public float prepareQuery(float[] q, float[] scaled) {
        float constant = 0f;
        for (int i = 0; i < min.length; i++) {
            scaled[i] = q[i] * step[i];
            constant += q[i] * min[i];
        }
        return constant;
    }
}
