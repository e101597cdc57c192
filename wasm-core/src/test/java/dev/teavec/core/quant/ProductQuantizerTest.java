package dev.teavec.core.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.testkit.TestSeeds;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProductQuantizerTest {
    private static float[] gaussianRows(Random random, int n, int dim) {
        float[] rows = new float[n * dim];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) random.nextGaussian();
        }
        return rows;
    }

    @Test
    void unevenSplitsGiveTheFirstSubspacesOneMoreDimension() {
        assertArrayEquals(new int[] {0, 3, 6, 8, 10, 12}, ProductQuantizer.offsets(12, 5));
        assertArrayEquals(new int[] {0, 1, 2, 3}, ProductQuantizer.offsets(3, 3));
        assertArrayEquals(new int[] {0, 7}, ProductQuantizer.offsets(7, 1));
    }

    @Test
    void trainingRowsFewerThanCentroidsAreEncodedExactly() {
        long seed = TestSeeds.forStatisticalBar();
        Random random = new Random(seed);
        int dim = 10;
        float[] rows = gaussianRows(random, 100, dim);
        ProductQuantizer pq = ProductQuantizer.train(rows, 100, dim, 3, seed);
        byte[] code = new byte[3];
        float[] v = new float[dim];
        float[] back = new float[dim];
        for (int r = 0; r < 100; r++) {
            System.arraycopy(rows, r * dim, v, 0, dim);
            pq.encode(v, code);
            pq.decode(code, back);
            assertArrayEquals(v, back, "row " + r + " is a centroid of its own, seed " + seed);
        }
    }

    @Test
    void encodingErrorShrinksWithMoreSubspacesAndBeatsTheMean() {
        long seed = TestSeeds.forStatisticalBar();
        Random random = new Random(seed);
        int dim = 16;
        int n = 2000;
        float[] rows = gaussianRows(random, n, dim);
        float[] test = gaussianRows(random, 200, dim);
        double previous = Double.POSITIVE_INFINITY;
        for (int m : new int[] {2, 4, 8, 16}) {
            ProductQuantizer pq = ProductQuantizer.train(rows, n, dim, m, seed);
            double error = meanSquaredError(pq, test, dim);
            // The mean (a single centroid) would leave the full variance, about 1 per dimension.
            assertTrue(error < 0.6 * dim, "m " + m + ": error " + error + ", seed " + seed);
            assertTrue(error < previous, "m " + m + ": error " + error + " not below " + previous + ", seed " + seed);
            previous = error;
        }
        // One dimension per sub-space, 256 levels each: close to 8-bit scalar quantization.
        assertTrue(previous < 0.01 * dim, "m 16: error " + previous + ", seed " + seed);
    }

    private static double meanSquaredError(ProductQuantizer pq, float[] rows, int dim) {
        int n = rows.length / dim;
        byte[] code = new byte[pq.subspaces()];
        float[] v = new float[dim];
        float[] back = new float[dim];
        double sum = 0;
        for (int r = 0; r < n; r++) {
            System.arraycopy(rows, r * dim, v, 0, dim);
            pq.encode(v, code);
            pq.decode(code, back);
            for (int i = 0; i < dim; i++) {
                sum += (v[i] - back[i]) * (v[i] - back[i]);
            }
        }
        return sum / n;
    }

    @Test
    void tableTermsEqualDirectTermsBitForBit() {
        long seed = TestSeeds.forStatisticalBar();
        Random random = new Random(seed);
        int dim = 13;
        ProductQuantizer pq = ProductQuantizer.train(gaussianRows(random, 600, dim), 600, dim, 4, seed);
        float[] q = gaussianRows(random, 1, dim);
        float[] table = new float[4 * ProductQuantizer.CENTROIDS];
        for (boolean l2 : new boolean[] {false, true}) {
            pq.fillTable(q, l2, table);
            for (int s = 0; s < 4; s++) {
                for (int c = 0; c < ProductQuantizer.CENTROIDS; c++) {
                    assertEquals(Float.floatToIntBits(pq.partial(s, q, c, l2)),
                            Float.floatToIntBits(table[s * ProductQuantizer.CENTROIDS + c]),
                            "sub-space " + s + ", centroid " + c + ", l2 " + l2 + ", seed " + seed);
                }
            }
        }
    }

    @Test
    void trainingIsDeterministicForASeed() {
        Random random = new Random(7);
        float[] rows = gaussianRows(random, 500, 8);
        ProductQuantizer a = ProductQuantizer.train(rows, 500, 8, 2, 99);
        ProductQuantizer b = ProductQuantizer.train(rows, 500, 8, 2, 99);
        ProductQuantizer c = ProductQuantizer.train(rows, 500, 8, 2, 100);
        assertArrayEquals(a.centroids(0), b.centroids(0));
        assertArrayEquals(a.centroids(1), b.centroids(1));
        assertTrue(!java.util.Arrays.equals(a.centroids(0), c.centroids(0)), "another seed, other centroids");
    }
}
