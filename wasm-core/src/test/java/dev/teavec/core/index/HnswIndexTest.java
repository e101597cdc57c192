package dev.teavec.core.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.score.Sq8VectorValues;
import dev.teavec.core.testkit.Indexes;
import dev.teavec.core.vector.Metric;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** HNSW- and AUTO-specific behaviour beyond the shared contract. */
class HnswIndexTest {
    private static ManagedIndex hnsw(int dim, Metric metric, String q, boolean keep) {
        return Indexes.hnsw(IndexConfig.builder(dim, metric).indexType("hnsw").quantization(q)
                .keepFloatsForRerank(keep).efConstruction(64).sq8TrainingSize(256).build());
    }

    /**
     * With efConstruction 1 or 2 the search finds so few candidates that all may already anchor m0 - 1
     * nodes; the builder then anchors the new node elsewhere, so no node becomes unreachable (before,
     * such an index failed checkIntegrity and its snapshot did not load).
     */
    @Test
    void aTinyEfConstructionStillReachesEveryNode() {
        for (int seed = 1; seed <= 60; seed++) {
            for (int efc = 1; efc <= 2; efc++) {
                ManagedIndex index = Indexes.hnsw(IndexConfig.builder(3, Metric.L2).indexType("hnsw")
                        .m(3).m0(5).efConstruction(efc).seed(seed).build());
                Random random = new Random(seed);
                for (int i = 0; i < 60; i++) {
                    index.add(VectorIndexContractTest.gaussian(random, 3));
                }
                for (int id = 1; id < 60; id += 4) {
                    index.update(id, VectorIndexContractTest.gaussian(random, 3));
                }
                index.checkIntegrity();
                index.compact();
                index.checkIntegrity();
            }
        }
    }

    @Test
    void sameSeedSameGraph() {
        long seed = VectorIndexContractTest.baseSeed();
        Random random = new Random(seed);
        ManagedIndex a = hnsw(16, Metric.L2, "none", false);
        ManagedIndex b = hnsw(16, Metric.L2, "none", false);
        for (int i = 0; i < 500; i++) {
            float[] x = VectorIndexContractTest.gaussian(random, 16);
            a.add(x);
            b.add(x);
        }
        for (int q = 0; q < 10; q++) {
            float[] query = VectorIndexContractTest.gaussian(random, 16);
            SearchResult ra = a.search(query, 10, 8);
            SearchResult rb = b.search(query, 10, 8);
            assertArrayEquals(ra.ids(), rb.ids(), "same seed, same answers, seed " + seed);
            assertEquals(ra.visited(), rb.visited(), "same seed, same work, seed " + seed);
        }
    }

    @Test
    void efSearchIsAtLeastK() {
        ManagedIndex index = Indexes.hnsw(IndexConfig.builder(4, Metric.DOT).indexType("hnsw").efSearch(5).build());
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            index.add(VectorIndexContractTest.gaussian(random, 4));
        }
        assertEquals(100, index.search(new float[] {1, 0, 0, 0}, 100).size(), "k = 100 > efSearch = 5");
    }

    @Test
    void sq8VectorsAreAtLeast3_6TimesSmaller() {
        long seed = VectorIndexContractTest.baseSeed();
        Random random = new Random(seed);
        ManagedIndex floats = hnsw(384, Metric.COSINE, "none", false);
        ManagedIndex codes = hnsw(384, Metric.COSINE, "sq8", false);
        ManagedIndex both = hnsw(384, Metric.COSINE, "sq8", true);
        for (int i = 0; i < 1500; i++) {
            float[] x = VectorIndexContractTest.gaussian(random, 384);
            floats.add(x);
            codes.add(x);
            both.add(x);
        }
        assertTrue(Indexes.isQuantized(codes) && !Indexes.isQuantized(floats));
        double ratio = (double) floats.vectorBytes() / codes.vectorBytes();
        System.out.println("[memory] 1500 x 384 cosine: float32 " + floats.vectorBytes() / 1500.0 + " B/vector, sq8 "
                + codes.vectorBytes() / 1500.0 + " B/vector, ratio " + ratio + ", sq8+floats "
                + both.vectorBytes() / 1500.0 + " B/vector");
        assertTrue(ratio >= 3.6, "SQ8 vector memory is only " + ratio + "x smaller");
        assertTrue(both.vectorBytes() > floats.vectorBytes(), "opt-in re-ranking keeps the floats too");
        float[] x = VectorIndexContractTest.gaussian(random, 384);
        int id = both.add(x);
        assertArrayEquals(x, both.get(id), 0f, "with kept floats, get is exact");
    }

    @Test
    void recalibratesWhenNewVectorsLeaveTheRange() {
        long seed = VectorIndexContractTest.baseSeed();
        Random random = new Random(seed);
        ManagedIndex index = hnsw(8, Metric.L2, "sq8", false);
        for (int i = 0; i < 256; i++) {
            index.add(scaled(VectorIndexContractTest.gaussian(random, 8), 0.1f));
        }
        assertEquals(1, Indexes.calibrations(index), "trained once on the first 256");
        float[][] wide = new float[300][];
        for (int i = 0; i < wide.length; i++) {
            wide[i] = scaled(VectorIndexContractTest.gaussian(random, 8), 10f);
            index.add(wide[i]);
        }
        assertTrue(Indexes.calibrations(index) > 1, "vectors 100x outside the range trigger re-calibration, seed " + seed);
        index.checkIntegrity();
        // The first re-calibration fired at the 32nd clipped vector and re-encoded those 32 from exact
        // copies (later ones may still wait for the next one, as the policy says).
        for (int i = 0; i < Sq8VectorValues.RECALIBRATE_MIN_CLIPPED; i++) {
            float[] got = index.get(256 + i);
            for (int d = 0; d < 8; d++) {
                assertEquals(wide[i][d], got[d], 0.5, "vector " + i + " dim " + d + " after re-calibration, seed " + seed);
            }
        }
    }

    private static float[] scaled(float[] x, float s) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= s;
        }
        return x;
    }

    @Test
    void autoSwitchesToHnswKeepingIds() {
        long seed = VectorIndexContractTest.baseSeed();
        Random random = new Random(seed);
        AutoIndex auto = Indexes.auto(IndexConfig.builder(8, Metric.COSINE).autoThreshold(100).build());
        VectorIndex oracle = Indexes.flat(8, Metric.COSINE);
        for (int i = 0; i < 99; i++) {
            float[] x = VectorIndexContractTest.gaussian(random, 8);
            auto.add(x);
            oracle.add(x);
        }
        auto.delete(5);
        oracle.delete(5);
        float[] x = VectorIndexContractTest.gaussian(random, 8);
        auto.add(x);
        oracle.add(x);
        assertFalse(auto.usesHnsw(), "98 live vectors: still flat");
        for (int i = 0; i < 2; i++) {
            float[] y = VectorIndexContractTest.gaussian(random, 8);
            auto.add(y);
            oracle.add(y);
        }
        assertTrue(auto.advanceBuild(1) > 0 && auto.switching(), "100 live vectors: switching to HNSW");
        assertEquals(0, auto.advanceBuild(Integer.MAX_VALUE), "the switch ends when stepped to the end");
        assertTrue(auto.usesHnsw(), "100 live vectors: HNSW");
        assertTrue(auto.isDeleted(5), "deleted ids stay deleted across the switch");
        assertEquals(102, auto.add(VectorIndexContractTest.gaussian(random, 8)), "ids continue, none reused");
        auto.checkIntegrity();
        float[] q = VectorIndexContractTest.gaussian(random, 8);
        VectorIndexContractTest.assertRecall(oracle.search(q, 10), auto.search(q, 11), 1.0,
                "ids keep their vectors across the switch, seed " + seed);
    }
}
