package dev.teavec.core.vector;

/**
 * Keeps cosine's float32 arithmetic finite and precise at every scale. Cosine depends on direction
 * only, but the dot products the kernels compute in float32 overflow for components near 1e20 and
 * underflow to zero near 1e-23. A vector whose largest component lies outside
 * [2^-{@value #SAFE_EXPONENT}, 2^{@value #SAFE_EXPONENT}+1) is therefore scored as a power-of-two multiple of
 * itself, its largest component brought into [1, 2): exact when scaling up; scaling down rounds only
 * components 2^126 times smaller than the largest, far below float32 rounding of the cosine itself.
 * Inside that range, products of two vectors stay within 2^±82 (times the dimensions), where float32
 * neither overflows nor loses precision; and power-of-two scaling leaves their cosine bit for bit the
 * same, so vectors there are scored as they are.
 */
public final class CosineScale {
    public static final int SAFE_EXPONENT = 40;

    private CosineScale() {
    }

    /**
     * The power of two to multiply {@code v[off..off+dim)} by before scoring it under cosine: 0 when it
     * lies in the safe range (or is zero), else the one that brings its largest component into [1, 2).
     */
    public static int exponent(float[] v, int off, int dim) {
        int maxBits = 0;
        for (int i = 0; i < dim; i++) {
            // The magnitude bits of a finite float order like the magnitudes themselves.
            maxBits = Math.max(maxBits, Float.floatToRawIntBits(v[off + i]) & 0x7fffffff);
        }
        if (maxBits == 0) {
            return 0;
        }
        // Through double, where float32's subnormals are normal: floor(log2(max)) from the exponent bits.
        int e = (int) ((Double.doubleToRawLongBits(Float.intBitsToFloat(maxBits)) >>> 52) & 0x7ff) - 1023;
        return e < -SAFE_EXPONENT || e > SAFE_EXPONENT ? -e : 0;
    }

    /** {@code dst[i] = v[off + i] · 2^exponent}, rounded once to float32 (exactly, when scaling up). */
    public static void scale(float[] v, int off, int dim, int exponent, float[] dst) {
        // exponent lies in [-127, 149]: 2^exponent is a normal double, and the product in double is exact.
        double factor = Double.longBitsToDouble((long) (exponent + 1023) << 52);
        for (int i = 0; i < dim; i++) {
            dst[i] = (float) (v[off + i] * factor);
        }
    }

    /** {@code v} itself when it needs no scaling under cosine, else a scaled copy. */
    public static float[] scaled(float[] v) {
        int e = exponent(v, 0, v.length);
        if (e == 0) {
            return v;
        }
        float[] out = new float[v.length];
        scale(v, 0, v.length, e, out);
        return out;
    }
}
