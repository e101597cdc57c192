package dev.teavec.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.testkit.Check;
import dev.teavec.core.vector.Metric;
import org.junit.jupiter.api.Test;

class IndexConfigTest {
    private static IndexConfig.Builder base() {
        return IndexConfig.builder(8, Metric.COSINE);
    }

    @Test
    void defaults() {
        IndexConfig c = base().build();
        assertEquals(16, c.m());
        assertEquals(32, c.m0(), "m0 defaults to 2·m");
        assertEquals(200, c.efConstruction());
        assertEquals(50, c.efSearch());
        assertEquals("auto", c.indexType(), "auto is the default index type");
        assertEquals("float32", c.encoding(), "quantization 'none' stores float32");
        assertFalse(c.keepFloatsForRerank());
        assertEquals(0.3, c.compactionThreshold());
        assertEquals(IndexConfig.AUTO_HNSW_THRESHOLD, c.autoThreshold());
        assertEquals(20, base().m(10).build().m0(), "m0 follows m");
        assertTrue(IndexTypes.BUILT_IN.create(IndexConfig.builder(8, Metric.L2).build()) instanceof AutoIndex);
        assertEquals("sq8", base().quantization("sq8").build().encoding());
        assertEquals("float32", base().quantization("float32").build().encoding());
    }

    @Test
    void invalidConfigsAreRejectedWithClearMessages() {
        bad(() -> IndexConfig.builder(0, Metric.L2).build(), "dimensions");
        bad(() -> IndexConfig.builder(8, null).build(), "metric");
        bad(() -> base().m(1).build(), "m must");
        bad(() -> base().m(8).m0(4).build(), "m0 must");
        bad(() -> base().efConstruction(0).build(), "ef_construction");
        bad(() -> base().efSearch(0).build(), "ef_search");
        bad(() -> base().indexType(null).build(), "indexType");
        bad(() -> base().quantization(null).build(), "quantization");
        bad(() -> base().indexType("flat").quantization("sq8").build(), "needs indexType");
        bad(() -> base().keepFloatsForRerank(true).build(), "keepFloatsForRerank");
        bad(() -> base().compactionThreshold(0).build(), "compactionThreshold");
        bad(() -> base().compactionThreshold(Double.NaN).build(), "compactionThreshold");
        bad(() -> base().compactionThreshold(1.5).build(), "compactionThreshold");
        bad(() -> base().sq8TrainingSize(0).build(), "sq8TrainingSize");
        bad(() -> base().indexType("IVF").build(), "indexType must be a name");
        bad(() -> base().indexType("").build(), "indexType must be a name");
        bad(() -> base().indexType("-x").build(), "indexType must be a name");
        bad(() -> base().quantization("lvq").build(), "quantization must be one of 'none', 'sq8', ");
        bad(() -> base().quantization("lvq").build(), ", got 'lvq'");
    }

    private static void bad(Runnable action, String messagePart) {
        try {
            action.run();
        } catch (TeaVecException e) {
            assertEquals(ErrorCode.INVALID_CONFIG, e.code(), e.getMessage());
            assertTrue(e.getMessage().startsWith("INVALID_CONFIG: "), e.getMessage());
            assertTrue(e.getMessage().contains(messagePart), "message '" + e.getMessage() + "' names " + messagePart);
            return;
        }
        throw new AssertionError("expected INVALID_CONFIG mentioning " + messagePart);
    }

    @Test
    void compactionThresholdIsConfigurable() {
        VectorIndex index = IndexTypes.BUILT_IN.create(IndexConfig.builder(2, Metric.L2).indexType("hnsw")
                .compactionThreshold(0.5).build());
        for (int i = 0; i < 10; i++) {
            index.add(new float[] {i, 1});
        }
        for (int id = 0; id < 4; id++) {
            index.delete(id);
        }
        assertFalse(index.needsCompaction(), "0.4 < 0.5");
        index.delete(4);
        assertTrue(index.needsCompaction(), "0.5 reaches 0.5");
        Check.fails(ErrorCode.INVALID_ARGUMENT, () -> ((ManagedIndex) index).search(new float[] {1, 1}, 1, 0), "ef 0");
    }
}
