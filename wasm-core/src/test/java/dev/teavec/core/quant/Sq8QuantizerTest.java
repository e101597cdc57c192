package dev.teavec.core.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.store.ByteVectorStore;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Sq8QuantizerTest {
    @Test
    void roundTripErrorIsAtMostHalfAStepAndCodeDotMatchesDecoded() {
        long seed = Long.getLong("teavec.seed", System.nanoTime());
        Random random = new Random(seed);
        int dim = 37;
        RangeTracker tracker = new RangeTracker(dim);
        float[][] xs = new float[50][dim];
        for (float[] x : xs) {
            for (int i = 0; i < dim; i++) {
                x[i] = (float) (random.nextGaussian() * (1 + i));
            }
            tracker.observe(x, 0);
        }
        Sq8Quantizer q = tracker.toQuantizer();
        byte[] codes = new byte[dim];
        float[] decoded = new float[dim];
        float[] query = new float[dim];
        float[] scaled = new float[dim];
        for (int i = 0; i < dim; i++) {
            query[i] = (float) random.nextGaussian();
        }
        float constant = q.prepareQuery(query, 0, scaled);
        for (float[] x : xs) {
            assertFalse(q.encode(x, codes, 0), "calibration data is never clipped, seed " + seed);
            q.decode(codes, 0, decoded);
            double dot = 0;
            for (int i = 0; i < dim; i++) {
                double halfStep = (q.max(i) - q.min(i)) / Sq8Quantizer.LEVELS / 2;
                assertEquals(x[i], decoded[i], halfStep * 1.001 + 1e-6, "dimension " + i + ", seed " + seed);
                dot += (double) query[i] * decoded[i];
            }
            float viaCodes = constant + Sq8Quantizer.dotCodes(scaled, codes, 0, dim);
            assertEquals(dot, viaCodes, 1e-3 * (1 + Math.abs(dot)), "dot on codes = dot on decoded, seed " + seed);
        }
        float[] outside = xs[0].clone();
        outside[3] = q.max(3) + 10 * (q.max(3) - q.min(3));
        assertTrue(q.encode(outside, codes, 0), "a value far outside the range is reported as clipped");
        assertEquals(255, codes[3] & 0xFF, "and clamped to the top code");
    }

    @Test
    void byteStoreCrossesChunks() {
        ByteVectorStore store = new ByteVectorStore(3, 7);
        for (int i = 0; i < 20; i++) {
            int ord = store.append();
            byte[] chunk = store.chunk(ord);
            for (int d = 0; d < 3; d++) {
                chunk[store.offset(ord) + d] = (byte) (i * 3 + d);
            }
        }
        for (int i = 0; i < 20; i++) {
            for (int d = 0; d < 3; d++) {
                assertEquals(i * 3 + d, store.chunk(i)[store.offset(i) + d], "vector " + i + " byte " + d);
            }
        }
    }
}
