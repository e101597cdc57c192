package dev.teavec.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teavec.core.quant.RangeTracker;
import dev.teavec.core.quant.Sq8Quantizer;
import dev.teavec.core.vector.VectorOps;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The heap kernels: batches equal single calls, and a stored query is prepared as documented. */
class HeapKernelsTest {
    private static final long SEED = Long.getLong("teavec.seed", System.nanoTime());

    @Test
    void floatBatchesEqualSingleCallsAcrossChunks() {
        Random random = new Random(SEED);
        int dim = 37;
        FloatVectorStore store = new FloatVectorStore(dim, 5 * dim);
        for (int i = 0; i < 50; i++) {
            store.add(gaussian(random, dim));
        }
        FloatKernel kernel = store.newKernel();
        kernel.setQueryFromOrdinal(7);
        int[] ords = {0, 49, 7, 12, 5, 33};
        float[] dots = new float[ords.length];
        float[] l2 = new float[ords.length];
        kernel.dot(ords, ords.length, dots);
        kernel.squaredL2(ords, ords.length, l2);
        for (int i = 0; i < ords.length; i++) {
            assertEquals(Float.floatToIntBits(kernel.dot(ords[i])), Float.floatToIntBits(dots[i]), "seed " + SEED);
            assertEquals(Float.floatToIntBits(kernel.squaredL2(ords[i])), Float.floatToIntBits(l2[i]), "seed " + SEED);
            float[] v = store.copyOf(ords[i]);
            float[] q = store.copyOf(7);
            assertEquals(VectorOps.dot(q, 0, v, 0, dim), dots[i], "dot from a stored query, seed " + SEED);
        }
        assertEquals(0f, l2[2], "a vector is at distance 0 from itself");
    }

    @Test
    void storedQueryIsPreparedLikeItsDecodedFloats() {
        Random random = new Random(SEED);
        int dim = 45;
        RangeTracker tracker = new RangeTracker(dim);
        float[][] xs = new float[40][];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = gaussian(random, dim);
            tracker.observe(xs[i], 0);
        }
        Sq8Quantizer quantizer = tracker.toQuantizer();
        ByteVectorStore codes = new ByteVectorStore(dim, 7 * dim);
        byte[] scratch = new byte[dim];
        for (float[] x : xs) {
            quantizer.encode(x, scratch, 0);
            codes.write(codes.append(), scratch);
        }
        CodeKernel kernel = codes.newKernel();
        int anchor = 11;
        kernel.setQueryFromOrdinal(anchor, quantizer);
        float[] decodedAnchor = new float[dim];
        float[] decoded = new float[dim];
        codes.read(anchor, scratch);
        quantizer.decode(scratch, 0, decodedAnchor);
        int[] ords = new int[xs.length];
        int[] dots = new int[xs.length];
        for (int i = 0; i < ords.length; i++) {
            ords[i] = i;
        }
        kernel.dot(ords, ords.length, dots);
        for (int i = 0; i < xs.length; i++) {
            assertEquals(kernel.dot(i), dots[i], "batch equals single call");
            codes.read(i, scratch);
            quantizer.decode(scratch, 0, decoded);
            double exact = 0;
            double magnitude = 0;
            for (int d = 0; d < dim; d++) {
                exact += (double) decodedAnchor[d] * decoded[d];
                magnitude += Math.abs((double) decodedAnchor[d] * decoded[d]);
            }
            float viaCodes = kernel.constant() + kernel.scale() * dots[i];
            assertEquals(exact, viaCodes, 1e-3 * magnitude, "decoded dot via codes, vector " + i + ", seed " + SEED);
        }
    }

    private static float[] gaussian(Random random, int dim) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }
}
