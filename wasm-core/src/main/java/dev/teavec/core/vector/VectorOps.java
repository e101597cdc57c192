package dev.teavec.core.vector;

/**
 * Scalar kernels that reproduce the Wasm SIMD kernels (npm-package/src/simd/kernels.wat) bit for bit,
 * so that the JVM, the scalar fallback and the SIMD build rank vectors identically and build the
 * same graph. The SIMD kernels keep four f32x4 accumulators: lane j of 16 sums the products of the
 * dimensions i with {@code i mod 16 == j}, over vectors zero-padded to a multiple of 16 (padding adds
 * +0, which changes no lane: a lane that starts at +0 never becomes -0). They then add the
 * accumulators lane-wise as {@code (A0 + A1) + (A2 + A3)} and the four lanes of that as
 * {@code (l0 + l1) + (l2 + l3)}. Float multiply and add are IEEE-754 round-to-nearest in Java and in
 * Wasm alike (neither fuses them), so doing the same operations in the same order gives the same bits.
 *
 * <p>Sixteen accumulators also let the JIT and TeaVM overlap the floating-point adds, as the four of
 * the previous kernels did.
 */
public final class VectorOps {
    /** Lanes of the SIMD kernels: vectors are padded to a multiple of this many elements. */
    public static final int LANES = 16;

    private VectorOps() {
    }

    /** {@code dim} rounded up to a multiple of {@link #LANES}. */
    public static int padded(int dim) {
        return (dim + LANES - 1) & -LANES;
    }

    public static float dot(float[] a, int aOff, float[] b, int bOff, int dim) {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
        float s8 = 0f, s9 = 0f, s10 = 0f, s11 = 0f, s12 = 0f, s13 = 0f, s14 = 0f, s15 = 0f;
        int end = dim & -LANES;
        for (int i = 0; i < end; i += LANES) {
            int x = aOff + i;
            int y = bOff + i;
            s0 += a[x] * b[y];
            s1 += a[x + 1] * b[y + 1];
            s2 += a[x + 2] * b[y + 2];
            s3 += a[x + 3] * b[y + 3];
            s4 += a[x + 4] * b[y + 4];
            s5 += a[x + 5] * b[y + 5];
            s6 += a[x + 6] * b[y + 6];
            s7 += a[x + 7] * b[y + 7];
            s8 += a[x + 8] * b[y + 8];
            s9 += a[x + 9] * b[y + 9];
            s10 += a[x + 10] * b[y + 10];
            s11 += a[x + 11] * b[y + 11];
            s12 += a[x + 12] * b[y + 12];
            s13 += a[x + 13] * b[y + 13];
            s14 += a[x + 14] * b[y + 14];
            s15 += a[x + 15] * b[y + 15];
        }
        int x = aOff + end;
        int y = bOff + end;
        // The last, partial block: lane j gets dimension end + j, as in the zero-padded SIMD block.
        switch (dim - end) {
            case 15: s14 += a[x + 14] * b[y + 14]; // fall through
            case 14: s13 += a[x + 13] * b[y + 13]; // fall through
            case 13: s12 += a[x + 12] * b[y + 12]; // fall through
            case 12: s11 += a[x + 11] * b[y + 11]; // fall through
            case 11: s10 += a[x + 10] * b[y + 10]; // fall through
            case 10: s9 += a[x + 9] * b[y + 9]; // fall through
            case 9: s8 += a[x + 8] * b[y + 8]; // fall through
            case 8: s7 += a[x + 7] * b[y + 7]; // fall through
            case 7: s6 += a[x + 6] * b[y + 6]; // fall through
            case 6: s5 += a[x + 5] * b[y + 5]; // fall through
            case 5: s4 += a[x + 4] * b[y + 4]; // fall through
            case 4: s3 += a[x + 3] * b[y + 3]; // fall through
            case 3: s2 += a[x + 2] * b[y + 2]; // fall through
            case 2: s1 += a[x + 1] * b[y + 1]; // fall through
            case 1: s0 += a[x] * b[y]; // fall through
            default: break;
        }
        return combine(s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, s14, s15);
    }

    public static float squaredL2(float[] a, int aOff, float[] b, int bOff, int dim) {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
        float s8 = 0f, s9 = 0f, s10 = 0f, s11 = 0f, s12 = 0f, s13 = 0f, s14 = 0f, s15 = 0f;
        int end = dim & -LANES;
        float d;
        for (int i = 0; i < end; i += LANES) {
            int x = aOff + i;
            int y = bOff + i;
            d = a[x] - b[y];
            s0 += d * d;
            d = a[x + 1] - b[y + 1];
            s1 += d * d;
            d = a[x + 2] - b[y + 2];
            s2 += d * d;
            d = a[x + 3] - b[y + 3];
            s3 += d * d;
            d = a[x + 4] - b[y + 4];
            s4 += d * d;
            d = a[x + 5] - b[y + 5];
            s5 += d * d;
            d = a[x + 6] - b[y + 6];
            s6 += d * d;
            d = a[x + 7] - b[y + 7];
            s7 += d * d;
            d = a[x + 8] - b[y + 8];
            s8 += d * d;
            d = a[x + 9] - b[y + 9];
            s9 += d * d;
            d = a[x + 10] - b[y + 10];
            s10 += d * d;
            d = a[x + 11] - b[y + 11];
            s11 += d * d;
            d = a[x + 12] - b[y + 12];
            s12 += d * d;
            d = a[x + 13] - b[y + 13];
            s13 += d * d;
            d = a[x + 14] - b[y + 14];
            s14 += d * d;
            d = a[x + 15] - b[y + 15];
            s15 += d * d;
        }
        int x = aOff + end;
        int y = bOff + end;
        switch (dim - end) {
            case 15: d = a[x + 14] - b[y + 14]; s14 += d * d; // fall through
            case 14: d = a[x + 13] - b[y + 13]; s13 += d * d; // fall through
            case 13: d = a[x + 12] - b[y + 12]; s12 += d * d; // fall through
            case 12: d = a[x + 11] - b[y + 11]; s11 += d * d; // fall through
            case 11: d = a[x + 10] - b[y + 10]; s10 += d * d; // fall through
            case 10: d = a[x + 9] - b[y + 9]; s9 += d * d; // fall through
            case 9: d = a[x + 8] - b[y + 8]; s8 += d * d; // fall through
            case 8: d = a[x + 7] - b[y + 7]; s7 += d * d; // fall through
            case 7: d = a[x + 6] - b[y + 6]; s6 += d * d; // fall through
            case 6: d = a[x + 5] - b[y + 5]; s5 += d * d; // fall through
            case 5: d = a[x + 4] - b[y + 4]; s4 += d * d; // fall through
            case 4: d = a[x + 3] - b[y + 3]; s3 += d * d; // fall through
            case 3: d = a[x + 2] - b[y + 2]; s2 += d * d; // fall through
            case 2: d = a[x + 1] - b[y + 1]; s1 += d * d; // fall through
            case 1: d = a[x] - b[y]; s0 += d * d; // fall through
            default: break;
        }
        return combine(s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13, s14, s15);
    }

    /** {@link #combine} of 16 lane sums held in an array. */
    public static float combineLanes(float[] s) {
        return combine(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], s[10], s[11], s[12], s[13],
                s[14], s[15]);
    }

    /** The SIMD kernels' reduction: accumulators lane-wise {@code (A0 + A1) + (A2 + A3)}, then lanes. */
    private static float combine(float s0, float s1, float s2, float s3, float s4, float s5, float s6, float s7,
            float s8, float s9, float s10, float s11, float s12, float s13, float s14, float s15) {
        float l0 = (s0 + s4) + (s8 + s12);
        float l1 = (s1 + s5) + (s9 + s13);
        float l2 = (s2 + s6) + (s10 + s14);
        float l3 = (s3 + s7) + (s11 + s15);
        return (l0 + l1) + (l2 + l3);
    }

    /**
     * {@code Σ weights[i] · codes[off + i]} with the codes read as unsigned bytes. Exact as long as no
     * partial sum overflows an int, which the caller ensures by bounding the weights.
     */
    public static int dotCodes(short[] weights, byte[] codes, int off, int dim) {
        int s0 = 0;
        int s1 = 0;
        int s2 = 0;
        int s3 = 0;
        int i = 0;
        int end4 = dim & ~3;
        for (; i < end4; i += 4) {
            s0 += weights[i] * (codes[off + i] & 0xFF);
            s1 += weights[i + 1] * (codes[off + i + 1] & 0xFF);
            s2 += weights[i + 2] * (codes[off + i + 2] & 0xFF);
            s3 += weights[i + 3] * (codes[off + i + 3] & 0xFF);
        }
        for (; i < dim; i++) {
            s0 += weights[i] * (codes[off + i] & 0xFF);
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Inverse Euclidean norm, or 0 for a zero vector. Under cosine, vectors reach it brought into
     * {@link CosineScale}'s safe range, where the float32 sum of squares can neither overflow nor lose
     * a non-zero vector to underflow (and keeps the bits earlier versions computed).
     */
    public static float inverseNorm(float[] a, int aOff, int dim) {
        return inverseOfSquaredNorm(dot(a, aOff, a, aOff, dim));
    }

    /** What {@link #inverseNorm} makes of the squared norm {@code sq} (the vector's {@link #dot} with itself). */
    public static float inverseOfSquaredNorm(float sq) {
        return sq == 0f ? 0f : (float) (1.0 / Math.sqrt(sq));
    }
}
