package dev.teavec.core.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.codec.IndexSnapshot;
import dev.teavec.core.graph.HnswBuilder;
import dev.teavec.core.graph.HnswGraph;
import dev.teavec.core.graph.HnswIntegrity;
import dev.teavec.core.score.ScoringVectors;
import dev.teavec.core.testkit.Indexes;
import dev.teavec.core.testkit.TestSeeds;
import dev.teavec.core.vector.Metric;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Lean HNSW graphs (no level-0 keys; rerank 'storage' collections): the builder recomputes a list's keys from its
 * owner, which must make the same decisions as the stored keys wherever the scorer is symmetric to the bit.
 */
class HnswLeanGraphTest {
    private static final int DIM = 24;

    /** Clustered data, so that lists fill and pruning decides often. */
    private static float[][] data(long seed, int n) {
        Random random = new Random(seed);
        float[][] centres = new float[12][];
        for (int c = 0; c < centres.length; c++) {
            centres[c] = VectorIndexContractTest.gaussian(random, DIM);
        }
        float[][] xs = new float[n][];
        for (int i = 0; i < n; i++) {
            float[] centre = centres[random.nextInt(centres.length)];
            float[] x = VectorIndexContractTest.gaussian(random, DIM);
            for (int d = 0; d < DIM; d++) {
                x[d] = centre[d] + 0.3f * x[d];
            }
            // A few exact duplicates: ties in the pruning order.
            xs[i] = i % 97 == 5 ? xs[i - 1].clone() : x;
        }
        return xs;
    }

    /** The stored float32 vectors of a flat index holding {@code xs}. */
    private static ManagedIndex stored(Metric metric, float[][] xs) {
        ManagedIndex index = (ManagedIndex) Indexes.flat(IndexConfig.builder(DIM, metric).indexType("flat").build());
        for (float[] x : xs) {
            index.add(x);
        }
        return index;
    }

    private static HnswGraph build(ScoringVectors vectors, int n, boolean keys, long seed, HnswBuilder[] builderOut) {
        HnswGraph graph = new HnswGraph(6, 12, keys);
        HnswBuilder builder = new HnswBuilder(graph, 6, 40, seed);
        builder.setVectors(vectors);
        for (int node = 0; node < n; node++) {
            builder.insert(node);
        }
        builderOut[0] = builder;
        return graph;
    }

    /** Neighbour ids of every list, upper-level keys and anchors: equal, or the first difference named. */
    private static void assertSameGraph(HnswGraph a, HnswBuilder ab, HnswGraph b, HnswBuilder bb, String where) {
        assertEquals(a.size(), b.size(), where);
        assertEquals(a.entryPoint(), b.entryPoint(), where);
        assertEquals(ab.levelState(), bb.levelState(), where);
        for (int node = 0; node < a.size(); node++) {
            assertEquals(a.level(node), b.level(node), where + ": level of node " + node);
            assertEquals(ab.anchorOf(node), bb.anchorOf(node), where + ": anchor of node " + node);
            for (int level = 0; level <= a.level(node); level++) {
                int count = a.neighbourCount(node, level);
                int[] ia = new int[count];
                int[] ib = new int[b.neighbourCount(node, level)];
                for (int i = 0; i < ia.length; i++) {
                    ia[i] = a.neighbour(node, level, i);
                }
                for (int i = 0; i < ib.length; i++) {
                    ib[i] = b.neighbour(node, level, i);
                }
                assertArrayEquals(ia, ib, where + ": node " + node + " level " + level);
                if (level > 0) {
                    for (int i = 0; i < count; i++) {
                        assertEquals(a.keysArray(node, level)[a.keysBase(node, level) + i],
                                b.keysArray(node, level)[b.keysBase(node, level) + i], where);
                    }
                }
            }
        }
    }

    @Test
    void aLeanFloat32GraphIsTheKeyedGraphUnderL2AndDot() {
        long seed = TestSeeds.forExactProperty();
        for (Metric metric : new Metric[] {Metric.L2, Metric.DOT}) {
            String where = metric + " seed " + seed;
            float[][] xs = data(seed, 1500);
            ScoringVectors v = stored(metric, xs).storedVectors().scoringVectors();
            HnswBuilder[] kb = new HnswBuilder[1];
            HnswBuilder[] lb = new HnswBuilder[1];
            HnswGraph keyed = build(v, xs.length, true, seed, kb);
            HnswGraph lean = build(v, xs.length, false, seed, lb);
            assertTrue(keyed.level0Keys(), where);
            assertFalse(lean.level0Keys(), where);
            assertNull(lean.keysArray(0, 0), where);
            HnswIntegrity.check(lean);
            assertSameGraph(keyed, kb[0], lean, lb[0], where);
            long edges0 = 0;
            for (int node = 0; node < keyed.size(); node++) {
                edges0 += keyed.neighbourCount(node, 0);
            }
            assertTrue(keyed.bytesUsed() - lean.bytesUsed() >= 4 * edges0, where + ": level-0 keys are not allocated");
        }
    }

    /** Where keys are not symmetric (SQ8 codes) a tie may break the other way: the graph must stay as good. */
    @Test
    void aLeanSq8GraphSearchesAsWellAsTheKeyedOne() {
        long seed = TestSeeds.forStatisticalBar();
        float[][] xs = data(seed, 2000);
        ManagedIndex keyed = Indexes.hnsw(config(Metric.L2, "sq8", false));
        ManagedIndex lean = Indexes.hnsw(config(Metric.L2, "sq8", true));
        for (float[] x : xs) {
            keyed.add(x);
            lean.add(x);
        }
        keyed.checkIntegrity();
        lean.checkIntegrity();
        assertTrue(lean.parts().formatVersion() == 2 && keyed.parts().formatVersion() == 1, "state versions");
        assertTrue(lean.memoryBytes() < keyed.memoryBytes(), "lean holds less");
        double rk = recall(keyed, xs, seed);
        double rl = recall(lean, xs, seed);
        assertTrue(rl >= rk - 0.02, "seed " + seed + ": lean recall " + rl + " vs keyed " + rk);
    }

    /** Cosine multiplies the inverse norms in query order, so keys may differ in the last bit: nearly the same graph. */
    @Test
    void aLeanFloat32CosineGraphIsNearlyTheKeyedGraph() {
        long seed = TestSeeds.forStatisticalBar();
        float[][] xs = data(seed, 1500);
        ScoringVectors v = stored(Metric.COSINE, xs).storedVectors().scoringVectors();
        HnswBuilder[] kb = new HnswBuilder[1];
        HnswBuilder[] lb = new HnswBuilder[1];
        HnswGraph keyed = build(v, xs.length, true, seed, kb);
        HnswGraph lean = build(v, xs.length, false, seed, lb);
        HnswIntegrity.check(lean);
        int same = 0;
        for (int node = 0; node < xs.length; node++) {
            boolean equal = keyed.neighbourCount(node, 0) == lean.neighbourCount(node, 0);
            for (int i = 0; equal && i < keyed.neighbourCount(node, 0); i++) {
                equal = keyed.neighbour(node, 0, i) == lean.neighbour(node, 0, i);
            }
            same += equal ? 1 : 0;
        }
        assertTrue(same >= 0.9 * xs.length, "seed " + seed + ": " + same + " of " + xs.length + " level-0 lists equal");
    }

    private static IndexConfig config(Metric metric, String q, boolean lean) {
        return IndexConfig.builder(DIM, metric).indexType("hnsw").quantization(q).rerankFromStorage(lean)
                .m(6).efConstruction(40).efSearch(40).sq8TrainingSize(256).seed(7).build();
    }

    /** Recall@10 of the index's approximate search against the exact scan of the same index. */
    private static double recall(ManagedIndex index, float[][] xs, long seed) {
        Random random = new Random(seed + 1);
        int hits = 0;
        int queries = 100;
        for (int q = 0; q < queries; q++) {
            float[] query = xs[random.nextInt(xs.length)].clone();
            query[0] += 0.05f;
            int[] got = index.search(query, 10, 40).ids();
            int[] exact = exactIds(index, query, xs);
            for (int id : got) {
                for (int e : exact) {
                    hits += id == e ? 1 : 0;
                }
            }
        }
        return hits / (10.0 * queries);
    }

    /** Ids of the 10 nearest by squared L2 on the floats (ids are insertion order: nothing was deleted). */
    private static int[] exactIds(ManagedIndex index, float[] query, float[][] xs) {
        Integer[] order = new Integer[xs.length];
        double[] d = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            order[i] = i;
            for (int j = 0; j < DIM; j++) {
                double t = xs[i][j] - query[j];
                d[i] += t * t;
            }
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(d[a], d[b]));
        int[] ids = new int[10];
        for (int i = 0; i < 10; i++) {
            ids[i] = order[i];
        }
        return ids;
    }

    @Test
    void aLeanIndexReloadsLeanAndAnswersTheSame() {
        long seed = TestSeeds.forExactProperty();
        float[][] xs = data(seed, 900);
        ManagedIndex lean = Indexes.hnsw(config(Metric.L2, "sq8", true));
        ManagedIndex keyed = Indexes.hnsw(config(Metric.L2, "sq8", false));
        for (float[] x : xs) {
            lean.add(x);
            keyed.add(x);
        }
        byte[] bytes = IndexSnapshot.encodeToArray(lean);
        assertTrue(bytes.length < IndexSnapshot.encodeToArray(keyed).length, "seed " + seed + ": no level-0 keys saved");
        ManagedIndex back = (ManagedIndex) IndexSnapshot.decode(bytes);
        assertTrue(back.config().leanGraph(), "a version 2 state is a lean graph's");
        assertEquals(2, back.parts().formatVersion());
        assertArrayEquals(bytes, IndexSnapshot.encodeToArray(back), "seed " + seed + ": re-encoded the same");
        Random random = new Random(seed);
        for (int q = 0; q < 20; q++) {
            float[] query = VectorIndexContractTest.gaussian(random, DIM);
            assertArrayEquals(lean.search(query, 10, 30).ids(), back.search(query, 10, 30).ids(), "seed " + seed);
        }
        // Inserts after the reload prune by recomputed keys as before it: the same graph as never saved.
        for (int i = 0; i < 200; i++) {
            float[] x = VectorIndexContractTest.gaussian(random, DIM);
            lean.add(x);
            back.add(x);
        }
        for (int i = 0; i < 100; i += 3) {
            lean.delete(i);
            back.delete(i);
        }
        assertArrayEquals(IndexSnapshot.encodeToArray(lean), IndexSnapshot.encodeToArray(back), "seed " + seed);
        back.compact();
        back.checkIntegrity();
        assertEquals(2, back.parts().formatVersion(), "compaction of a reloaded lean index builds a lean graph");
    }

    /** rerank: true builds keyed graphs (fast builds) unless leanGraph asks otherwise; a state reloads as it was built. */
    @Test
    void rerankTrueIsKeyedByDefaultAndLeanWithTheOption() {
        long seed = TestSeeds.forExactProperty();
        float[][] xs = data(seed, 400);
        IndexConfig.Builder rerank = IndexConfig.builder(DIM, Metric.L2).indexType("hnsw").quantization("sq8")
                .keepFloatsForRerank(true).m(6).efConstruction(40).sq8TrainingSize(128).seed(7);
        ManagedIndex keyed = Indexes.hnsw(rerank.build());
        ManagedIndex lean = Indexes.hnsw(rerank.leanGraph(true).build());
        ManagedIndex storageKeyed = Indexes.hnsw(config(Metric.L2, "sq8", true).toBuilder().leanGraph(false).build());
        for (float[] x : xs) {
            keyed.add(x);
            lean.add(x);
            storageKeyed.add(x);
        }
        assertEquals(1, keyed.parts().formatVersion(), "seed " + seed + ": rerank true is keyed by default");
        assertEquals(2, lean.parts().formatVersion(), "seed " + seed + ": leanGraph true");
        assertEquals(1, storageKeyed.parts().formatVersion(), "seed " + seed + ": rerank 'storage' with leanGraph false");
        // The snapshot's config does not hold leanGraph: the state's version decides, whatever the settings say.
        ManagedIndex keyedBack = (ManagedIndex) IndexSnapshot.decode(IndexSnapshot.encodeToArray(storageKeyed));
        assertFalse(keyedBack.config().leanGraph(), "seed " + seed + ": a version 1 state stays keyed");
        ManagedIndex leanBack = (ManagedIndex) IndexSnapshot.decode(IndexSnapshot.encodeToArray(lean));
        assertTrue(leanBack.config().leanGraph(), "seed " + seed + ": a version 2 state stays lean");
        keyedBack.delete(3);
        keyedBack.compact();
        leanBack.delete(3);
        leanBack.compact();
        assertEquals(1, keyedBack.parts().formatVersion(), "compaction keeps a reloaded keyed index keyed");
        assertEquals(2, leanBack.parts().formatVersion(), "compaction keeps a reloaded lean index lean");
    }
}
