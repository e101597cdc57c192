package dev.teavec.core.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.db.CollectionStore;
import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.index.IndexTypes;
import dev.teavec.core.index.VectorIndex;
import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.testkit.IdListIndexType;
import dev.teavec.core.testkit.SnapshotScenarios;
import dev.teavec.core.vector.Metric;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * What a reader says about a snapshot it cannot load although its bytes are intact: SNAPSHOT_TOO_NEW for
 * any format version above what this build reads (header, section, index type, vector encoding), naming
 * the version found and the versions read; UNKNOWN_INDEX_TYPE, naming the type and the registered ones,
 * for an index type the registry lacks. Neither is CORRUPT_SNAPSHOT: the app should upgrade, or register
 * the type, not discard the data.
 */
class SnapshotVersionsTest {
    private static final long SEED = 20261207L;

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = SnapshotVersionsTest.class.getResourceAsStream("/snapshots/" + name)) {
            assertNotNull(in, "missing fixture " + name);
            return in.readAllBytes();
        }
    }

    private static CollectionStore decode(byte[] bytes, IndexTypes types) {
        return IndexSnapshot.decodeDatabase(SnapshotBytes.of(bytes), SnapshotLimits.DEFAULT, VectorStorageFactory.HEAP, types);
    }

    @Test
    void aUserTypeFixtureLoadsWhereItsTypeIsRegistered() throws IOException {
        byte[] bytes = resource("v3-" + SnapshotFixtures.USER_TYPE + ".tvec");
        String expected = new String(resource("v3-" + SnapshotFixtures.USER_TYPE + ".expected"), StandardCharsets.UTF_8);
        CollectionStore db = decode(bytes, IdListIndexType.REGISTRY);
        assertEquals(expected, SnapshotFixtures.results(db));
        assertArrayEquals(bytes, IndexSnapshot.encodeToArray(SnapshotFixtures.build(SnapshotFixtures.USER_TYPE)),
                "the encoder writes the fixture");
        assertEquals(120, db.insert(SnapshotFixtures.queries()[0], null), "ids are never reused");
        db.compact();
        db.checkIntegrity();
    }

    @Test
    void aUserTypeFixtureIsUnknownIndexTypeWhereItIsNot() throws IOException {
        byte[] bytes = resource("v3-" + SnapshotFixtures.USER_TYPE + ".tvec");
        TeaVecException e = assertThrows(TeaVecException.class, () -> IndexSnapshot.decodeDatabase(bytes));
        assertEquals(ErrorCode.UNKNOWN_INDEX_TYPE, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("'" + IdListIndexType.NAME + "'") && e.getMessage().contains("auto, flat, hnsw"),
                e.getMessage());
        // Inside a database snapshot too.
        CollectionStore[] dbs = {SnapshotFixtures.build("flat"), SnapshotFixtures.build(SnapshotFixtures.USER_TYPE)};
        SnapshotBytes all = DatabaseSnapshot.encode(new String[] {"a", "b"}, new String[] {"{}", "{}"}, dbs);
        e = assertThrows(TeaVecException.class, () -> DatabaseSnapshot.decode(all));
        assertEquals(ErrorCode.UNKNOWN_INDEX_TYPE, e.code(), e.getMessage());
        DatabaseSnapshot loaded = DatabaseSnapshot.decode(all, SnapshotLimits.DEFAULT, () -> VectorStorageFactory.HEAP,
                IdListIndexType.REGISTRY);
        assertEquals(SnapshotFixtures.results(dbs[1]), SnapshotFixtures.results(loaded.database(1)));
    }

    @Test
    void aConfigNamingAnUnregisteredTypeIsUnknownIndexType() {
        IndexConfig config = IndexConfig.builder(3, Metric.L2).indexType("ivf").build();
        TeaVecException e = assertThrows(TeaVecException.class, () -> IndexTypes.BUILT_IN.create(config));
        assertEquals(ErrorCode.UNKNOWN_INDEX_TYPE, e.code());
        assertTrue(e.getMessage().contains("'ivf'") && e.getMessage().contains("(registered: auto, flat, hnsw)"), e.getMessage());
        assertThrows(TeaVecException.class, () -> IdListIndexType.REGISTRY.with(IdListIndexType.REGISTRY.get("hnsw")),
                "a name is registered once");
    }

    @Test
    void aNewerFormatVersionOfTheSnapshotOrOfASectionIsTooNew() {
        byte[] snapshot = IndexSnapshot.encodeToArray(SnapshotScenarios.small(SEED));
        tooNew(snapshot, s -> s[4] = (byte) (SnapshotWriter.FORMAT_VERSION + 1),
                "snapshot format version " + (SnapshotWriter.FORMAT_VERSION + 1), "(1.." + SnapshotWriter.FORMAT_VERSION + ")");
        int configFrame = Reseal.payload(snapshot, SectionIds.CONFIG) - SnapshotWriter.FRAME_BYTES;
        tooNew(snapshot, s -> s[configFrame + 2] = (byte) (ConfigSection.VERSION + 1),
                "config version " + (ConfigSection.VERSION + 1), "versions 1.." + ConfigSection.VERSION);
    }

    @Test
    void aNewerIndexTypeFormatVersionIsTooNew() {
        byte[] hnsw = IndexSnapshot.encodeToArray(SnapshotScenarios.small(SEED));
        int at = Reseal.payload(hnsw, SectionIds.CONFIG) + 1 + "hnsw".length();
        tooNew(hnsw, s -> s[at] = 3, "'hnsw' format version 3", "hnsw format 1..2");
        VectorIndex user = IdListIndexType.REGISTRY.create(IndexConfig.builder(2, Metric.L2).indexType(IdListIndexType.NAME).build());
        user.add(new float[] {1, 2});
        byte[] s0 = IndexSnapshot.encodeToArray(user);
        int userAt = Reseal.payload(s0, SectionIds.CONFIG) + 1 + IdListIndexType.NAME.length();
        byte[] s = s0.clone();
        s[userAt] = IdListIndexType.VERSION + 1;
        Reseal.crcs(s);
        TeaVecException e = assertThrows(TeaVecException.class, () -> decode(s, IdListIndexType.REGISTRY));
        assertEquals(ErrorCode.SNAPSHOT_TOO_NEW, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("format 1.." + IdListIndexType.VERSION), e.getMessage());
    }

    @Test
    void aNewerOrUnknownVectorEncodingIsTooNew() {
        byte[] sq8 = IndexSnapshot.encodeToArray(SnapshotScenarios.small(SEED));
        int vectors = Reseal.payload(sq8, SectionIds.VECTORS);
        tooNew(sq8, s -> s[vectors + 1 + "sq8".length()] = 2, "'sq8' format version 2", "sq8 format 1..1");
        tooNew(sq8, s -> s[vectors + 3] = '9', "vector encoding 'sq9' is unknown", "'none', 'sq8'");
        int config = Reseal.payload(sq8, SectionIds.CONFIG);
        int quantization = config + 1 + "hnsw".length() + 2 + 1 + "l2".length();
        tooNew(sq8, s -> s[quantization + 3] = '9', "vector encoding 'sq9' is unknown", "'none', 'sq8'");
    }

    @Test
    void aNewerAutoDelegateFormatIsTooNew() {
        VectorIndex auto = IndexTypes.BUILT_IN.create(IndexConfig.builder(3, Metric.L2).autoThreshold(4).build());
        for (int i = 0; i < 6; i++) {
            auto.add(new float[] {i, 1, 2});
        }
        byte[] snapshot = IndexSnapshot.encodeToArray(auto);
        int state = Reseal.payload(snapshot, SectionIds.INDEX_STATE);
        assertEquals(1, snapshot[state], "AUTO switched to HNSW");
        tooNew(snapshot, s -> s[state + 1] = 9, "hnsw delegate has format version 9", "hnsw format 1..2");
    }

    private static void tooNew(byte[] snapshot, Consumer<byte[]> tamper, String... messageParts) {
        byte[] s = snapshot.clone();
        tamper.accept(s);
        Reseal.crcs(s);
        TeaVecException e = assertThrows(TeaVecException.class, () -> IndexSnapshot.decode(s), messageParts[0]);
        assertEquals(ErrorCode.SNAPSHOT_TOO_NEW, e.code(), e.getMessage());
        for (String part : messageParts) {
            assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' says " + part);
        }
    }
}
