package dev.teavec.core.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.testkit.CosineScaleScenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cosine over every finite float32 scale, against a double-precision oracle, with fresh seeds. */
class CosineScaleTest {
    private static final long SEED = Long.getLong("teavec.seed", System.nanoTime());

    @ParameterizedTest
    @ValueSource(strings = {"flat", "hnsw", "sq8-rerank"})
    void distancesMatchDoubleOracleAtEveryScale(String variant) {
        for (int i = 0; i < 20; i++) {
            CosineScaleScenarios.distancesMatchDoubleOracleAtEveryScale(variant, SEED + i);
        }
    }

    @Test
    void exponentBringsTheLargestComponentIntoOneToTwoOnlyOutsideTheSafeRange() {
        float[][] cases = {{Float.MIN_VALUE}, {Float.MAX_VALUE, -1f}, {0f, -0x1p41f}, {0x1p40f}, {0x1p-40f}, {0x1.8p-41f, 0f},
            {1e20f, 1e20f}, {1e-23f, -1e-23f}};
        int[] expected = {149, -127, -41, 0, 0, 41, -66, 77};
        for (int i = 0; i < cases.length; i++) {
            int e = CosineScale.exponent(cases[i], 0, cases[i].length);
            assertEquals(expected[i], e, "case " + i);
            float[] scaled = new float[cases[i].length];
            CosineScale.scale(cases[i], 0, cases[i].length, e, scaled);
            float max = 0f;
            for (float x : scaled) {
                max = Math.max(max, Math.abs(x));
            }
            if (e == 0) {
                assertArrayEquals(cases[i], scaled, "case " + i + " is left as it is");
            } else {
                assertTrue(max >= 1f && max < 2f, "case " + i + " scaled to max " + max);
            }
        }
        assertEquals(0, CosineScale.exponent(new float[] {0f, -0f}, 0, 2), "the zero vector is left alone");
    }

    @Test
    void pqDistancesMatchDoubleOracleAtEveryScaleWithRerank() {
        for (int i = 0; i < 20; i++) {
            CosineScaleScenarios.distancesMatchDoubleOracleAtEveryScale("pq-rerank", SEED + i);
        }
    }

    @Test
    void pqStaysFiniteAtExtremeScales() {
        for (int i = 0; i < 3; i++) {
            CosineScaleScenarios.staysFiniteAtExtremeScales("pq", SEED + i);
        }
    }

    @Test
    void sq8StaysFiniteAtExtremeScales() {
        for (int i = 0; i < 3; i++) {
            CosineScaleScenarios.sq8StaysFiniteAtExtremeScales(SEED + i);
        }
    }
}
