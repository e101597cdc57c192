package dev.teavec.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.codec.IndexSnapshot;
import dev.teavec.core.codec.SnapshotBytes;
import dev.teavec.core.codec.SnapshotLimits;
import dev.teavec.core.testkit.Check;
import dev.teavec.core.testkit.IdListIndexType;
import dev.teavec.core.testkit.SnapshotScenarios;
import dev.teavec.core.testkit.FlatIndexScenarios;
import dev.teavec.core.testkit.Indexes;
import dev.teavec.core.testkit.TestSeeds;
import dev.teavec.core.vector.Metric;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One contract, run against every index variant (flat, HNSW float, HNSW SQ8 with and without
 * re-ranking, auto), with the flat index as the oracle. Subclasses say how to build an index and
 * how exact it is expected to be.
 */
abstract class VectorIndexContractTest {
    /** An index of this variant; {@code base} carries dimensions and metric. */
    abstract VectorIndex create(IndexConfig.Builder base);

    /** Whether results must equal the oracle's exactly (ids and distances). */
    abstract boolean exact();

    /** Tolerance on reported distances, relative to 1 + |distance|. */
    double distanceTolerance() {
        return exact() ? 1e-4 : 0.05;
    }

    /** Minimum recall@10 against the oracle on small random data. */
    double minRecall() {
        return exact() ? 1.0 : 0.9;
    }

    final VectorIndex create(int dims, Metric metric) {
        return create(IndexConfig.builder(dims, metric));
    }

    private static float[] v(float... xs) {
        return xs;
    }

    static long baseSeed() {
        return TestSeeds.forStatisticalBar();
    }

    @Test
    void l2HandBuiltNeighbours() {
        VectorIndex index = create(2, Metric.L2);
        addAll(index, v(0, 0), v(3, 4), v(1, 0), v(-2, 0));
        SearchResult r = index.search(v(0.9f, 0), 3);
        Check.ids(new int[] {2, 0, 3}, r.ids(), "L2 neighbours of (0.9, 0)");
        Check.near(0.1, r.distance(0), distanceTolerance(), "L2 distance is Euclidean, not squared");
        Check.near(0.9, r.distance(1), distanceTolerance(), "second L2 distance");
        index.checkIntegrity();
    }

    @Test
    void cosineHandBuiltNeighbours() {
        VectorIndex index = create(2, Metric.COSINE);
        addAll(index, v(-1, 0), v(10, 1), v(0, 1), v(1, 1));
        SearchResult r = index.search(v(1, 0), 4);
        Check.ids(new int[] {1, 3, 2, 0}, r.ids(), "cosine ranking for (1, 0), best first");
        Check.near(1 - 10 / Math.sqrt(101), r.distance(0), distanceTolerance(), "cosine distance = 1 - cos");
        Check.near(2.0, r.distance(3), distanceTolerance() * 3, "opposite vector has cosine distance 2");
    }

    @Test
    void dotHandBuiltNeighbours() {
        VectorIndex index = create(2, Metric.DOT);
        addAll(index, v(1, 0), v(3, 0), v(-2, 0), v(0, 5));
        SearchResult r = index.search(v(1, 0), 4);
        Check.ids(new int[] {1, 0, 3, 2}, r.ids(), "dot ranking for (1, 0): largest inner product first");
        Check.near(-3, r.distance(0), distanceTolerance() * 4, "dot distance is the negated inner product");
    }

    @Test
    void emptyIndex() {
        VectorIndex index = create(3, Metric.L2);
        assertEquals(0, index.search(v(1, 2, 3), 5).size(), "empty index returns no results");
        assertEquals(0, index.liveCount());
        assertEquals(0.0, index.tombstoneRatio());
        assertFalse(index.needsCompaction());
        index.compact();
        index.checkIntegrity();
    }

    @Test
    void oneVectorAndKLargerThanN() {
        VectorIndex index = create(3, Metric.COSINE);
        index.add(v(1, 2, 3));
        Check.ids(new int[] {0}, index.search(v(3, 2, 1), 10).ids(), "a single vector is always the answer");
        index.add(v(-1, -2, -3));
        Check.ids(new int[] {0, 1}, index.search(v(1, 2, 2.5f), 10).ids(), "k > n returns everything, best first");
        index.checkIntegrity();
    }

    @Test
    void duplicatesAreAllFoundInIdOrder() {
        long seed = baseSeed();
        Random random = new Random(seed);
        VectorIndex index = create(8, Metric.L2);
        float[] dup = gaussian(random, 8);
        Set<Integer> dupIds = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            int id = index.add(i % 3 == 0 ? dup : gaussian(random, 8));
            if (i % 3 == 0) {
                dupIds.add(id);
            }
        }
        SearchResult r = index.search(dup, 20);
        for (int i = 0; i < 20; i++) {
            assertTrue(dupIds.contains(r.id(i)), "result " + i + " is a duplicate of the query, seed " + seed);
            assertTrue(i == 0 || r.id(i - 1) < r.id(i), "equal distances come in id order, seed " + seed);
        }
        index.checkIntegrity();
    }

    @Test
    void zeroVectorUnderCosineIsRejected() {
        VectorIndex index = create(3, Metric.COSINE);
        index.add(v(1, 0, 0));
        Check.fails(ErrorCode.INVALID_VECTOR, () -> index.add(v(0, 0, 0)), "zero vector under cosine");
        Check.fails(ErrorCode.INVALID_VECTOR, () -> index.search(v(0, 0, 0), 1), "zero query under cosine");
        assertEquals(1, index.size(), "the failed add changed nothing");
    }

    @Test
    void badInputChangesNothing() {
        VectorIndex index = create(3, Metric.L2);
        index.add(v(1, 0, 0));
        Check.fails(ErrorCode.DIMENSION_MISMATCH, () -> index.add(v(1, 0)), "short vector");
        Check.fails(ErrorCode.INVALID_VECTOR, () -> index.add(v(1, Float.NaN, 0)), "NaN");
        Check.fails(ErrorCode.INVALID_VECTOR, () -> index.add(null), "null vector");
        Check.fails(ErrorCode.INVALID_K, () -> index.search(v(1, 0, 0), 0), "k = 0");
        Check.fails(ErrorCode.UNKNOWN_ID, () -> index.get(1), "unknown id");
        Check.fails(ErrorCode.UNKNOWN_ID, () -> index.delete(7), "delete of an unknown id");
        Check.fails(ErrorCode.UNKNOWN_ID, () -> index.delete(-1), "delete of a negative id");
        index.delete(0);
        Check.fails(ErrorCode.UNKNOWN_ID, () -> index.delete(0), "delete of a deleted id");
        Check.fails(ErrorCode.UNKNOWN_ID, () -> index.get(0), "get of a deleted id");
        assertEquals(0, index.liveCount());
        assertEquals(1, index.deletedCount(), "failed calls left the tombstones as they were");
        assertEquals(1, index.add(v(0, 1, 0)), "the next id is not affected by failed calls");
    }

    @Test
    void deletedIdsAreNeverReturnedAndCounted() {
        long seed = baseSeed();
        Random random = new Random(seed);
        VectorIndex index = create(6, Metric.COSINE);
        for (int i = 0; i < 100; i++) {
            index.add(gaussian(random, 6));
        }
        for (int id = 0; id < 100; id += 4) {
            index.delete(id);
        }
        assertEquals(75, index.liveCount());
        assertEquals(75, index.size(), "size counts live vectors");
        assertEquals(25, index.deletedCount());
        assertEquals(0.25, index.tombstoneRatio(), 1e-12);
        assertFalse(index.needsCompaction(), "0.25 is under the default threshold 0.3");
        assertTrue(index.isDeleted(4) && !index.isDeleted(5) && !index.isDeleted(1000), "isDeleted");
        SearchResult r = index.search(gaussian(random, 6), 100);
        assertEquals(75, r.size(), "every live vector and only those, seed " + seed);
        for (int i = 0; i < r.size(); i++) {
            assertTrue(r.id(i) % 4 != 0, "deleted id " + r.id(i) + " returned, seed " + seed);
        }
        index.delete(1);
        index.delete(2);
        index.delete(3);
        index.delete(5);
        index.delete(6);
        assertTrue(index.needsCompaction(), "30 of 100 deleted reaches the threshold");
    }

    @Test
    void searchStillReturnsKLiveWhenMostAreDeleted() {
        long seed = baseSeed();
        Random random = new Random(seed);
        VectorIndex index = create(8, Metric.L2);
        VectorIndex oracle = Indexes.flat(8, Metric.L2);
        for (int i = 0; i < 400; i++) {
            float[] x = gaussian(random, 8);
            index.add(x);
            oracle.add(x);
        }
        for (int id = 0; id < 400; id++) {
            if (id % 10 != 3) {
                index.delete(id);
                oracle.delete(id);
            }
        }
        for (int q = 0; q < 10; q++) {
            float[] query = gaussian(random, 8);
            SearchResult r = index.search(query, 10);
            assertEquals(10, r.size(), "k live results when 40 are live, seed " + seed);
            assertRecall(oracle.search(query, 10), r, exact() ? 1.0 : 0.8, "90% deleted, seed " + seed);
        }
    }

    @Test
    void allDeletedThenCompact() {
        VectorIndex index = create(2, Metric.DOT);
        addAll(index, v(1, 2), v(3, 4), v(5, 6));
        index.delete(0);
        index.delete(1);
        index.delete(2);
        assertEquals(0, index.search(v(1, 1), 3).size(), "nothing is live");
        assertTrue(index.needsCompaction());
        index.compact();
        assertEquals(0, index.liveCount());
        assertEquals(0, index.deletedCount());
        index.checkIntegrity();
        assertEquals(3, index.add(v(1, 1)), "ids are never reused, even after compaction");
        Check.ids(new int[] {3}, index.search(v(1, 1), 3).ids(), "the index works after compacting to empty");
    }

    @Test
    void deleteThenReinsert() {
        VectorIndex index = create(2, Metric.L2);
        addAll(index, v(0, 0), v(5, 5), v(9, 9));
        index.delete(1);
        int again = index.add(v(5, 5));
        assertEquals(3, again, "a re-inserted vector gets a new id");
        Check.ids(new int[] {3, 2}, index.search(v(5, 5), 2).ids(), "the new id is found, not the old one");
        assertTrue(index.isDeleted(1));
        Check.fails(ErrorCode.UNKNOWN_ID, () -> index.get(1), "old id stays deleted");
        index.checkIntegrity();
    }

    @Test
    void compactKeepsIdsAndAnswers() {
        long seed = baseSeed();
        Random random = new Random(seed);
        VectorIndex index = create(12, Metric.COSINE);
        VectorIndex oracle = Indexes.flat(12, Metric.COSINE);
        for (int i = 0; i < 300; i++) {
            float[] x = gaussian(random, 12);
            index.add(x);
            oracle.add(x);
        }
        for (int i = 0; i < 120; i++) {
            int id = random.nextInt(300);
            if (!index.isDeleted(id)) {
                index.delete(id);
                oracle.delete(id);
            }
        }
        float[] kept = index.get(oracle.search(gaussian(random, 12), 1).id(0));
        int keptId = oracle.search(kept, 1).id(0);
        index.compact();
        index.checkIntegrity();
        assertEquals(0, index.deletedCount());
        assertEquals(oracle.liveCount(), index.liveCount(), "compaction keeps every live vector");
        Check.near(0, distance(Metric.COSINE, kept, index.get(keptId)), 1e-3, "get(id) after compaction, seed " + seed);
        for (int q = 0; q < 20; q++) {
            float[] query = gaussian(random, 12);
            assertRecall(oracle.search(query, 10), index.search(query, 10), minRecall(), "after compaction, seed " + seed);
        }
        int next = index.add(gaussian(random, 12));
        assertEquals(300, next, "ids continue after the largest ever assigned");
    }

    /**
     * Compaction with nothing deleted renumbers the stored vectors in the structure's locality order (HNSW): ids,
     * vectors and answers stay, the index keeps working and its snapshot reloads as the same index.
     */
    @Test
    void compactWithoutDeletesKeepsIdsAnswersAndSnapshot() {
        long seed = baseSeed();
        Random random = new Random(seed);
        int dim = 16;
        VectorIndex index = create(dim, Metric.COSINE);
        float[][] stored = new float[400][];
        for (int i = 0; i < stored.length; i++) {
            index.add(gaussian(random, dim));
        }
        for (int i = 0; i < stored.length; i++) {
            stored[i] = index.get(i);
        }
        float[][] queries = new float[20][];
        SearchResult[] before = new SearchResult[queries.length];
        for (int q = 0; q < queries.length; q++) {
            queries[q] = gaussian(random, dim);
            before[q] = index.search(queries[q], 10);
        }
        index.compact();
        index.checkIntegrity();
        assertEquals(stored.length, index.liveCount(), "every vector kept, seed " + seed);
        for (int i = 0; i < stored.length; i++) {
            assertTrue(java.util.Arrays.equals(stored[i], index.get(i)), "get(" + i + ") after the reorder, seed " + seed);
        }
        int same = 0;
        for (int q = 0; q < queries.length; q++) {
            SearchResult r = index.search(queries[q], 10);
            assertRecall(before[q], r, 0.9, "answers after the reorder, seed " + seed);
            boolean equal = r.size() == before[q].size();
            for (int i = 0; equal && i < r.size(); i++) {
                equal = r.id(i) == before[q].id(i) && r.distance(i) == before[q].distance(i);
            }
            same += equal ? 1 : 0;
        }
        // The same walk on renumbered nodes: only a tie broken by ordinal may go the other way.
        assertTrue(same >= queries.length - 2, same + " of " + queries.length + " answers identical, seed " + seed);
        SnapshotBytes bytes = IndexSnapshot.encode(index);
        VectorIndex copy = IndexSnapshot.decode(bytes, SnapshotLimits.DEFAULT, IdListIndexType.REGISTRY);
        SnapshotScenarios.assertSame(index, copy, queries, "reordered index reloaded, seed " + seed);
        index.delete(7);
        assertEquals(stored.length, index.add(gaussian(random, dim)), "ids continue after the reorder");
        index.compact();
        index.checkIntegrity();
        assertEquals(stored.length, index.liveCount(), "seed " + seed);
    }

    @Test
    void randomDataAgreesWithTheOracle() {
        long base = baseSeed();
        for (int round = 0; round < 6; round++) {
            long seed = base + round;
            Random random = new Random(seed);
            Metric metric = Metric.values()[round % 3];
            int dim = 2 + random.nextInt(40);
            int n = 30 + random.nextInt(400);
            VectorIndex index = create(dim, metric);
            VectorIndex oracle = Indexes.flat(dim, metric);
            for (int i = 0; i < n; i++) {
                float[] x = gaussian(random, dim);
                assertEquals(i, index.add(x), "ids are dense in insertion order");
                oracle.add(x);
            }
            index.checkIntegrity();
            double hits = 0;
            int queries = 20;
            for (int q = 0; q < queries; q++) {
                float[] query = gaussian(random, dim);
                SearchResult truth = oracle.search(query, 10);
                SearchResult r = index.search(query, 10);
                assertEquals(truth.size(), r.size(), "result count, seed " + seed);
                for (int i = 0; i < r.size(); i++) {
                    // Against the stored vector: the decoded one under SQ8, so this checks the code kernels.
                    float expected = (float) distance(metric, query, index.get(r.id(i)));
                    Check.near(expected, r.distance(i), distanceTolerance() * (1 + Math.abs(expected)),
                            "distance of result " + i + " under " + metric + ", seed " + seed);
                    assertTrue(i == 0 || r.distance(i - 1) <= r.distance(i), "best first, seed " + seed);
                }
                hits += overlap(truth, r);
            }
            double recall = hits / (queries * 10.0);
            double min = minRecall();
            assertTrue(recall >= min, "recall@10 " + recall + " under " + metric + ", n " + n + ", dim "
                    + dim + ", seed " + seed);
        }
    }

    static void addAll(VectorIndex index, float[]... xs) {
        for (float[] x : xs) {
            index.add(x);
        }
    }

    static float[] gaussian(Random random, int dim) {
        float[] x = new float[dim];
        for (int i = 0; i < dim; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }

    static int overlap(SearchResult truth, SearchResult got) {
        int hits = 0;
        for (int i = 0; i < truth.size(); i++) {
            for (int j = 0; j < got.size(); j++) {
                if (truth.id(i) == got.id(j)) {
                    hits++;
                }
            }
        }
        return hits;
    }

    static void assertRecall(SearchResult truth, SearchResult got, double min, String what) {
        double recall = truth.size() == 0 ? 1.0 : (double) overlap(truth, got) / truth.size();
        assertTrue(recall >= min, "recall " + recall + " < " + min + ": " + what);
    }

    static double distance(Metric metric, float[] a, float[] b) {
        return FlatIndexScenarios.bruteDistance(metric, a, b);
    }
}
