package dev.teavec.core.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.quant.Sq8Quantizer;
import dev.teavec.core.testkit.TestSeeds;
import dev.teavec.core.vector.CosineScale;
import dev.teavec.core.vector.Metric;
import dev.teavec.core.vector.VectorOps;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * After a re-calibration from kept floats, SQ8's state is what a fresh encoding of the exact vectors under the
 * new ranges makes of them: every code, and every norm to the bit (the norms a snapshot load recomputes).
 */
class Sq8RecalibrationTest {
    private static final int DIM = 37;

    @Test
    void cosineCodesAndNormsEqualAFreshEncodingUnderTheNewRanges() {
        check(Metric.COSINE);
    }

    @Test
    void l2CodesAndNormsEqualAFreshEncodingUnderTheNewRanges() {
        check(Metric.L2);
    }

    @Test
    void dotCodesAndNormsEqualAFreshEncodingUnderTheNewRanges() {
        check(Metric.DOT);
    }

    private static void check(Metric metric) {
        long seed = TestSeeds.forExactProperty();
        Random random = new Random(seed);
        FloatVectorValues floats = new FloatVectorValues(DIM, metric);
        List<float[]> added = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            added.add(vector(random, 1f));
            floats.add(added.get(i));
        }
        Sq8VectorValues codes = Sq8VectorValues.train(floats);
        // Wider vectors until the clipped ones call for a re-calibration; under cosine some need rescaling.
        int calibrations = codes.calibrations();
        for (int i = 0; codes.calibrations() < calibrations + 2; i++) {
            float[] v = vector(random, 1f + i / 16f);
            if (metric == Metric.COSINE && i % 7 == 0) {
                for (int d = 0; d < DIM; d++) {
                    v[d] *= 1e-20f;
                }
            }
            added.add(v);
            codes.add(v);
            floats.add(v);
            if (codes.needsRecalibration()) {
                codes.recalibrate(floats);
                assertEquals(0, codes.clippedCount(), "seed " + seed);
                assertFresh(codes, added, metric, seed);
            }
        }
        assertTrue(codes.size() > 64, "seed " + seed);
    }

    private static void assertFresh(Sq8VectorValues codes, List<float[]> added, Metric metric, long seed) {
        Sq8Quantizer quantizer = codes.quantizer();
        byte[] expected = new byte[DIM];
        byte[] stored = new byte[DIM];
        float[] decoded = new float[DIM];
        for (int ord = 0; ord < added.size(); ord++) {
            quantizer.encode(CosineScale.scaled(added.get(ord)), expected, 0);
            codes.codes().read(ord, stored);
            assertArrayEquals(expected, stored, "codes of " + ord + ", seed " + seed);
            quantizer.decode(stored, 0, decoded);
            float squared = VectorOps.dot(decoded, 0, decoded, 0, DIM);
            float norm = metric == Metric.COSINE ? VectorOps.inverseOfSquaredNorm(squared) : squared;
            assertEquals(Float.floatToIntBits(norm), Float.floatToIntBits(codes.norm(ord)),
                    "norm of " + ord + ", seed " + seed);
        }
    }

    private static float[] vector(Random random, float spread) {
        float[] v = new float[DIM];
        for (int d = 0; d < DIM; d++) {
            v[d] = (random.nextFloat() - 0.5f) * spread;
        }
        return v;
    }
}
