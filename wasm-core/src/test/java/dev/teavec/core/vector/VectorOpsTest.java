package dev.teavec.core.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.quant.Sq8Quantizer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scalar kernels against a double-precision reference, and against an independent model of the
 * SIMD kernels' summation order (which they must reproduce bit for bit; the Node and browser tests
 * then hold the real SIMD kernels to the same bits).
 */
class VectorOpsTest {
    private static final long SEED = Long.getLong("teavec.seed", System.nanoTime());

    @Test
    void floatKernelsAgreeWithDoublePrecision() {
        Random random = new Random(SEED);
        for (int dim : new int[] {1, 2, 3, 7, 15, 16, 17, 31, 33, 100, 128, 384, 768, 1000}) {
            for (int rep = 0; rep < 20; rep++) {
                float[] a = gaussian(random, dim, 1 + random.nextInt(100));
                float[] b = gaussian(random, dim, 1 + random.nextInt(100));
                double dot = 0;
                double l2 = 0;
                double magnitude = 0;
                for (int i = 0; i < dim; i++) {
                    dot += (double) a[i] * b[i];
                    magnitude += Math.abs((double) a[i] * b[i]);
                    double d = (double) a[i] - b[i];
                    l2 += d * d;
                }
                // Float rounding: at most ~dim · 2^-24 of the sum of magnitudes, with room to spare.
                double tolerance = 1e-6 * dim * magnitude + 1e-30;
                assertEquals(dot, VectorOps.dot(a, 0, b, 0, dim), tolerance, "dot, dim " + dim + ", seed " + SEED);
                assertEquals(l2, VectorOps.squaredL2(a, 0, b, 0, dim), 1e-6 * dim * l2 + 1e-30,
                        "squared L2, dim " + dim + ", seed " + SEED);
            }
        }
    }

    @Test
    void floatKernelsFollowTheSimdSummationOrderBitForBit() {
        Random random = new Random(SEED);
        for (int dim = 1; dim <= 80; dim++) {
            for (int rep = 0; rep < 10; rep++) {
                int offA = random.nextInt(5);
                int offB = random.nextInt(5);
                float[] a = shifted(gaussian(random, dim, 10), offA);
                float[] b = shifted(gaussian(random, dim, 10), offB);
                assertEquals(Float.floatToIntBits(simdModel(a, offA, b, offB, dim, false)),
                        Float.floatToIntBits(VectorOps.dot(a, offA, b, offB, dim)), "dot, dim " + dim + ", seed " + SEED);
                assertEquals(Float.floatToIntBits(simdModel(a, offA, b, offB, dim, true)),
                        Float.floatToIntBits(VectorOps.squaredL2(a, offA, b, offB, dim)), "L2, dim " + dim + ", seed " + SEED);
            }
        }
    }

    /**
     * What kernels.wat computes, written as plainly as possible: 16 lanes over zero-padded vectors,
     * accumulators A0..A3 (lanes 0-3, 4-7, 8-11, 12-15) added as (A0 + A1) + (A2 + A3), then the lanes.
     */
    private static float simdModel(float[] a, int offA, float[] b, int offB, int dim, boolean l2) {
        int padded = (dim + 15) / 16 * 16;
        float[] lanes = new float[16];
        for (int i = 0; i < padded; i++) {
            float x = i < dim ? a[offA + i] : 0f;
            float y = i < dim ? b[offB + i] : 0f;
            float d = x - y;
            lanes[i % 16] += l2 ? d * d : x * y;
        }
        float[] v = new float[4];
        for (int j = 0; j < 4; j++) {
            v[j] = (lanes[j] + lanes[4 + j]) + (lanes[8 + j] + lanes[12 + j]);
        }
        return (v[0] + v[1]) + (v[2] + v[3]);
    }

    @Test
    void codeDotIsExactAndIntWeightsStayInBounds() {
        Random random = new Random(SEED);
        for (int dim : new int[] {1, 5, 16, 37, 384, 768, 4096, 65536}) {
            float[] scaled = gaussian(random, dim, 1e-3f);
            short[] weights = new short[dim];
            float scale = Sq8Quantizer.toIntWeights(scaled, weights, dim);
            byte[] codes = new byte[dim];
            random.nextBytes(codes);
            long exact = 0;
            long worst = 0;
            double approx = 0;
            double magnitude = 0;
            for (int i = 0; i < dim; i++) {
                exact += (long) weights[i] * (codes[i] & 0xFF);
                worst += Math.abs(weights[i]) * 255L;
                approx += (double) scaled[i] * (codes[i] & 0xFF);
                magnitude += Math.abs((double) scaled[i]) * 255;
                assertTrue(Math.abs(weights[i]) <= Sq8Quantizer.maxWeight(dim), "weight bound, dim " + dim);
            }
            assertTrue(worst <= Integer.MAX_VALUE, "no int overflow is possible, dim " + dim);
            assertEquals(exact, VectorOps.dotCodes(weights, codes, 0, dim), "integer dot is exact, dim " + dim);
            // Rounding each weight moves it by at most half a unit of the scale.
            assertEquals(approx, scale * (double) exact, 0.5 * scale * 255 * dim + 1e-6 * magnitude,
                    "integer weights approximate the float ones, dim " + dim + ", seed " + SEED);
        }
        short[] zero = new short[4];
        assertEquals(0f, Sq8Quantizer.toIntWeights(new float[4], zero, 4), "an all-zero query has scale 0");
    }

    private static float[] gaussian(Random random, int dim, float scale) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) random.nextGaussian() * scale;
        }
        return v;
    }

    private static float[] shifted(float[] v, int offset) {
        float[] out = new float[v.length + offset];
        System.arraycopy(v, 0, out, offset, v.length);
        return out;
    }
}
