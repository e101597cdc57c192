package dev.teavec.core.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.vector.Metric;
import org.junit.jupiter.api.Test;

/** Settings as users write them (JSON of the fields they set, spelled as in JavaScript): filled and checked once. */
class IndexSettingsTest {
    @Test
    void mAloneDerivesM0() {
        IndexConfig c = IndexSettings.read("{\"dimensions\":8,\"m\":48}");
        assertEquals(48, c.m());
        assertEquals(96, c.m0(), "m0 defaults to 2·m, whatever m is");
    }

    @Test
    void onlyWhatIsSetChanges() {
        IndexConfig c = IndexSettings.read("{\"dimensions\":3}");
        IndexConfig defaults = IndexConfig.builder(3, Metric.COSINE).build();
        assertEquals(defaults.m(), c.m());
        assertEquals(defaults.m0(), c.m0());
        assertEquals(defaults.efConstruction(), c.efConstruction());
        assertEquals(defaults.efSearch(), c.efSearch());
        assertEquals(defaults.compactionThreshold(), c.compactionThreshold());
        assertEquals(defaults.seed(), c.seed());
        assertEquals(Metric.COSINE, c.metric());
        IndexConfig set = IndexSettings.read("{\"dimensions\":3,\"metric\":\"l2\",\"m\":8,\"m0\":20,\"ef_construction\":99,"
                + "\"ef_search\":77,\"indexType\":\"hnsw\",\"quantization\":\"sq8\",\"rerank\":true,"
                + "\"compactionThreshold\":0.5,\"seed\":9007199254740991}");
        assertEquals(Metric.L2, set.metric());
        assertEquals(8, set.m());
        assertEquals(20, set.m0());
        assertEquals(99, set.efConstruction());
        assertEquals(77, set.efSearch());
        assertEquals(IndexTypes.HNSW, set.indexType());
        assertEquals("sq8", set.encoding());
        assertTrue(set.keepFloatsForRerank());
        assertEquals(0.5, set.compactionThreshold());
        assertEquals(9007199254740991L, set.seed());
    }

    @Test
    void rangeErrorsNameTheFieldAsTheUserSpelledIt() {
        refused(() -> IndexSettings.read("{\"dimensions\":8,\"ef_search\":20000}"),
                "ef_search must be an integer in 1..10000, got 20000");
        refused(() -> IndexSettings.read("{\"dimensions\":8,\"ef_construction\":0}"),
                "ef_construction must be an integer in 1..10000, got 0");
        refused(() -> IndexSettings.read("{\"dimensions\":8,\"m\":2.5}"),
                "m must be an integer in 2..512, got 2.5");
        refused(() -> IndexSettings.read("{\"dimensions\":8,\"m\":\"16\"}"),
                "m must be an integer in 2..512, got string \"16\"");
        refused(() -> IndexSettings.read("{\"dimensions\":8,\"m\":8,\"m0\":4}"),
                "m0 must be an integer in m..1024 (m = 8), got 4");
        refused(() -> IndexSettings.read("{\"dimensions\":8,\"compactionThreshold\":0}"),
                "compactionThreshold must be a number in (0, 1], got 0");
        refused(() -> IndexSettings.read("{\"dimensions\":0}"),
                "dimensions must be an integer in 1..65536, got 0");
        refused(() -> IndexSettings.read("{\"m\":16}"),
                "dimensions is required");
        refused(() -> IndexSettings.read("{\"dimensions\":8,\"seed\":-1}"),
                "seed must be an integer in 0..9007199254740991, got -1");
        refused(() -> IndexSettings.read("{\"dimensions\":8,\"rerank\":1}"),
                "rerank must be true, false or 'storage', got 1");
        refused(() -> IndexSettings.read("{\"dimensions\":8,\"rerank\":\"disk\"}"),
                "rerank must be true, false or 'storage', got string \"disk\"");
        refused(() -> IndexSettings.read("{\"dimensions\":8,\"rerank\":\"storage\"}"),
                "rerank 'storage' applies only to a quantized encoding");
        refused(() -> IndexSettings.read("{\"dimensions\":8,\"metric\":\"hamming\"}"),
                "metric must be one of");
        refused(() -> IndexSettings.read("{\"dimensions\":8,\"efSearch\":5}"),
                "unknown setting 'efSearch'");
        refused(() -> IndexSettings.read("[8]"), "an object");
    }

    @Test
    void theBuilderNamesFieldsAsUsersSpellThem() {
        refused(() -> IndexConfig.builder(8, Metric.L2).efSearch(0).build(),
                "ef_search must be an integer in 1..10000, got 0");
        refused(() -> IndexConfig.builder(8, Metric.L2).efConstruction(10001).build(),
                "ef_construction must be an integer in 1..10000, got 10001");
    }

    @Test
    void resolvedSettingsListEveryField() {
        assertEquals("{\"dimensions\":8,\"metric\":\"cosine\",\"m\":48,\"m0\":96,\"ef_construction\":200,\"ef_search\":50,"
                + "\"indexType\":\"auto\",\"quantization\":\"none\",\"rerank\":false,\"leanGraph\":false,\"pqSubspaces\":1,\"compactionThreshold\":0.3,"
                + "\"seed\":42}",
                IndexSettings.write(IndexSettings.read("{\"dimensions\":8,\"m\":48}")));
    }

    @Test
    void leanGraphDefaultsToRerankStorageAndCanBeSetEitherWay() {
        String sq8 = "{\"dimensions\":8,\"indexType\":\"hnsw\",\"quantization\":\"sq8\",";
        assertFalse(IndexSettings.read(sq8 + "\"rerank\":true}").leanGraph());
        assertTrue(IndexSettings.read(sq8 + "\"rerank\":\"storage\"}").leanGraph());
        assertTrue(IndexSettings.read(sq8 + "\"rerank\":true,\"leanGraph\":true}").leanGraph());
        IndexConfig keyedStorage = IndexSettings.read(sq8 + "\"rerank\":\"storage\",\"leanGraph\":false}");
        assertFalse(keyedStorage.leanGraph());
        assertTrue(IndexSettings.write(keyedStorage).contains("\"leanGraph\":false"), IndexSettings.write(keyedStorage));
        assertTrue(IndexSettings.describe().contains("{\"name\":\"leanGraph\",\"kind\":\"boolean\",\"defaultOf\":\"rerank\","
                + "\"defaultEquals\":\"storage\"}"), IndexSettings.describe());
        refused(() -> IndexSettings.read(sq8 + "\"leanGraph\":\"yes\"}"), "leanGraph must be true or false, got string \"yes\"");
        refused(() -> IndexSettings.read(sq8 + "\"leanGraph\":1}"), "leanGraph must be true or false, got 1");
    }

    @Test
    void rerankStorageKeepsCodesOnlyAndReadsBackAsStorage() {
        IndexConfig c = IndexSettings.read("{\"dimensions\":8,\"indexType\":\"hnsw\",\"quantization\":\"sq8\",\"rerank\":\"storage\"}");
        assertTrue(c.rerankFromStorage());
        assertTrue(!c.keepFloatsForRerank());
        assertTrue(IndexSettings.write(c).contains("\"rerank\":\"storage\""), IndexSettings.write(c));
        assertTrue(IndexSettings.describe().contains("{\"name\":\"rerank\",\"kind\":\"boolean\",\"default\":false,"
                + "\"choices\":[false,true,\"storage\"]}"), IndexSettings.describe());
    }

    @Test
    void pqSubspacesDefaultsToAnEighthOfTheDimensionsRoundedUp() {
        assertEquals(96, IndexSettings.read("{\"dimensions\":768}").pqSubspaces());
        assertEquals(13, IndexSettings.read("{\"dimensions\":100}").pqSubspaces());
        assertEquals(1, IndexSettings.read("{\"dimensions\":3}").pqSubspaces());
        assertEquals(7, IndexSettings.read("{\"dimensions\":100,\"pqSubspaces\":7,\"quantization\":\"pq\"}").pqSubspaces());
        assertTrue(IndexSettings.describe().contains("{\"name\":\"pqSubspaces\",\"kind\":\"integer\",\"min\":1,"
                + "\"minExclusive\":false,\"max\":65536,\"defaultOf\":\"dimensions\",\"defaultDivisor\":8}"),
                IndexSettings.describe());
    }

    @Test
    void pqSubspacesOutOfRangeAreRefused() {
        refused(() -> IndexSettings.read("{\"dimensions\":8,\"pqSubspaces\":0}"), "pqSubspaces must be an integer in 1..65536, got 0");
        refused(() -> IndexSettings.read("{\"dimensions\":8,\"pqSubspaces\":2.5}"), "pqSubspaces must be an integer in 1..65536, got 2.5");
        refused(() -> IndexSettings.read("{\"dimensions\":8,\"pqSubspaces\":\"4\"}"), "pqSubspaces must be an integer in 1..65536, got string \"4\"");
        refused(() -> IndexSettings.read("{\"dimensions\":8,\"pqSubspaces\":9}"), "pqSubspaces must be at most dimensions (8)");
    }

    /** INVALID_CONFIG whose message contains {@code expected}: the field named as the user spelled it. */
    private static void refused(Runnable action, String expected) {
        try {
            action.run();
        } catch (TeaVecException e) {
            assertEquals(ErrorCode.INVALID_CONFIG, e.code(), e.getMessage());
            assertTrue(e.detail().contains(expected), "'" + e.detail() + "' should contain '" + expected + "'");
            return;
        }
        throw new AssertionError("expected INVALID_CONFIG containing '" + expected + "'");
    }
}
