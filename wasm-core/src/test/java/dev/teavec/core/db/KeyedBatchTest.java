package dev.teavec.core.db;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.codec.IndexSnapshot;
import dev.teavec.core.db.KeyedBatch.Mode;
import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.index.IndexTypes;
import dev.teavec.core.vector.Metric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Batches by key are all or nothing on every index variant: a refused batch leaves no trace. */
class KeyedBatchTest {
    private static final long SEED = Long.getLong("teavec.seed", 20261121L);
    private static final int DIM = 4;

    static List<String> variants() {
        return List.of("flat", "hnsw", "auto", "hnsw-sq8", "hnsw-sq8-rerank");
    }

    private static CollectionStore database(String variant) {
        IndexConfig.Builder b = IndexConfig.builder(DIM, Metric.L2).m(4).efConstruction(16).seed(SEED);
        switch (variant) {
            case "flat" -> b.indexType(IndexTypes.FLAT);
            case "hnsw" -> b.indexType(IndexTypes.HNSW);
            case "auto" -> b.indexType(IndexTypes.AUTO).autoThreshold(8);
            case "hnsw-sq8" -> b.indexType(IndexTypes.HNSW).quantization("sq8").sq8TrainingSize(4);
            default -> b.indexType(IndexTypes.HNSW).quantization("sq8").sq8TrainingSize(4)
                    .keepFloatsForRerank(true);
        }
        return new CollectionStore(b.build());
    }

    /** A database with 12 keyed records (past SQ8 training and AUTO's switch), two of them deleted. */
    private static CollectionStore populated(String variant, Random random) {
        CollectionStore db = database(variant);
        for (int i = 0; i < 12; i++) {
            db.upsert("k" + i, vector(random), "{\"n\":" + i + "}", "doc " + i);
        }
        db.deleteKey("k3");
        db.deleteKey("k7");
        return db;
    }

    private static float[] vector(Random random) {
        float[] v = new float[DIM];
        for (int i = 0; i < DIM; i++) {
            v[i] = random.nextFloat() * 2 - 1;
        }
        return v;
    }

    /** Everything a batch could change, read through the public API. */
    private static String state(CollectionStore db) {
        StringBuilder sb = new StringBuilder();
        sb.append("idLimit=").append(db.index().idLimit()).append(" live=").append(db.index().liveCount())
                .append(" deleted=").append(db.index().deletedCount()).append(" keys=").append(db.keys().size())
                .append(" metadataKeys=").append(db.metadata().keys().size()).append('\n');
        for (int id = 0; id < db.index().idLimit(); id++) {
            if (db.index().isDeleted(id)) {
                continue;
            }
            sb.append(id).append(' ').append(db.keyOf(id)).append(' ').append(Arrays.toString(db.index().get(id)))
                    .append(' ').append(db.metadataEditor().get(id)).append(' ').append(db.getDocument(id)).append('\n');
        }
        return sb.toString();
    }

    private static void refused(CollectionStore db, ErrorCode code, String messagePart, Supplier<int[]> batch) {
        String before = state(db);
        try {
            batch.get();
        } catch (TeaVecException e) {
            assertEquals(code, e.code(), e.getMessage());
            assertTrue(e.getMessage().contains(messagePart), e.getMessage() + " should name " + messagePart);
            assertEquals(before, state(db), "a refused batch changed the database");
            db.checkIntegrity();
            return;
        }
        throw new AssertionError("expected " + code);
    }

    @ParameterizedTest
    @MethodSource("variants")
    void aFailingItemInTheMiddleLeavesNoTrace(String variant) {
        Random random = new Random(SEED);
        CollectionStore db = populated(variant, random);
        float[][] three = {vector(random), vector(random), vector(random)};
        String meta = "[{\"fresh\":1},{\"n\":2},{\"other\":3}]";
        int nextId = db.index().idLimit();
        int deleted = db.index().deletedCount();

        refused(db, ErrorCode.DIMENSION_MISMATCH, "items[1] vector", () -> db.writeBatch(Mode.UPSERT, "items",
                new String[] {"k0", "new1", "new2"}, new float[][] {three[0], new float[DIM + 1], three[2]}, meta, null));
        refused(db, ErrorCode.INVALID_VECTOR, "items[1] vector", () -> db.writeBatch(Mode.UPSERT, "items",
                new String[] {"k0", "new1", "new2"}, new float[][] {three[0], {1, Float.NaN, 0, 0}, three[2]}, meta, null));
        refused(db, ErrorCode.DUPLICATE_ID, "already exists", () -> db.writeBatch(Mode.ADD, "records",
                new String[] {"new0", "k5", "new2"}, three, meta, null));
        refused(db, ErrorCode.UNKNOWN_ID, "records[1] id \"k3\" does not exist", () -> db.writeBatch(Mode.UPDATE,
                "records", new String[] {"k0", "k3", "k1"}, three, meta, null));
        refused(db, ErrorCode.DUPLICATE_ID, "appears twice", () -> db.writeBatch(Mode.UPSERT, "items",
                new String[] {"k0", "new1", "k0"}, three, meta, null));
        refused(db, ErrorCode.INVALID_ARGUMENT, "items[1] id", () -> db.writeBatch(Mode.UPSERT, "items",
                new String[] {"k0", "", "new2"}, three, meta, null));
        refused(db, ErrorCode.INVALID_ARGUMENT, "items[1] id", () -> db.writeBatch(Mode.UPSERT, "items",
                new String[] {"k0", null, "new2"}, three, meta, null));
        refused(db, ErrorCode.INVALID_ARGUMENT, "metadata", () -> db.writeBatch(Mode.UPSERT, "items",
                new String[] {"k0", "new1", "new2"}, three, "[{\"fresh\":1},{\"n\":{}},null]", null));
        refused(db, ErrorCode.INVALID_ARGUMENT, "one document per id", () -> db.writeBatch(Mode.UPSERT, "items",
                new String[] {"k0", "new1", "new2"}, three, meta, new String[] {"a"}));
        refused(db, ErrorCode.INVALID_ARGUMENT, "needs a vector", () -> db.writeBatch(Mode.UPSERT, "items",
                new String[] {"k0", "new1", "new2"}, null, meta, null));

        assertEquals(nextId, db.index().idLimit(), "no id was used up");
        assertEquals(deleted, db.index().deletedCount(), "no tombstone was left");
        assertEquals(nextId, db.insert(vector(random), null), "the next id is the one before the refused batches");
    }

    /**
     * An add of new keys goes in as one batch, which an HNSW index stores region by region (RegionBatchOrder):
     * each key still gets the id, vector, record and document of its own item, ids in batch order.
     */
    @ParameterizedTest
    @MethodSource("variants")
    void aLargeAddKeepsEachKeyWithItsOwnItem(String variant) {
        Random random = new Random(SEED);
        CollectionStore db = populated(variant, random);
        CollectionStore oneByOne = populated(variant, new Random(SEED));
        int n = 300;
        String[] keys = new String[n];
        float[][] vectors = new float[n][];
        String[] documents = new String[n];
        StringBuilder records = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            keys[i] = "b" + i;
            // Two regions, interleaved: not an order to store them in.
            vectors[i] = new float[] {i % 2 == 0 ? 50 : -50, i * 0.01f, random.nextFloat(), 1};
            documents[i] = "doc b" + i;
            records.append(i > 0 ? "," : "").append("{\"i\":").append(i).append('}');
        }
        int first = db.index().idLimit();
        int[] ids = db.writeBatch(Mode.ADD, "items", keys, vectors, records.append(']').toString(), documents);
        // UPSERT adds its new keys one by one.
        oneByOne.writeBatch(Mode.UPSERT, "items", keys, vectors, records.toString(), documents);
        for (int i = 0; i < n; i++) {
            String at = variant + ", item " + i;
            assertEquals(first + i, ids[i], at);
            assertEquals(ids[i], db.idOfKey(keys[i]), at);
            assertEquals("{\"i\":" + i + "}", db.metadataEditor().get(ids[i]), at);
            assertEquals(documents[i], db.getDocument(ids[i]), at);
            assertEquals(vectors[i][0], db.index().get(ids[i])[0], 1.0, at + ": the vector's region");
            if (variant.equals("hnsw") || variant.equals("flat")) {
                assertArrayEquals(vectors[i], db.index().get(ids[i]), at);
            }
        }
        db.checkIntegrity();
        boolean sameBytes = Arrays.equals(IndexSnapshot.encodeToArray(db), IndexSnapshot.encodeToArray(oneByOne));
        // An HNSW graph stores the batch in its own order; a flat index as given (AUTO: as its phase has it).
        if (!variant.equals("auto")) {
            assertEquals(variant.equals("flat"), sameBytes, variant + ": stored in the given order");
        }
    }

    @ParameterizedTest
    @MethodSource("variants")
    void anAcceptedBatchAppliesEveryItem(String variant) {
        Random random = new Random(SEED + 1);
        CollectionStore db = populated(variant, random);
        int k0 = db.idOfKey("k0");
        int nextId = db.index().idLimit();
        int deleted = db.index().deletedCount();
        float[][] two = {vector(random), vector(random)};
        int[] ids = db.writeBatch(Mode.UPSERT, "items", new String[] {"k0", "fresh"}, two,
                "[null,{\"tag\":\"x\"}]", new String[] {null, "new doc"});
        assertArrayEquals(new int[] {k0, nextId}, ids, "an existing key keeps its id, a new one gets the next");
        assertEquals(deleted + 1, db.index().deletedCount(), "the replaced vector of k0 is a tombstone until compact()");
        assertEquals("{\"n\":0}", db.metadataEditor().get(k0), "null metadata keeps what k0 had");
        assertEquals("doc 0", db.getDocument(k0), "a null document keeps what k0 had");
        assertEquals("{\"tag\":\"x\"}", db.metadataEditor().get(nextId));
        assertEquals("new doc", db.getDocument(nextId));

        int before = db.index().deletedCount();
        db.writeBatch(Mode.UPDATE, "records", new String[] {"k1", "k2"}, null, "[{},{\"m\":true}]",
                new String[] {"d1", null});
        assertEquals(before, db.index().deletedCount(), "an update without vectors leaves the vectors alone");
        assertNull(db.metadataEditor().get(db.idOfKey("k1")), "{} clears");
        assertEquals("{\"m\":true}", db.metadataEditor().get(db.idOfKey("k2")));
        assertEquals("d1", db.getDocument(db.idOfKey("k1")));
        assertEquals("doc 2", db.getDocument(db.idOfKey("k2")));
        db.checkIntegrity();
    }

    @ParameterizedTest
    @MethodSource("variants")
    void aRefusedUpdateKeepsTheOriginalVectors(String variant) {
        Random random = new Random(SEED + 2);
        CollectionStore db = populated(variant, random);
        List<float[]> originals = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            int id = db.idOfKey("k" + i);
            originals.add(id < 0 ? null : db.index().get(id));
        }
        String[] keys = {"k0", "k1", "k2", "k4", "nope"};
        float[][] vectors = {vector(random), vector(random), vector(random), vector(random), vector(random)};
        refused(db, ErrorCode.UNKNOWN_ID, "records[4]", () -> db.writeBatch(Mode.UPDATE, "records", keys, vectors, null, null));
        for (int i = 0; i < 12; i++) {
            int id = db.idOfKey("k" + i);
            if (id >= 0) {
                assertArrayEquals(originals.get(i), db.index().get(id), "k" + i + " holds its vector, bit for bit");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("variants")
    void theWireFormCarriesIdsMetadataDocumentsAndFlatVectors(String variant) {
        Random random = new Random(SEED + 3);
        CollectionStore db = populated(variant, random);
        float[] flat = new float[2 * DIM];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = random.nextFloat() + 0.1f;
        }
        String longDocument = "d".repeat(70000);
        int[] ids = db.writeBatch("{\"mode\":\"add\",\"label\":\"records\",\"ids\":[\"x\",\"y\"],"
                + "\"metadatas\":[{\"a\":[\"p\",\"q\"]},null],\"documents\":[\"" + longDocument + "\",null]}", flat);
        assertEquals(2, ids.length);
        assertEquals(longDocument, db.getDocument(ids[0]), "documents are not held to metadata's string limit");
        assertNull(db.getDocument(ids[1]));
        assertEquals("{\"a\":[\"p\",\"q\"]}", db.metadataEditor().get(ids[0]));
        int deleted = db.index().deletedCount();
        db.writeBatch("{\"mode\":\"update\",\"ids\":[\"x\"],\"metadatas\":null,\"documents\":[\"short\"]}", new float[0]);
        assertEquals(deleted, db.index().deletedCount(), "no vectors: the vectors stay");
        assertEquals("short", db.getDocument(ids[0]));
        refused(db, ErrorCode.INVALID_ARGUMENT, "at most 65536", () -> db.writeBatch("{\"mode\":\"upsert\",\"ids\":[\"x\"],"
                + "\"metadatas\":[{\"s\":\"" + "s".repeat(65537) + "\"}]}", new float[DIM]));
        refused(db, ErrorCode.DIMENSION_MISMATCH, "2 vectors of 4 dimensions", () -> db.writeBatch(
                "{\"mode\":\"upsert\",\"ids\":[\"x\",\"z\"]}", new float[DIM]));
        refused(db, ErrorCode.INVALID_ARGUMENT, "needs a vector", () -> db.writeBatch(
                "{\"mode\":\"add\",\"ids\":[\"z\"]}", new float[0]));
        refused(db, ErrorCode.INVALID_ARGUMENT, "mode", () -> db.writeBatch("{\"mode\":\"merge\",\"ids\":[]}", new float[0]));
        db.checkIntegrity();
    }
}
