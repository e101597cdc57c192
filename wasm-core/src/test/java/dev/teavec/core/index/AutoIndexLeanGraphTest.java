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
 * An AUTO index saved while still flat keeps its {@code leanGraph} setting through the load (CONFIG does not hold
 * it; the flat state's flags do), so the switch after the load builds the graph the settings asked for: the same
 * graph, answers and memory as an index that was never saved.
 */
class AutoIndexLeanGraphTest {
    private static final int DIMS = 16;
    private static final int THRESHOLD = 80;

    private static IndexConfig config(boolean lean) {
        return IndexConfig.builder(DIMS, Metric.L2).indexType(IndexTypes.AUTO).autoThreshold(THRESHOLD)
                .m(8).efConstruction(40).quantization("sq8").sq8TrainingSize(40).seed(5).leanGraph(lean).build();
    }

    /** Adds {@code n} seeded vectors; with {@code reloadAt} &gt;= 0 the index is saved and loaded after that many. */
    private static AutoIndex build(boolean lean, float[][] data, int reloadAt) {
        AutoIndex index = Indexes.auto(config(lean));
        for (int i = 0; i < data.length; i++) {
            if (i == reloadAt) {
                assertFalse(index.usesHnsw(), "saved in the flat phase");
                index = (AutoIndex) IndexSnapshot.decode(IndexSnapshot.encodeToArray(index));
                assertEquals(lean, index.config().leanGraph(), "leanGraph after the load");
            }
            index.add(data[i]);
        }
        while (index.advanceBuild(1_000) > 0) {
            // finish the switch
        }
        assertTrue(index.usesHnsw(), "switched to HNSW");
        index.checkIntegrity();
        return index;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aFlatSnapshotSwitchesToTheGraphItsSettingsAskFor(boolean lean) {
        long seed = TestSeeds.forExactProperty();
        Random random = new Random(seed);
        float[][] data = new float[THRESHOLD * 3][];
        for (int i = 0; i < data.length; i++) {
            data[i] = VectorIndexContractTest.gaussian(random, DIMS);
        }
        String at = "seed " + seed + ", leanGraph " + lean;
        AutoIndex neverSaved = build(lean, data, -1);
        AutoIndex reloaded = build(lean, data, THRESHOLD / 2);
        assertEquals(neverSaved.memoryBytes(), reloaded.memoryBytes(), at + ": memory (a keyed graph holds a float per link)");
        for (int q = 0; q < 20; q++) {
            float[] query = VectorIndexContractTest.gaussian(random, DIMS);
            SearchResult want = neverSaved.search(query, 10);
            SearchResult got = reloaded.search(query, 10);
            assertArrayEquals(want.ids(), got.ids(), at + ": ids");
            assertArrayEquals(want.distances(), got.distances(), at + ": distances");
        }
        byte[] flat = IndexSnapshot.encodeToArray(Indexes.auto(config(lean)));
        AutoIndex empty = (AutoIndex) IndexSnapshot.decode(flat);
        assertEquals(lean, empty.config().leanGraph(), at + ": an empty flat index too");
    }
}
