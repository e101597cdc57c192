package dev.teavec.core.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.testkit.Check;
import dev.teavec.core.testkit.FlatIndexScenarios;
import dev.teavec.core.testkit.TestSeeds;
import dev.teavec.core.vector.Metric;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * In-place updates on every variant: same id, new vector, old one a tombstone; validation first;
 * and a seeded churn of adds, updates and deletes (with compactions and AUTO's hand-over in the
 * middle) checked against a brute-force model of id → vector.
 */
class IndexUpdatesTest {
    private static final long SEED = TestSeeds.forStatisticalBar();

    private static VectorIndex create(String variant, int dims, Metric metric) {
        IndexConfig.Builder b = IndexConfig.builder(dims, metric).seed(SEED).m(8).efConstruction(60).efSearch(60);
        switch (variant) {
            case "flat":
                return IndexTypes.BUILT_IN.create(b.indexType("flat").build());
            case "hnsw":
                return IndexTypes.BUILT_IN.create(b.indexType("hnsw").build());
            case "sq8":
                return IndexTypes.BUILT_IN.create(b.indexType("hnsw").quantization("sq8")
                        .sq8TrainingSize(64).build());
            case "sq8-rerank":
                return IndexTypes.BUILT_IN.create(b.indexType("hnsw").quantization("sq8")
                        .sq8TrainingSize(64).keepFloatsForRerank(true).build());
            default:
                return IndexTypes.BUILT_IN.create(b.indexType("auto").autoThreshold(150).build());
        }
    }

    private static boolean exactVectors(String variant) {
        return !variant.equals("sq8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"flat", "hnsw", "sq8", "sq8-rerank", "auto"})
    void updateKeepsTheIdAndValidatesFirst(String variant) {
        VectorIndex index = create(variant, 3, Metric.L2);
        for (int i = 0; i < 100; i++) {
            index.add(new float[] {i, 0, 0});
        }
        index.update(7, new float[] {500, 1, 1});
        assertEquals(100, index.liveCount());
        assertEquals(1, index.deletedCount(), "the old vector is a tombstone");
        assertEquals(100, index.idLimit());
        assertEquals(7, index.search(new float[] {500, 1, 1}, 1).id(0), variant + ": the new vector is found under the old id");
        assertTrue(index.search(new float[] {7, 0, 0}, 1).id(0) != 7, variant + ": the old vector is gone");
        if (exactVectors(variant)) {
            assertArrayEquals(new float[] {500, 1, 1}, index.get(7));
        }
        Check.fails(ErrorCode.DIMENSION_MISMATCH, () -> index.update(3, new float[] {1, 2}), "wrong dims");
        Check.fails(ErrorCode.INVALID_VECTOR, () -> index.update(3, new float[] {Float.NaN, 0, 0}), "NaN");
        Check.fails(ErrorCode.UNKNOWN_ID, () -> index.update(100, new float[] {1, 1, 1}), "unassigned id");
        index.delete(9);
        Check.fails(ErrorCode.UNKNOWN_ID, () -> index.update(9, new float[] {1, 1, 1}), "deleted id");
        assertEquals(99, index.liveCount(), "failed updates change nothing");
        assertEquals(2, index.deletedCount(), "failed updates change nothing");
        index.checkIntegrity();
        index.update(7, new float[] {600, 1, 1});
        index.compact();
        index.checkIntegrity();
        assertEquals(0, index.deletedCount());
        assertEquals(7, index.search(new float[] {600, 1, 1}, 1).id(0), variant + ": after compaction");
        assertEquals(100, index.add(new float[] {1, 1, 1}), "ids are not reused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"flat", "hnsw", "sq8", "sq8-rerank", "auto"})
    void churnAgreesWithABruteForceModel(String variant) {
        Random random = new Random(SEED);
        int dims = 8;
        VectorIndex index = create(variant, dims, Metric.COSINE);
        Map<Integer, float[]> model = new HashMap<>();
        List<Integer> live = new ArrayList<>();
        for (int step = 0; step < 1500; step++) {
            int op = random.nextInt(10);
            float[] v = VectorIndexContractTest.gaussian(random, dims);
            if (op < 5 || live.isEmpty()) {
                int id = index.add(v);
                model.put(id, v);
                live.add(id);
            } else if (op < 8) {
                int id = live.get(random.nextInt(live.size()));
                index.update(id, v);
                model.put(id, v);
            } else {
                int id = live.remove(random.nextInt(live.size()));
                index.delete(id);
                model.remove(id);
            }
            if (step % 400 == 399) {
                index.checkIntegrity();
                index.compact();
            }
        }
        index.checkIntegrity();
        assertEquals(model.size(), index.liveCount(), "seed " + SEED);
        double hits = 0;
        int queries = 40;
        for (int q = 0; q < queries; q++) {
            float[] query = VectorIndexContractTest.gaussian(random, dims);
            int[] truth = model.keySet().stream()
                    .sorted((a, b) -> Double.compare(FlatIndexScenarios.bruteDistance(Metric.COSINE, query, model.get(a)),
                            FlatIndexScenarios.bruteDistance(Metric.COSINE, query, model.get(b))))
                    .limit(10).mapToInt(Integer::intValue).toArray();
            SearchResult got = index.search(query, 10);
            assertEquals(10, got.size());
            for (int id : got.ids()) {
                assertTrue(model.containsKey(id), variant + ": id " + id + " is not live, seed " + SEED);
                for (int t : truth) {
                    hits += t == id ? 1 : 0;
                }
            }
        }
        double recall = hits / (queries * 10);
        assertTrue(recall >= (variant.equals("flat") ? 0.99 : 0.9), variant + ": recall " + recall + ", seed " + SEED);
        for (Map.Entry<Integer, float[]> e : model.entrySet()) {
            if (exactVectors(variant)) {
                assertArrayEquals(e.getValue(), index.get(e.getKey()), "vector of id " + e.getKey() + ", seed " + SEED);
            }
        }
    }
}
