package dev.teavec.core.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.codec.IndexSnapshot;
import dev.teavec.core.testkit.Indexes;
import dev.teavec.core.testkit.TestSeeds;
import dev.teavec.core.vector.Metric;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A batch stored and linked region by region ({@link RegionBatchOrder}): the order is a permutation that keeps
 * a region's vectors together; the ids keep the batch's order; the index answers as one built by one-by-one adds;
 * indexes where the order gains nothing take the batch one add at a time.
 */
class RegionBatchOrderTest {
    private static final int DIM = 32;

    /** {@code n} vectors around {@code clusters} far-apart centres, cluster i % clusters at position i. */
    private static float[][] interleavedClusters(Random random, int n, int clusters) {
        float[][] centres = new float[clusters][];
        for (int c = 0; c < clusters; c++) {
            centres[c] = VectorIndexContractTest.gaussian(random, DIM);
        }
        float[][] out = new float[n][DIM];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < DIM; j++) {
                out[i][j] = centres[i % clusters][j] + (float) random.nextGaussian() * 0.01f;
            }
        }
        return out;
    }

    private static IndexConfig hnsw(String quantization) {
        return IndexConfig.builder(DIM, Metric.L2).indexType("hnsw").m(8).efConstruction(64).efSearch(64)
                .quantization(quantization).seed(5).build();
    }

    @Test
    void theOrderIsAPermutationThatKeepsEachRegionTogether() {
        long seed = TestSeeds.forExactProperty();
        // 7 clusters interleaved; the 50 pivots (every 8th vector) fall in every cluster.
        float[][] batch = interleavedClusters(new Random(seed), 400, 7);
        int[] order = RegionBatchOrder.order(batch);
        boolean[] seen = new boolean[batch.length];
        for (int i : order) {
            assertTrue(!seen[i], "seed " + seed + ": position " + i + " twice");
            seen[i] = true;
        }
        assertArrayEquals(order, RegionBatchOrder.order(batch), "seed " + seed + ": deterministic");
        int changes = 0;
        for (int k = 1; k < order.length; k++) {
            changes += order[k] % 7 != order[k - 1] % 7 ? 1 : 0;
        }
        // Each of the 50 regions holds one cluster (399 changes in the batch's own order).
        assertTrue(changes <= 49, "seed " + seed + ": " + changes + " cluster changes along the order");
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "sq8"})
    void aBatchKeepsItsIdsInOrderAndAnswersAsOneByOneAdds(String quantization) {
        long seed = TestSeeds.forStatisticalBar();
        Random random = new Random(seed);
        ManagedIndex batched = Indexes.hnsw(hnsw(quantization));
        ManagedIndex single = Indexes.hnsw(hnsw(quantization));
        VectorIndex oracle = Indexes.flat(DIM, Metric.L2);
        String at = "seed " + seed + ", " + quantization;
        for (int round = 0; round < 3; round++) {
            float[][] batch = clustered(random, 700);
            int[] ids = RegionBatchOrder.available().insert(batched, batch);
            assertNotNull(ids, at);
            for (int i = 0; i < batch.length; i++) {
                assertEquals(round * 700 + i, ids[i], at + ": ids follow the batch");
                assertEquals(ids[i], single.add(batch[i]), at);
                assertEquals(ids[i], oracle.add(batch[i]), at);
            }
            if (quantization.equals("none")) {
                for (int i = 0; i < batch.length; i++) {
                    assertArrayEquals(batch[i], batched.get(ids[i]), at + ": the vector stored under id " + ids[i]);
                }
            }
        }
        batched.checkIntegrity();
        VectorIndex reloaded = IndexSnapshot.decode(IndexSnapshot.encodeToArray(batched));
        int hitsBatched = 0;
        int hitsSingle = 0;
        for (int q = 0; q < 100; q++) {
            float[] query = VectorIndexContractTest.gaussian(random, DIM);
            SearchResult truth = oracle.search(query, 10);
            SearchResult got = batched.search(query, 10);
            hitsBatched += VectorIndexContractTest.overlap(truth, got);
            hitsSingle += VectorIndexContractTest.overlap(truth, single.search(query, 10));
            assertArrayEquals(got.ids(), reloaded.search(query, 10).ids(), at + ": snapshot round trip");
        }
        assertTrue(hitsBatched >= 950, at + ": recall@10 " + hitsBatched / 1000.0);
        assertTrue(hitsBatched >= hitsSingle - 20, at + ": recall@10 " + hitsBatched / 1000.0 + " batched, "
                + hitsSingle / 1000.0 + " one by one");
        // Deletes and updates of batched ids act on the batch's own vectors.
        float[] moved = VectorIndexContractTest.gaussian(random, DIM);
        batched.update(5, moved);
        batched.delete(6);
        assertEquals(5, batched.search(moved, 1).id(0), at);
        assertEquals(2099, batched.size(), at);
        batched.checkIntegrity();
    }

    /** Clustered data (30 centres, Gaussian spread), in random order: what the order is for. */
    private static float[][] clustered(Random random, int n) {
        float[][] centres = new float[30][];
        Random fixed = new Random(7);
        for (int c = 0; c < centres.length; c++) {
            centres[c] = VectorIndexContractTest.gaussian(fixed, DIM);
        }
        float[][] out = new float[n][DIM];
        for (int i = 0; i < n; i++) {
            float[] centre = centres[random.nextInt(centres.length)];
            for (int j = 0; j < DIM; j++) {
                out[i][j] = centre[j] + (float) random.nextGaussian() * 0.5f;
            }
        }
        return out;
    }

    @Test
    void indexesWhereTheOrderGainsNothingTakeTheBatchOneAddAtATime() {
        long seed = TestSeeds.forExactProperty();
        Random random = new Random(seed);
        BatchInsertion regions = RegionBatchOrder.available();
        ManagedIndex graph = Indexes.hnsw(hnsw("none"));
        assertNull(regions.insert(graph, clustered(random, RegionBatchOrder.MIN_BATCH - 1)), "a small batch");
        VectorIndex flat = Indexes.flat(DIM, Metric.L2);
        assertNull(regions.insert(flat, clustered(random, 200)), "a flat index");
        graph.deferLinking(true);
        assertNull(regions.insert(graph, clustered(random, 200)), "an HNSW graph deferring its links");
        graph.deferLinking(false);
        assertEquals(0, graph.size(), "nothing was added");
        AutoIndex auto = Indexes.auto(IndexConfig.builder(DIM, Metric.L2).indexType(IndexTypes.AUTO).autoThreshold(100)
                .m(8).efConstruction(40).seed(3).build());
        assertNull(regions.insert(auto, clustered(random, 200)), "AUTO while flat");
        for (float[] v : clustered(random, 150)) {
            auto.add(v);
        }
        while (auto.advanceBuild(1000) > 0) {
            // the switch to HNSW goes on
        }
        assertTrue(auto.usesHnsw(), "seed " + seed);
        int[] ids = regions.insert(auto, clustered(random, 200));
        assertNotNull(ids, "AUTO once on HNSW");
        for (int i = 0; i < ids.length; i++) {
            assertEquals(150 + i, ids[i], "seed " + seed);
        }
        assertEquals(350, auto.size());
        auto.checkIntegrity();
    }
}
