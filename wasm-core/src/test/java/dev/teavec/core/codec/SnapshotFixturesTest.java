package dev.teavec.core.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.teavec.core.db.CollectionStore;
import dev.teavec.core.index.VectorIndex;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every committed fixture of every format version still loads and gives its recorded results; the
 * current version's fixtures, loaded, are also what the encoder writes today (so a format change cannot
 * slip in without a new version and new fixtures).
 */
class SnapshotFixturesTest {
    /** Add each new format version here; never remove one. */
    private static final int[] VERSIONS = {1, 2, 3};

    @ParameterizedTest
    @ValueSource(strings = {"hnsw-float", "hnsw-sq8", "flat", "auto-hnsw"})
    void everyVersionLoadsWithItsRecordedResults(String name) throws IOException {
        for (int version : VERSIONS) {
            byte[] bytes = resource("v" + version + "-" + name + ".tvec");
            String expected = new String(resource("v" + version + "-" + name + ".expected"), StandardCharsets.UTF_8);
            CollectionStore db = IndexSnapshot.decodeDatabase(bytes);
            db.checkIntegrity();
            if (version == 1) {
                // Version 1 held bare indexes: they load as an index, and as a database without records.
                VectorIndex index = IndexSnapshot.decode(bytes);
                assertEquals(expected, SnapshotFixtures.results(index), "v1 " + name);
                assertEquals(expected, SnapshotFixtures.results(db.index()), "v1 " + name + " as a database");
                assertEquals(0, db.metadata().recordCount() + db.keys().size() + db.documents().count());
            } else {
                assertEquals(expected, SnapshotFixtures.results(db), "v" + version + " " + name);
            }
            // Loaded fixtures keep working: ids are never reused.
            int next = db.insert(SnapshotFixtures.queries()[0], null);
            assertEquals(120, next, "v" + version + " " + name + ": next id");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hnsw-float", "hnsw-sq8", "flat", "auto-hnsw"})
    void theCurrentEncoderWritesTheCurrentFixtures(String name) throws IOException {
        // Loaded, not built anew: the fixture pins the layout, not the graph a build makes today (a better
        // construction may link the same vectors differently without any format change).
        byte[] fixture = resource("v" + SnapshotWriter.FORMAT_VERSION + "-" + name + ".tvec");
        assertArrayEquals(fixture, IndexSnapshot.encodeToArray(IndexSnapshot.decodeDatabase(fixture)), name);
    }

    /**
     * A version 2 snapshot, loaded and saved again, is byte for byte the version 3 snapshot of the same
     * database: the format changed how it names things, not what a loaded index holds. (Not flat: its
     * version 2 config record held defaults for the settings a flat index does not use, version 3 keeps them.)
     */
    @ParameterizedTest
    @ValueSource(strings = {"hnsw-float", "hnsw-sq8", "auto-hnsw"})
    void aVersion2SnapshotSavedAgainIsTheVersion3One(String name) throws IOException {
        CollectionStore loaded = IndexSnapshot.decodeDatabase(resource("v2-" + name + ".tvec"));
        assertArrayEquals(resource("v3-" + name + ".tvec"), IndexSnapshot.encodeToArray(loaded), name);
    }

    @Test
    void version1DatabaseFixtureLoads() throws IOException {
        DatabaseSnapshot db = DatabaseSnapshot.decode(SnapshotBytes.of(resource("v1-database.tvdb")));
        assertEquals(SnapshotFixtures.NAMES.length, db.size());
        for (int i = 0; i < db.size(); i++) {
            assertEquals(SnapshotFixtures.NAMES[i], db.name(i));
            assertNull(db.settings(i), "version 1 has no settings");
            String expected = new String(resource("v1-" + db.name(i) + ".expected"), StandardCharsets.UTF_8);
            assertEquals(expected, SnapshotFixtures.results(db.database(i).index()), db.name(i));
        }
    }

    @Test
    void currentDatabaseFixtureLoadsAndIsWhatTheEncoderWrites() throws IOException {
        int version = SnapshotWriter.FORMAT_VERSION;
        byte[] bytes = resource("v" + version + "-database.tvdb");
        DatabaseSnapshot db = DatabaseSnapshot.decode(SnapshotBytes.of(bytes));
        String[] names = SnapshotFixtures.databaseNames();
        assertEquals(names.length, db.size());
        String[] settings = new String[names.length];
        CollectionStore[] dbs = new CollectionStore[names.length];
        for (int i = 0; i < names.length; i++) {
            assertEquals(names[i], db.name(i));
            settings[i] = SnapshotFixtures.settings(names[i]);
            assertEquals(settings[i], db.settings(i));
            if (i < SnapshotFixtures.NAMES.length) {
                String expected = new String(resource("v" + version + "-" + names[i] + ".expected"), StandardCharsets.UTF_8);
                assertEquals(expected, SnapshotFixtures.results(db.database(i)), names[i]);
                dbs[i] = db.database(i);
            } else {
                assertNull(db.database(i), names[i] + " has no index yet");
            }
        }
        assertArrayEquals(bytes, DatabaseSnapshot.encode(names, settings, dbs).toArray());
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = SnapshotFixturesTest.class.getResourceAsStream("/snapshots/" + name)) {
            assertNotNull(in, "missing fixture " + name);
            return in.readAllBytes();
        }
    }
}
