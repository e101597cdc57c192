package dev.teavec.core.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.teavec.core.index.VectorIndex;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every committed fixture of every format version still loads and gives its recorded results; the
 * current version's fixtures are also what the encoder writes today (so a format change cannot slip
 * in without a new version and new fixtures).
 */
class SnapshotFixturesTest {
    /** Add each new format version here; never remove one. */
    private static final int[] VERSIONS = {1};

    @ParameterizedTest
    @ValueSource(strings = {"hnsw-float", "hnsw-sq8", "flat", "auto-hnsw"})
    void everyVersionLoadsWithItsRecordedResults(String name) throws IOException {
        for (int version : VERSIONS) {
            byte[] bytes = resource("v" + version + "-" + name + ".tvec");
            VectorIndex index = IndexSnapshot.decode(bytes);
            index.checkIntegrity();
            String expected = new String(resource("v" + version + "-" + name + ".expected"), StandardCharsets.UTF_8);
            assertEquals(expected, SnapshotFixtures.results(index), "v" + version + " " + name);
            // Loaded fixtures keep working: ids are never reused.
            int next = index.add(SnapshotFixtures.queries()[0]);
            assertEquals(120, next, "v" + version + " " + name + ": next id");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hnsw-float", "hnsw-sq8", "flat", "auto-hnsw"})
    void theCurrentEncoderWritesTheCurrentFixtures(String name) throws IOException {
        byte[] fixture = resource("v" + SnapshotWriter.FORMAT_VERSION + "-" + name + ".tvec");
        assertArrayEquals(fixture, IndexSnapshot.encodeToArray(SnapshotFixtures.build(name)), name);
    }

    @Test
    void databaseFixtureLoads() throws IOException {
        DatabaseSnapshot db = DatabaseSnapshot.decode(SnapshotBytes.of(resource("v1-database.tvdb")));
        assertEquals(SnapshotFixtures.NAMES.length, db.size());
        for (int i = 0; i < db.size(); i++) {
            assertEquals(SnapshotFixtures.NAMES[i], db.name(i));
            String expected = new String(resource("v1-" + db.name(i) + ".expected"), StandardCharsets.UTF_8);
            assertEquals(expected, SnapshotFixtures.results(db.index(i)), db.name(i));
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = SnapshotFixturesTest.class.getResourceAsStream("/snapshots/" + name)) {
            assertNotNull(in, "missing fixture " + name);
            return in.readAllBytes();
        }
    }
}
