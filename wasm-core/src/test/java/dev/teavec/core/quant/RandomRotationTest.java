package dev.teavec.core.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rotation is orthogonal (inner products kept, inverse exact), a function of its seed, and mixes. */
class RandomRotationTest {
    private static final long SEED = 20261206L;

    private static float[] gaussian(Random random, int dim) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 64, 100, 128, 384, 769})
    void keepsInnerProductsAndInvertsExactly(int dim) {
        Random random = new Random(SEED + dim);
        RandomRotation r = new RandomRotation(dim, SEED, RandomRotation.DEFAULT_ROUNDS);
        for (int trial = 0; trial < 20; trial++) {
            float[] x = gaussian(random, dim);
            float[] y = gaussian(random, dim);
            float[] rx = x.clone();
            float[] ry = y.clone();
            r.apply(rx);
            r.apply(ry);
            double expected = dot(x, y);
            String what = "dim " + dim + ", trial " + trial + ", seed " + SEED;
            assertEquals(expected, dot(rx, ry), 1e-4 * (Math.sqrt(dot(x, x) * dot(y, y)) + 1), what);
            r.applyInverse(rx);
            for (int i = 0; i < dim; i++) {
                assertEquals(x[i], rx[i], 1e-5 * (1 + Math.abs(x[i])), what + ", coordinate " + i);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {96, 100, 384, 768})
    void spreadsEveryBasisVectorAsARandomRotationWould(int dim) {
        // A coordinate-aligned vector would keep one huge coordinate under the identity: its sign code would then
        // say almost nothing. Under a uniformly random rotation the largest coordinate of a unit vector is about
        // sqrt(2 ln 2d / d) (3.2/√d at 384); measured here: 2.7–3.4/√d on average, 4.5–5.2/√d at worst.
        RandomRotation r = new RandomRotation(dim, SEED, RandomRotation.DEFAULT_ROUNDS);
        double sum = 0;
        for (int axis = 0; axis < dim; axis++) {
            float[] e = new float[dim];
            e[axis] = 1f;
            r.apply(e);
            float max = 0f;
            for (float v : e) {
                max = Math.max(max, Math.abs(v));
            }
            assertTrue(max * Math.sqrt(dim) < 6, "dim " + dim + ", axis " + axis + ": largest coordinate " + max);
            sum += max;
        }
        assertTrue(sum / dim * Math.sqrt(dim) < 3.6, "dim " + dim + ": mean largest coordinate " + sum / dim);
    }

    @ParameterizedTest
    @ValueSource(ints = {7, 384})
    void isAFunctionOfItsSeed(int dim) {
        float[] x = gaussian(new Random(SEED), dim);
        float[] a = x.clone();
        float[] b = x.clone();
        float[] c = x.clone();
        new RandomRotation(dim, 42, 3).apply(a);
        new RandomRotation(dim, 42, 3).apply(b);
        new RandomRotation(dim, 43, 3).apply(c);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c), "another seed, another rotation");
        // Pinned values: snapshots store the seed, not the matrix, so the generator must never change.
        float[] unit = new float[4];
        unit[0] = 1f;
        new RandomRotation(4, 1, 1).apply(unit);
        assertArrayEquals(new float[] {-0.5f, -0.5f, -0.5f, -0.5f}, unit, "pinned: seed 1, 1 round, e0 in 4 dimensions");
    }
}
