package dev.teavec.core.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.testkit.Check;
import dev.teavec.core.testkit.RecordScenarios;
import dev.teavec.core.vector.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CollectionStoreTest {
    private static final long SEED = Long.getLong("teavec.seed", 20261121L);

    @Test
    void metadataRoundTrip() {
        RecordScenarios.metadataRoundTrip();
    }

    /** Interned keys: a record costs its values, not its key strings. Prints the figure for the README. */
    @Test
    void metadataStaysLean() {
        CollectionStore db = new CollectionStore(IndexConfig.builder(2, Metric.L2).indexType("flat").build());
        int n = 10000;
        for (int i = 0; i < n; i++) {
            db.insert(new float[] {i, 1}, "{\"category\":\"c" + (i % 10) + "\",\"price\":" + i + ",\"inStock\":true}");
        }
        assertEquals(3, db.metadata().keys().size());
        double perVector = (double) db.metadataBytes() / n;
        System.out.println("[memory] metadata of 3 keys (string, number, boolean): " + perVector + " B/vector (estimate)");
        assertTrue(perVector < 300, "per-vector metadata estimate " + perVector);
        db.checkIntegrity();
    }

    /** An HNSW batch is stored region by region (RegionBatchOrder): record i still goes with the id of vector i. */
    @Test
    void aBatchStoredInAnotherOrderKeepsEachRecordWithItsVector() {
        CollectionStore db = new CollectionStore(IndexConfig.builder(4, Metric.L2).indexType("hnsw").m(8).build());
        int n = 300;
        float[][] vectors = new float[n][];
        StringBuilder records = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            // Two regions, interleaved: the batch is not stored as given.
            vectors[i] = new float[] {i % 2 == 0 ? 100 : -100, i, 1, 0};
            records.append(i > 0 ? "," : "").append("{\"i\":").append(i).append('}');
        }
        int[] ids = db.insertBatch(vectors, records.append(']').toString());
        for (int i = 0; i < n; i++) {
            assertEquals(i, ids[i]);
            assertEquals("{\"i\":" + i + "}", db.metadataEditor().get(i));
            assertArrayEquals(vectors[i], db.index().get(i), "the vector under id " + i);
            assertEquals(i, db.search(vectors[i], 1, 0, "i >= 0", 0).result().id(0), "vector " + i);
        }
        db.checkIntegrity();
    }

    @Test
    void failedCallsChangeNothing() {
        CollectionStore db = new CollectionStore(IndexConfig.builder(2, Metric.COSINE).indexType("flat").build());
        int id = db.upsert("a", new float[] {1, 0}, "{\"x\":1}", "doc");
        Check.fails(ErrorCode.INVALID_ARGUMENT, () -> db.upsert("a", new float[] {0, 1}, "{\"x\":", "new"), "bad JSON");
        Check.fails(ErrorCode.INVALID_VECTOR, () -> db.upsert("a", new float[] {0, 0}, "{}", "new"), "zero vector");
        Check.fails(ErrorCode.INVALID_ARGUMENT, () -> db.upsert("", new float[] {0, 1}, null, null), "empty key");
        Check.fails(ErrorCode.INVALID_ARGUMENT, () -> db.add("k".repeat(4097), new float[] {0, 1}, null, null), "long key");
        Check.fails(ErrorCode.DIMENSION_MISMATCH, () -> db.add("b", new float[] {0, 1, 2}, null, null), "bad vector");
        Check.fails(ErrorCode.INVALID_ARGUMENT, () -> db.insertBatch(new float[][] {{1, 0}, {0, 1}}, "[{\"a\":1},{\"b\":{}}]"),
                "bad batch metadata");
        Check.fails(ErrorCode.INVALID_VECTOR, () -> db.insertBatch(new float[][] {{1, 0}, {0, 0}}, null), "bad batch vector");
        Check.fails(ErrorCode.INVALID_FILTER, () -> db.search(new float[] {1, 0}, 1, 0, "x ==", 0), "bad filter");
        Check.fails(ErrorCode.INVALID_K, () -> db.search(new float[] {1, 0}, 0, 0, "x = 1", 0), "bad k");
        Check.fails(ErrorCode.UNKNOWN_ID, () -> db.setDocument(5, "x"), "unknown id");
        Check.fails(ErrorCode.INVALID_ARGUMENT, () -> db.metadataEditor().setValue(id, "", "1"), "empty key");
        Check.fails(ErrorCode.INVALID_ARGUMENT, () -> db.metadataEditor().setValue(id, "y", "{}"), "object value");
        Check.fails(ErrorCode.INVALID_ARGUMENT, () -> db.matchIds("x = 1", 0, -1, 5), "negative offset");
        assertEquals(1, db.index().size());
        assertEquals(0, db.index().deletedCount(), "no update happened");
        assertEquals("{\"x\":1}", db.metadataEditor().get(id));
        assertEquals("doc", db.getDocument(id));
        assertEquals(-1, db.idOfKey("b"));
        assertEquals(1, db.metadata().keys().size(), "no key interned by failed calls");
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 64; i++) {
            many.append(i > 0 ? "," : "").append("\"k").append(i).append("\":1");
        }
        db.metadataEditor().set(id, many.append('}').toString());
        Check.fails(ErrorCode.INVALID_ARGUMENT, () -> db.metadataEditor().setValue(id, "one-more", "1"), "65th key");
        db.metadataEditor().setValue(id, "k3", "\"replaced\"");
        assertEquals(64, db.metadataEditor().keyCount(id));
        db.checkIntegrity();
    }

    @ParameterizedTest
    @ValueSource(strings = {"flat", "hnsw", "sq8", "auto"})
    void keysUpdatesAndCompaction(String variant) {
        RecordScenarios.keysUpdatesAndCompaction(variant, SEED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"flat", "hnsw", "sq8", "auto"})
    void filteredSearchCounts(String variant) {
        RecordScenarios.filteredSearchCounts(variant, SEED);
    }
}
