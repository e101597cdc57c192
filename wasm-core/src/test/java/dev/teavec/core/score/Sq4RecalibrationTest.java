package dev.teavec.core.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.quant.Sq4Quantizer;
import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.testkit.TestSeeds;
import dev.teavec.core.vector.CosineScale;
import dev.teavec.core.vector.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * After a re-calibration from kept floats, every SQ4 code is a fresh encoding, under the new ranges, of the vector as
 * add() encoded it — rescaled where cosine rescales it (tiny vectors here), as the floats store it.
 */
class Sq4RecalibrationTest {
    private static final int DIM = 37;

    @Test
    void cosineCodesEqualAFreshEncodingOfTheStoredFloatsUnderTheNewRanges() {
        long seed = TestSeeds.forExactProperty();
        Random random = new Random(seed);
        FloatVectorValues floats = new FloatVectorValues(DIM, Metric.COSINE);
        List<float[]> added = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            added.add(vector(random, 1f, false));
            floats.add(added.get(i));
        }
        Sq4VectorValues codes = Sq4VectorValues.train(floats, VectorStorageFactory.HEAP);
        int recalibrations = 0;
        for (int i = 0; recalibrations < 2; i++) {
            float[] v = vector(random, 1f + i / 16f, i % 7 == 0);
            added.add(v);
            codes.add(v);
            floats.add(v);
            if (codes.needsRecalibration()) {
                codes.recalibrate(floats);
                recalibrations++;
                assertFresh(codes, added, seed);
            }
        }
        assertTrue(codes.size() > 64, "seed " + seed);
    }

    private static void assertFresh(Sq4VectorValues codes, List<float[]> added, long seed) {
        Sq4Quantizer quantizer = codes.quantizer();
        byte[] expected = new byte[Sq4Quantizer.codeBytes(DIM)];
        byte[] stored = new byte[expected.length];
        for (int ord = 0; ord < added.size(); ord++) {
            quantizer.encode(CosineScale.scaled(added.get(ord)), expected, 0);
            codes.codes().read(ord, stored);
            assertArrayEquals(expected, stored, "codes of " + ord + ", seed " + seed);
        }
    }

    /** Uniform components of the given spread; tiny (scaled by 1e-20, rescaled under cosine) when asked. */
    private static float[] vector(Random random, float spread, boolean tiny) {
        float[] v = new float[DIM];
        for (int d = 0; d < DIM; d++) {
            v[d] = (random.nextFloat() - 0.5f) * spread * (tiny ? 1e-20f : 1f);
        }
        return v;
    }
}
