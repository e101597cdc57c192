package dev.teavec.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.index.IndexTypes;
import dev.teavec.core.index.VectorIndex;
import dev.teavec.core.vector.Metric;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A pq index's own settings travel in CONFIG version 3 (written only for pq): a reloaded index reports them, and an
 * auto index saved while still flat switches to the sub-space count it was created with. Other configs keep version 2.
 */
class PqConfigSnapshotTest {
    private static final int DIMS = 24;

    private static VectorIndex filled(IndexConfig config, int n, long seed) {
        VectorIndex index = IndexTypes.BUILT_IN.create(config);
        Random random = new Random(seed);
        for (int i = 0; i < n; i++) {
            float[] v = new float[DIMS];
            for (int d = 0; d < DIMS; d++) {
                v[d] = (float) random.nextGaussian();
            }
            index.add(v);
        }
        return index;
    }

    @Test
    void aReloadedPqIndexKeepsItsSubspacesAndTrainingSize() {
        IndexConfig config = IndexConfig.builder(DIMS, Metric.L2).indexType("hnsw").quantization("pq")
                .pqSubspaces(6).pqTrainingSize(80).build();
        VectorIndex index = filled(config, 200, 1);
        VectorIndex copy = IndexSnapshot.decode(IndexSnapshot.encodeToArray(index));
        assertEquals(6, copy.config().pqSubspaces());
        assertEquals(80, copy.config().pqTrainingSize());
    }

    @Test
    void anAutoPqIndexSavedWhileFlatSwitchesWithItsOwnSubspaces() {
        IndexConfig config = IndexConfig.builder(DIMS, Metric.L2).indexType("auto").autoThreshold(50).quantization("pq")
                .pqSubspaces(4).pqTrainingSize(40).build();
        VectorIndex flat = filled(config, 30, 2);
        VectorIndex copy = IndexSnapshot.decode(IndexSnapshot.encodeToArray(flat));
        assertEquals(4, copy.config().pqSubspaces());
        Random random = new Random(3);
        for (int i = 0; i < 120; i++) {
            float[] v = new float[DIMS];
            for (int d = 0; d < DIMS; d++) {
                v[d] = (float) random.nextGaussian();
            }
            copy.add(v);
        }
        VectorIndex again = IndexSnapshot.decode(IndexSnapshot.encodeToArray(copy));
        assertEquals(4, again.config().pqSubspaces());
        again.checkIntegrity();
    }

    @Test
    void otherConfigsStayVersionTwo() {
        VectorIndex sq8 = filled(IndexConfig.builder(DIMS, Metric.L2).indexType("hnsw").quantization("sq8").build(), 20, 4);
        assertEquals(2, new ConfigSection(sq8.config(), 1).version());
        VectorIndex pq = filled(IndexConfig.builder(DIMS, Metric.L2).indexType("hnsw").quantization("pq").build(), 20, 4);
        assertEquals(3, new ConfigSection(pq.config(), 1).version());
    }

    @Test
    void aPayloadWhoseSubspacesDisagreeWithConfigIsCorrupt() {
        IndexConfig six = IndexConfig.builder(DIMS, Metric.L2).indexType("hnsw").quantization("pq").pqSubspaces(6)
                .pqTrainingSize(80).build();
        byte[] bytes = IndexSnapshot.encodeToArray(filled(six, 200, 5));
        int config = Reseal.payload(bytes, SectionIds.CONFIG);
        int length = Reseal.u32(bytes, config - SnapshotWriter.FRAME_BYTES + 4);
        // pqSubspaces is CONFIG's second-to-last field: 6 → 8.
        assertEquals(6, Reseal.u32(bytes, config + length - 8));
        Reseal.putU32(bytes, config + length - 8, 8);
        Reseal.crcs(bytes);
        TeaVecException e = assertThrows(TeaVecException.class, () -> IndexSnapshot.decode(bytes));
        assertEquals(ErrorCode.CORRUPT_SNAPSHOT, e.code());
        assertTrue(e.getMessage().contains("CONFIG says 8"), e.getMessage());
    }
}
