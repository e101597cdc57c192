package dev.teavec.core.testkit;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.index.SearchResult;
import dev.teavec.core.index.VectorIndex;
import dev.teavec.core.store.FloatVectorStore;
import dev.teavec.core.vector.Metric;
import java.util.Random;

/**
 * The flat index's behaviour as plain methods. JUnit 5 runs them on the JVM; TeaVM's runner runs
 * the same code compiled to Wasm GC in Chromium, so both runtimes are held to one contract.
 */
public final class FlatIndexScenarios {
    private FlatIndexScenarios() {
    }

    private static float[] v(float... xs) {
        return xs;
    }

    /** Points on a line: the nearest by Euclidean distance are known exactly. */
    public static void l2HandBuiltNeighbours() {
        VectorIndex index = Indexes.flat(2, Metric.L2);
        index.add(v(0, 0));
        index.add(v(3, 4));
        index.add(v(1, 0));
        index.add(v(-2, 0));
        SearchResult r = index.search(v(0.9f, 0), 3);
        Check.ids(new int[] {2, 0, 3}, r.ids(), "L2 neighbours of (0.9, 0)");
        Check.near(0.1, r.distance(0), 1e-6, "L2 distance is Euclidean, not squared");
        Check.near(0.9, r.distance(1), 1e-6, "second L2 distance");
    }

    /** Cosine ignores magnitude: a long vector in the query's direction beats a short one off it. */
    public static void cosineRanksMostSimilarFirst() {
        VectorIndex index = Indexes.flat(2, Metric.COSINE);
        index.add(v(-1, 0));
        index.add(v(10, 1));
        index.add(v(0, 1));
        index.add(v(1, 1));
        SearchResult r = index.search(v(1, 0), 4);
        Check.ids(new int[] {1, 3, 2, 0}, r.ids(), "cosine ranking for (1, 0)");
        Check.near(1 - 10 / Math.sqrt(101), r.distance(0), 1e-6, "cosine distance = 1 - cos");
        Check.near(1.0, r.distance(2), 1e-6, "orthogonal vector has cosine distance 1");
        Check.near(2.0, r.distance(3), 1e-6, "opposite vector has cosine distance 2");
    }

    /** Dot product rewards magnitude: the largest inner product ranks first, as distance -dot. */
    public static void dotRanksLargestInnerProductFirst() {
        VectorIndex index = Indexes.flat(2, Metric.DOT);
        index.add(v(1, 0));
        index.add(v(3, 0));
        index.add(v(-2, 0));
        index.add(v(0, 5));
        SearchResult r = index.search(v(1, 0), 4);
        Check.ids(new int[] {1, 0, 3, 2}, r.ids(), "dot ranking for (1, 0)");
        Check.near(-3, r.distance(0), 1e-6, "dot distance is the negated inner product");
    }

    public static void emptyIndexAndLargeK() {
        VectorIndex index = Indexes.flat(3, Metric.L2);
        Check.equal(0, index.search(v(1, 2, 3), 5).size(), "empty index returns no results");
        index.add(v(1, 1, 1));
        index.add(v(2, 2, 2));
        SearchResult r = index.search(v(0, 0, 0), 10);
        Check.ids(new int[] {0, 1}, r.ids(), "k larger than the index returns everything, best first");
    }

    public static void duplicatesTieBreakByLowerId() {
        VectorIndex index = Indexes.flat(2, Metric.L2);
        index.add(v(1, 1));
        index.add(v(5, 5));
        index.add(v(1, 1));
        Check.ids(new int[] {0, 2}, index.search(v(1, 1), 2).ids(), "duplicates come in id order");
    }

    public static void badInputChangesNothing() {
        VectorIndex index = Indexes.flat(3, Metric.COSINE);
        index.add(v(1, 0, 0));
        Check.fails(ErrorCode.DIMENSION_MISMATCH, () -> index.add(v(1, 0)), "short vector");
        Check.fails(ErrorCode.INVALID_VECTOR, () -> index.add(v(1, Float.NaN, 0)), "NaN");
        Check.fails(ErrorCode.INVALID_VECTOR, () -> index.add(v(Float.POSITIVE_INFINITY, 0, 0)), "Infinity");
        Check.fails(ErrorCode.INVALID_VECTOR, () -> index.add(v(0, 0, 0)), "zero vector under cosine");
        Check.fails(ErrorCode.INVALID_VECTOR, () -> index.add(null), "null vector");
        Check.fails(ErrorCode.INVALID_K, () -> index.search(v(1, 0, 0), 0), "k = 0");
        Check.fails(ErrorCode.INVALID_K, () -> index.search(v(1, 0, 0), -3), "negative k");
        Check.fails(ErrorCode.DIMENSION_MISMATCH, () -> index.search(v(1, 0, 0, 0), 1), "long query");
        Check.fails(ErrorCode.UNKNOWN_ID, () -> index.get(1), "unknown id");
        Check.fails(ErrorCode.INVALID_CONFIG, () -> Indexes.flat(0, Metric.L2), "zero dimensions");
        Check.fails(ErrorCode.INVALID_CONFIG, () -> Metric.fromName("euclid"), "unknown metric");
        Check.equal(1, index.size(), "failed calls left the index as it was");
    }

    /** Zero vectors are fine where no norm is needed. */
    public static void zeroVectorAllowedUnderL2AndDot() {
        Indexes.flat(2, Metric.L2).add(v(0, 0));
        Indexes.flat(2, Metric.DOT).add(v(0, 0));
    }

    /** Vectors spread over many chunks read back exactly. */
    public static void chunkedStoreKeepsEveryVector() {
        FloatVectorStore store = new FloatVectorStore(3, 7);
        for (int i = 0; i < 20; i++) {
            store.add(v(i, i + 0.5f, -i));
        }
        for (int i = 0; i < 20; i++) {
            float[] got = store.copyOf(i);
            Check.isTrue(got[0] == i && got[1] == i + 0.5f && got[2] == -i, "vector " + i + " read back intact");
        }
    }

    /** Random data against a brute-force oracle in double precision. */
    public static void randomAgreesWithBruteForce(long seed) {
        Random random = new Random(seed);
        int dim = 1 + random.nextInt(40);
        int n = 1 + random.nextInt(300);
        for (Metric metric : Metric.values()) {
            VectorIndex index = Indexes.flat(dim, metric);
            float[][] data = new float[n][];
            for (int i = 0; i < n; i++) {
                data[i] = gaussian(random, dim);
                index.add(data[i]);
            }
            float[] q = gaussian(random, dim);
            int k = 1 + random.nextInt(Math.min(n, 20));
            SearchResult r = index.search(q, k);
            Check.equal(k, r.size(), "result count, seed " + seed);
            for (int i = 0; i < k; i++) {
                double expected = bruteDistance(metric, q, data[r.id(i)]);
                Check.near(expected, r.distance(i), 1e-4 * (1 + Math.abs(expected)),
                        "distance of result " + i + " under " + metric + ", seed " + seed);
                if (i > 0) {
                    Check.isTrue(r.distance(i - 1) <= r.distance(i), "results best first, seed " + seed);
                }
            }
            double kth = r.distance(k - 1);
            int better = 0;
            for (int i = 0; i < n; i++) {
                if (bruteDistance(metric, q, data[i]) < kth - 1e-4 * (1 + Math.abs(kth))) {
                    better++;
                }
            }
            Check.isTrue(better < k, "no vector outside the results is clearly closer, " + metric + ", seed " + seed);
        }
    }

    static float[] gaussian(Random random, int dim) {
        float[] x = new float[dim];
        for (int i = 0; i < dim; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }

    /** The exact distance in double precision: the reference every index is checked against. */
    public static double bruteDistance(Metric metric, float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        double l2 = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
            l2 += ((double) a[i] - b[i]) * ((double) a[i] - b[i]);
        }
        switch (metric) {
            case COSINE:
                return 1 - dot / Math.sqrt(na * nb);
            case DOT:
                return -dot;
            default:
                return Math.sqrt(l2);
        }
    }
}
