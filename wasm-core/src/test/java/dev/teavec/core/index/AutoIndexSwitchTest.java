package dev.teavec.core.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.codec.IndexSnapshot;
import dev.teavec.core.testkit.Indexes;
import dev.teavec.core.testkit.TestSeeds;
import dev.teavec.core.vector.Metric;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * AUTO's switch to HNSW in steps ({@link HnswHandover}): while it is under way the index answers exactly
 * what the flat oracle answers, whatever adds, deletes, updates and compactions happen meanwhile; each add
 * graphs at most {@link AutoIndex#HANDOVER_PER_ADD} vectors (plus one for an update); a snapshot taken
 * mid-switch loads as the same vectors and ids and finishes the switch afterwards.
 */
class AutoIndexSwitchTest {
    private static final int DIMS = 8;
    private static final int THRESHOLD = 60;

    private static IndexConfig config(String quantization) {
        return IndexConfig.builder(DIMS, Metric.L2).indexType(IndexTypes.AUTO).autoThreshold(THRESHOLD)
                .m(8).efConstruction(40).quantization(quantization).sq8TrainingSize(40).seed(3).build();
    }

    private static float[] gaussian(Random random) {
        return VectorIndexContractTest.gaussian(random, DIMS);
    }

    /** Ids and distances of the k nearest must be the oracle's, exactly. */
    private static void assertSameAnswers(VectorIndex oracle, AutoIndex auto, Random random, String what) {
        float[] q = gaussian(random);
        SearchResult want = oracle.search(q, 10);
        SearchResult got = auto.search(q, 10);
        assertArrayEquals(want.ids(), got.ids(), what + ": ids");
        assertArrayEquals(want.distances(), got.distances(), what + ": distances");
    }

    /** Nodes in the graph under construction (0 when none). */
    private static int graphed(AutoIndex auto) {
        return auto.switching() ? auto.handedOver() : 0;
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "sq8"})
    void answersExactlyAndGraphsBoundedStepsDuringTheSwitch(String quantization) {
        long seed = TestSeeds.forExactProperty();
        Random random = new Random(seed);
        AutoIndex auto = Indexes.auto(config(quantization));
        VectorIndex oracle = Indexes.flat(DIMS, Metric.L2);
        String at = "seed " + seed + ", " + quantization;
        int steps = 0;
        boolean sawSwitching = false;
        while (!auto.usesHnsw()) {
            int before = graphed(auto);
            int op = random.nextInt(10);
            int live = oracle.liveCount();
            if (op < 7 || live < 10) {
                float[] x = gaussian(random);
                assertEquals(oracle.add(x), auto.add(x), at + ": ids agree");
            } else if (op < 9) {
                int id = randomLiveId(oracle, random);
                oracle.delete(id);
                auto.delete(id);
            } else {
                int id = randomLiveId(oracle, random);
                float[] x = gaussian(random);
                oracle.update(id, x);
                auto.update(id, x);
            }
            if (auto.switching()) {
                sawSwitching = true;
                assertFalse(auto.isApproximate(), at + ": the flat index answers during the switch");
                assertTrue(graphed(auto) - before <= AutoIndex.HANDOVER_PER_ADD + 1,
                        at + ": step " + steps + " graphed " + (graphed(auto) - before) + " vectors");
            }
            assertEquals(oracle.liveCount(), auto.liveCount(), at + ": live count");
            if (!auto.usesHnsw()) {
                assertSameAnswers(oracle, auto, random, at + ", step " + steps);
            }
            auto.checkIntegrity();
            assertTrue(++steps < 20 * THRESHOLD, at + ": the switch never ended");
        }
        assertTrue(sawSwitching, at + ": the switch took several calls");
        auto.checkIntegrity();
        for (int id = 0; id < oracle.idLimit(); id++) {
            assertEquals(oracle.isDeleted(id), auto.isDeleted(id), at + ": id " + id + " deleted or not");
            if (!oracle.isDeleted(id) && quantization.equals("none")) {
                assertArrayEquals(oracle.get(id), auto.get(id), at + ": id " + id + " keeps its vector");
            }
        }
        float[] q = gaussian(random);
        VectorIndexContractTest.assertRecall(oracle.search(q, 5), auto.search(q, 5, 200), 0.8, at + ": after the switch");
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "sq8"})
    void aSnapshotTakenMidSwitchLoadsAndFinishesTheSwitch(String quantization) {
        long seed = TestSeeds.forExactProperty();
        Random random = new Random(seed);
        String at = "seed " + seed + ", " + quantization;
        AutoIndex auto = Indexes.auto(config(quantization));
        VectorIndex oracle = Indexes.flat(DIMS, Metric.L2);
        for (int i = 0; i < THRESHOLD + 5; i++) {
            float[] x = gaussian(random);
            oracle.add(x);
            auto.add(x);
        }
        oracle.delete(7);
        auto.delete(7);
        assertTrue(auto.switching(), at + ": mid-switch");
        AutoIndex loaded = (AutoIndex) IndexSnapshot.decode(IndexSnapshot.encodeToArray(auto));
        loaded.checkIntegrity();
        assertFalse(loaded.usesHnsw(), at + ": the snapshot holds the flat phase");
        assertEquals(auto.liveCount(), loaded.liveCount(), at + ": live count");
        assertEquals(auto.idLimit(), loaded.idLimit(), at + ": next id");
        assertTrue(loaded.isDeleted(7), at + ": deletes kept");
        for (int i = 0; i < 5; i++) {
            assertSameAnswers(oracle, loaded, random, at + ", loaded");
        }
        assertTrue(loaded.advanceBuild(10) > 0, at + ": the switch starts over after a load");
        assertTrue(loaded.switching(), at + ": switching");
        assertSameAnswers(oracle, loaded, random, at + ", loaded and stepping");
        loaded.checkIntegrity();
        assertEquals(0, loaded.advanceBuild(Integer.MAX_VALUE), at + ": nothing left");
        assertTrue(loaded.usesHnsw(), at + ": HNSW once done");
        loaded.checkIntegrity();
        assertEquals(oracle.add(gaussian(random)), loaded.add(gaussian(random)), at + ": ids continue");
    }

    /**
     * Float32 only: with SQ8 the calibration sample (the first threshold vectors handed over) holds the old
     * vectors of ids updated during the switch in the original and their new ones in the copy.
     */
    @ParameterizedTest
    @ValueSource(strings = {"none"})
    void aSnapshotTakenMidSwitchGoesOnAsTheOriginalDoes(String quantization) {
        long seed = TestSeeds.forExactProperty();
        Random random = new Random(seed);
        String at = "seed " + seed + ", " + quantization;
        AutoIndex auto = Indexes.auto(config(quantization));
        for (int i = 0; i < THRESHOLD + 10; i++) {
            auto.add(gaussian(random));
        }
        // Updates of ids handed over already and of ids not yet, and deletes, during the switch.
        for (int id = 1; id < THRESHOLD + 10; id += 7) {
            auto.update(id, gaussian(random));
        }
        for (int id = 3; id < THRESHOLD + 10; id += 11) {
            auto.delete(id);
        }
        assertTrue(auto.switching(), at + ": mid-switch");
        AutoIndex copy = (AutoIndex) IndexSnapshot.decode(IndexSnapshot.encodeToArray(auto));
        float[][] later = {gaussian(random), gaussian(random), gaussian(random)};
        for (AutoIndex x : new AutoIndex[] {auto, copy}) {
            x.add(later[0]);
            x.update(1, later[1]);
            x.add(later[2]);
            x.compact();
            x.checkIntegrity();
            assertTrue(x.usesHnsw(), at + ": switched");
        }
        for (int i = 0; i < 20; i++) {
            float[] q = gaussian(random);
            SearchResult a = auto.search(q, 10);
            SearchResult b = copy.search(q, 10);
            assertArrayEquals(a.ids(), b.ids(), at + ": the same graph after compaction, query " + i);
            assertArrayEquals(a.distances(), b.distances(), at + ": distances, query " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"none"})
    void compactionDuringTheSwitchFinishesItFirst(String quantization) {
        long seed = TestSeeds.forExactProperty();
        Random random = new Random(seed);
        AutoIndex auto = Indexes.auto(config(quantization));
        VectorIndex oracle = Indexes.flat(DIMS, Metric.L2);
        for (int i = 0; i < THRESHOLD + 1; i++) {
            float[] x = gaussian(random);
            oracle.add(x);
            auto.add(x);
        }
        for (int id = 0; id < THRESHOLD; id += 3) {
            oracle.delete(id);
            auto.delete(id);
        }
        assertTrue(auto.switching(), "seed " + seed + ": mid-switch");
        auto.compact();
        oracle.compact();
        assertTrue(auto.usesHnsw() && !auto.switching(), "seed " + seed + ": compaction finished the switch");
        assertEquals(0, auto.deletedCount(), "seed " + seed + ": compacted");
        auto.checkIntegrity();
        float[] q = gaussian(random);
        VectorIndexContractTest.assertRecall(oracle.search(q, 5), auto.search(q, 5, 200), 0.8, "seed " + seed);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7})
    void advanceBuildStepsAreBounded(int step) {
        AutoIndex auto = Indexes.auto(config("none"));
        Random random = new Random(TestSeeds.FIXED);
        assertEquals(0, auto.advanceBuild(step), "nothing to do before the threshold");
        for (int i = 0; i < THRESHOLD; i++) {
            auto.add(gaussian(random));
        }
        assertEquals(0, graphed(auto), "the add that reaches the threshold graphs nothing");
        assertFalse(auto.switching(), "the switch starts with the next add or step");
        int pending = auto.advanceBuild(step);
        assertEquals(THRESHOLD - step, pending, "one step hands over `step` vectors");
        assertEquals(step, graphed(auto), "graphed");
        while (pending > 0) {
            int next = auto.advanceBuild(step);
            assertEquals(Math.max(0, pending - step), next, "each step hands over `step` vectors");
            pending = next;
        }
        assertTrue(auto.usesHnsw(), "done");
    }

    private static int randomLiveId(VectorIndex index, Random random) {
        while (true) {
            int id = random.nextInt(index.idLimit());
            if (!index.isDeleted(id)) {
                return id;
            }
        }
    }
}
