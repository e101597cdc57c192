package dev.teavec.core.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.vector.Metric;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Compaction's copy of SQ8 codes keeps the exact copies of clipped vectors, so clamping stays temporary. */
class Sq8CopyTest {
    private static final int DIM = 8;
    private static final long SEED = 20251122L;

    @Test
    void copyKeepsClippedVectorsAndRecalibrationRestoresThem() {
        Random random = new Random(SEED);
        Sq8VectorValues values = trainedOn100(random);
        float[][] clipped = new float[10][];
        for (int i = 0; i < clipped.length; i++) {
            clipped[i] = vector(random, 3f);
            clipped[i][0] = 2.5f;
            values.add(clipped[i]);
        }
        assertEquals(10, values.clippedCount(), "seed " + SEED);
        // Drop ordinals 0..49 and the clipped 100 and 105: the other 8 clipped become 50.. renumbered.
        int[] ords = new int[58];
        int n = 0;
        for (int ord = 50; ord < 110; ord++) {
            if (ord != 100 && ord != 105) {
                ords[n++] = ord;
            }
        }
        Sq8VectorValues copy = values.copyOf(ords, n);
        assertEquals(8, copy.clippedCount());
        for (int i = 0, c = 0; i < clipped.length; i++) {
            if (i == 0 || i == 5) {
                continue;
            }
            int renumbered = 50 + i - (i > 5 ? 2 : 1);
            assertEquals(renumbered, copy.clippedOrd(c));
            assertArrayEquals(clipped[i], copy.clippedVector(c++));
        }
        copy.recalibrate(null);
        float[] out = new float[DIM];
        copy.decode(50, out);
        for (int d = 0; d < DIM; d++) {
            assertTrue(Math.abs(out[d] - clipped[1][d]) < 0.05f, "dim " + d + ": " + out[d] + " vs " + clipped[1][d]);
        }
    }

    /** A renumbering (HnswReorder: ords in no ascending order) finds every clipped vector's exact copy too. */
    @Test
    void aRenumberedCopyKeepsEveryClippedVector() {
        Random random = new Random(SEED);
        Sq8VectorValues values = trainedOn100(random);
        float[][] clipped = new float[10][];
        for (int i = 0; i < 40; i++) {
            float[] v = vector(random, 0.5f);
            if (i % 4 == 1) {
                v = vector(random, 3f);
                v[0] = 2.5f;
                clipped[i / 4] = v;
            }
            values.add(v);
        }
        assertEquals(10, values.clippedCount(), "seed " + SEED);
        // The 100 trained vectors, then the 40 added (clipped: 101, 105, ... 137). Reversed, then the halves swapped:
        // decreasing runs and jumps both ways.
        int n = 140;
        int[] ords = new int[n];
        for (int i = 0; i < n; i++) {
            int reversed = n - 1 - i;
            ords[i] = reversed < n / 2 ? reversed + n / 2 : reversed - n / 2;
        }
        Sq8VectorValues copy = values.copyOf(ords, n);
        assertEquals(10, copy.clippedCount(), "every clipped vector kept");
        for (int c = 0; c < copy.clippedCount(); c++) {
            int old = ords[copy.clippedOrd(c)] - 100;
            assertEquals(1, old % 4, "copy ordinal " + copy.clippedOrd(c) + " was a clipped vector");
            assertArrayEquals(clipped[old / 4], copy.clippedVector(c), "exact copy of added vector " + old);
        }
    }

    /** SQ8 values trained on (and holding) 100 seeded vectors of spread 1, ordinals 0..99. */
    private static Sq8VectorValues trainedOn100(Random random) {
        FloatVectorValues sample = new FloatVectorValues(DIM, Metric.L2);
        for (int i = 0; i < 100; i++) {
            sample.add(vector(random, 1f));
        }
        return Sq8VectorValues.train(sample);
    }

    private static float[] vector(Random random, float spread) {
        float[] v = new float[DIM];
        for (int d = 0; d < DIM; d++) {
            v[d] = (random.nextFloat() - 0.5f) * spread;
        }
        return v;
    }
}
