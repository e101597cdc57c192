package dev.teavec.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.db.CollectionStore;
import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.store.CodeStorage;
import dev.teavec.core.store.FloatStorage;
import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.testkit.RecordSnapshotScenarios;
import dev.teavec.core.testkit.SnapshotScenarios;
import dev.teavec.core.vector.Metric;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The database container: named collections with their settings and records round-trip (a collection
 * may have no index yet), and damage anywhere is CORRUPT_SNAPSHOT.
 */
class DatabaseSnapshotTest {
    private static final long SEED = 20261121L;

    @Test
    void namedCollectionsWithSettingsAndRecordsRoundTrip() {
        String[] names = {"docs", "images \u2713", "sq8 \ud83d\ude00", "empty", "lone \udbff"};
        String[] settings = {"{\"metadata\":{\"hnsw:space\":\"cosine\"},\"settings\":{\"metric\":\"cosine\"}}", "{}",
            "{\"metadata\":null,\"settings\":{\"m\":8,\"seed\":7}}", "{\"settings\":{\"metric\":\"l2\"}}", "{\"a\":[\"\\ud800\"]}"};
        CollectionStore[] dbs = {
            RecordSnapshotScenarios.build("hnsw", Metric.COSINE, 8, 150, SEED),
            RecordSnapshotScenarios.build("flat", Metric.L2, 8, 80, SEED),
            RecordSnapshotScenarios.build("auto-sq8-compacted", Metric.DOT, 8, 200, SEED),
            null,
            RecordSnapshotScenarios.build("flat", Metric.L2, 8, 3, SEED),
        };
        DatabaseSnapshot db = DatabaseSnapshot.decode(DatabaseSnapshot.encode(names, settings, dbs));
        assertEquals(names.length, db.size());
        float[][] queries = SnapshotScenarios.queries(20, 8, SEED);
        for (int i = 0; i < names.length; i++) {
            assertEquals(names[i], db.name(i));
            assertEquals(settings[i], db.settings(i));
            if (dbs[i] == null) {
                assertNull(db.database(i));
            } else {
                RecordSnapshotScenarios.assertSame(dbs[i], db.database(i), queries, names[i]);
            }
        }
        DatabaseSnapshot none = DatabaseSnapshot.decode(DatabaseSnapshot.encode(new String[0], new String[0], new CollectionStore[0]));
        assertEquals(0, none.size());
    }

    @Test
    void collectionsRoundTripScenario() {
        RecordSnapshotScenarios.collectionsRoundTrip(SEED);
    }

    @Test
    void damageAnywhereIsCorrupt() {
        byte[] bytes = DatabaseSnapshot.encode(new String[] {"a", "b", "c"}, new String[] {"{}", "{\"x\":1}", "{}"},
                new CollectionStore[] {RecordSnapshotScenarios.small(SEED), null,
                    RecordSnapshotScenarios.build("flat", Metric.L2, 4, 10, SEED)}).toArray();
        for (int i = 0; i < bytes.length; i++) {
            for (int bit = 0; bit < 8; bit += 3) {
                byte[] damaged = bytes.clone();
                damaged[i] ^= (byte) (1 << bit);
                TeaVecException e = assertThrows(TeaVecException.class,
                        () -> DatabaseSnapshot.decode(SnapshotBytes.of(damaged)), "byte " + i);
                assertEquals(ErrorCode.CORRUPT_SNAPSHOT, e.code());
            }
        }
        for (int len = 0; len < bytes.length; len += 7) {
            byte[] cut = java.util.Arrays.copyOf(bytes, len);
            assertThrows(TeaVecException.class, () -> DatabaseSnapshot.decode(SnapshotBytes.of(cut)), "length " + len);
        }
        // An index snapshot is not a database, nor the other way round.
        byte[] index = IndexSnapshot.encodeToArray(SnapshotScenarios.small(SEED));
        assertThrows(TeaVecException.class, () -> DatabaseSnapshot.decode(SnapshotBytes.of(index)));
        assertThrows(TeaVecException.class, () -> IndexSnapshot.decode(bytes));
        assertThrows(TeaVecException.class, () -> IndexSnapshot.decodeDatabase(bytes));
    }

    /**
     * Each byte is checksummed once: a nested index snapshot's sections are covered by the COLLECTIONS CRC and
     * not checked again, and bytes marked crcVerified (a checkpoint whose CRC over all of them held) skip the
     * sections' CRCs; the header's CRC and every structural check still run.
     */
    @Test
    void eachByteIsChecksummedOnce() {
        CollectionStore small = RecordSnapshotScenarios.small(SEED);
        byte[] bytes = DatabaseSnapshot.encode(new String[] {"a"}, new String[] {"{}"}, new CollectionStore[] {small}).toArray();
        float[][] queries = SnapshotScenarios.queries(5, small.index().dimensions(), SEED);
        // The nested snapshot: after the count, the name ("a"), the settings ("{}") and its length.
        int nested = Reseal.payload(bytes, SectionIds.COLLECTIONS) + 4 + 2 + 1 + 4 + 2 + 4;
        byte[] nestedCrcWrong = bytes.clone();
        nestedCrcWrong[nested + SnapshotWriter.HEADER_BYTES + 8] ^= 1;
        Reseal.crcs(nestedCrcWrong);
        RecordSnapshotScenarios.assertSame(small, DatabaseSnapshot.decode(SnapshotBytes.of(nestedCrcWrong)).database(0),
                queries, "nested CRC not checked again");
        // The COLLECTIONS section's own CRC: checked, unless the bytes are marked verified.
        byte[] outerCrcWrong = bytes.clone();
        outerCrcWrong[SnapshotWriter.HEADER_BYTES + 8] ^= 1;
        assertEquals(ErrorCode.CORRUPT_SNAPSHOT, assertThrows(TeaVecException.class,
                () -> DatabaseSnapshot.decode(SnapshotBytes.of(outerCrcWrong))).code());
        RecordSnapshotScenarios.assertSame(small,
                DatabaseSnapshot.decode(SnapshotBytes.of(outerCrcWrong).crcVerified()).database(0), queries, "verified");
        // Marked verified, the header's CRC and the structure are still checked.
        byte[] headerCrcWrong = bytes.clone();
        headerCrcWrong[20] ^= 1;
        assertThrows(TeaVecException.class, () -> DatabaseSnapshot.decode(SnapshotBytes.of(headerCrcWrong).crcVerified()));
        byte[] badSettings = bytes.clone();
        int settings = Reseal.payload(badSettings, SectionIds.COLLECTIONS) + 4 + 2 + 1 + 4;
        badSettings[settings] = '[';
        badSettings[settings + 1] = ']';
        TeaVecException e = assertThrows(TeaVecException.class,
                () -> DatabaseSnapshot.decode(SnapshotBytes.of(badSettings).crcVerified()));
        assertTrue(e.getMessage().contains("JSON object"), e.getMessage());
        // An index snapshot marked verified: its sections' CRCs are skipped too.
        byte[] index = IndexSnapshot.encodeToArray(small);
        index[SnapshotWriter.HEADER_BYTES + 8] ^= 1;
        assertThrows(TeaVecException.class, () -> IndexSnapshot.decodeDatabase(SnapshotBytes.of(index)));
        RecordSnapshotScenarios.assertSame(small, IndexSnapshot.decodeDatabase(SnapshotBytes.of(index).crcVerified()),
                queries, "verified index");
    }

    @Test
    void settingsThatAreNotAJsonObjectAreRefusedOnEncodeAndDecode() {
        CollectionStore[] one = {null};
        for (String bad : new String[] {"[]", "1", "{", "{\"a\":1,}", "", "{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}"}) {
            TeaVecException e = assertThrows(TeaVecException.class,
                    () -> DatabaseSnapshot.encode(new String[] {"x"}, new String[] {bad}, one), bad);
            assertEquals(ErrorCode.INVALID_ARGUMENT, e.code(), bad);
        }
        // Written around the check: "{}" swapped for "[]" with the CRCs recomputed.
        byte[] s = DatabaseSnapshot.encode(new String[] {"x"}, new String[] {"{}"}, one).toArray();
        int settings = Reseal.payload(s, SectionIds.COLLECTIONS) + 4 + 2 + 1 + 4;
        s[settings] = '[';
        s[settings + 1] = ']';
        Reseal.crcs(s);
        TeaVecException e = assertThrows(TeaVecException.class, () -> DatabaseSnapshot.decode(SnapshotBytes.of(s)));
        assertEquals(ErrorCode.CORRUPT_SNAPSHOT, e.code());
        assertTrue(e.getMessage().contains("JSON object"), e.getMessage());
    }

    @Test
    void badNamesAreRefusedOnEncode() {
        CollectionStore a = RecordSnapshotScenarios.small(SEED);
        String[] two = {"{}", "{}"};
        TeaVecException e = assertThrows(TeaVecException.class,
                () -> DatabaseSnapshot.encode(new String[] {"x", "x"}, two, new CollectionStore[] {a, a}));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        e = assertThrows(TeaVecException.class,
                () -> DatabaseSnapshot.encode(new String[] {"", "y"}, two, new CollectionStore[] {a, a}));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        e = assertThrows(TeaVecException.class,
                () -> DatabaseSnapshot.encode(new String[] {"\u00e9".repeat(513)}, new String[] {"{}"}, new CollectionStore[] {a}));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    }

    @Test
    void eachCollectionDecodesIntoAStorageOfItsOwnAndAFailedDecodeReleasesThemAll() {
        CollectionStore[] dbs = {RecordSnapshotScenarios.small(SEED), null,
            RecordSnapshotScenarios.build("hnsw", Metric.L2, 4, 30, SEED)};
        byte[] bytes = DatabaseSnapshot.encode(new String[] {"collection-1", "empty", "collection-2"},
                new String[] {"{}", "{}", "{}"}, dbs).toArray();
        List<CountingStorage> made = new ArrayList<>();
        Supplier<VectorStorageFactory> source = () -> {
            CountingStorage s = new CountingStorage();
            made.add(s);
            return s;
        };
        DatabaseSnapshot db = DatabaseSnapshot.decode(SnapshotBytes.of(bytes), SnapshotLimits.DEFAULT, source);
        assertEquals(2, made.size(), "one storage per collection with an index");
        assertSame(made.get(0), db.storage(0));
        assertNull(db.storage(1));
        assertSame(made.get(1), db.storage(2));
        assertTrue(made.stream().allMatch(s -> s.made > 0 && s.released == 0));

        // The second name made equal to the first (CRCs recomputed): refused after the first collection is decoded.
        byte[] twice = bytes.clone();
        byte[] second = "collection-2".getBytes(StandardCharsets.UTF_8);
        int at = indexOf(twice, second);
        twice[at + second.length - 1] = '1';
        Reseal.crcs(twice);
        made.clear();
        TeaVecException e = assertThrows(TeaVecException.class,
                () -> DatabaseSnapshot.decode(SnapshotBytes.of(twice), SnapshotLimits.DEFAULT, source));
        assertEquals(ErrorCode.CORRUPT_SNAPSHOT, e.code());
        assertTrue(e.getMessage().contains("appears twice"), e.getMessage());
        assertEquals(1, made.size());
        assertEquals(1, made.get(0).released, "the storage of the collection decoded before the damage is released once");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    /** Java-heap storage that counts what it made and how often it was released. */
    private static final class CountingStorage implements VectorStorageFactory {
        int made;
        int released;

        @Override
        public FloatStorage floats(int dimensions) {
            made++;
            return HEAP.floats(dimensions);
        }

        @Override
        public CodeStorage codes(int dimensions) {
            made++;
            return HEAP.codes(dimensions);
        }

        @Override
        public String kernels() {
            return "counting";
        }

        @Override
        public void release() {
            released++;
        }
    }
}
