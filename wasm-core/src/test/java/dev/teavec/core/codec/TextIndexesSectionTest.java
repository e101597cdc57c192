package dev.teavec.core.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.db.CollectionStore;
import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.fulltext.InvertedIndex;
import dev.teavec.core.fulltext.InvertedIndexCodec;
import dev.teavec.core.fulltext.TextAnalyzer;
import dev.teavec.core.testkit.RecordSnapshotScenarios;
import dev.teavec.core.vector.Metric;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The optional TEXT_INDEXES section of a database snapshot: each collection's full-text index bytes come
 * back with it, a snapshot without any has no such section (as before it existed), and damage to it is
 * CORRUPT_SNAPSHOT like damage anywhere else.
 */
class TextIndexesSectionTest {
    private static final long SEED = 20261206L;
    private static final String[] NAMES = {"a", "b", "c"};
    private static final String[] SETTINGS = {"{}", "{}", "{}"};

    private static byte[] textIndex(boolean english, String... docs) {
        InvertedIndex index = new InvertedIndex(english ? TextAnalyzer.english() : TextAnalyzer.plain());
        for (int i = 0; i < docs.length; i++) {
            index.put(i, docs[i]);
        }
        return InvertedIndexCodec.encode(index);
    }

    private static CollectionStore[] stores() {
        return new CollectionStore[] {RecordSnapshotScenarios.small(SEED), null,
            RecordSnapshotScenarios.build("flat", Metric.L2, 4, 10, SEED)};
    }

    private static byte[] withTexts() {
        byte[][][] texts = {
            {textIndex(true, "running dogs", "a saw for cutting wood"), textIndex(false, "running dogs")},
            null,
            {textIndex(true, "")},
        };
        return DatabaseSnapshot.encode(NAMES, SETTINGS, stores(), texts).toArray();
    }

    @Test
    void eachCollectionsTextIndexesRoundTripInOrder() {
        byte[][][] texts = {
            {textIndex(true, "running dogs", "a saw for cutting wood"), textIndex(false, "running dogs")},
            {},
            {textIndex(true, "")},
        };
        DatabaseSnapshot db = DatabaseSnapshot.decode(DatabaseSnapshot.encode(NAMES, SETTINGS, stores(), texts));
        for (int i = 0; i < texts.length; i++) {
            assertEquals(texts[i].length, db.texts(i).length, NAMES[i]);
            for (int j = 0; j < texts[i].length; j++) {
                assertArrayEquals(texts[i][j], db.texts(i)[j], NAMES[i] + " " + j);
            }
        }
        InvertedIndex back = InvertedIndexCodec.decode(db.texts(0)[0], 2);
        back.checkIntegrity();
        assertEquals(2, back.documentCount());
    }

    @Test
    void withoutTextIndexesTheSnapshotIsWhatItWasBeforeTheSection() {
        byte[] plain = DatabaseSnapshot.encode(NAMES, SETTINGS, stores()).toArray();
        assertEquals(-1, Reseal.payload(plain, SectionIds.TEXT_INDEXES));
        DatabaseSnapshot db = DatabaseSnapshot.decode(SnapshotBytes.of(plain));
        for (int i = 0; i < NAMES.length; i++) {
            assertNull(db.texts(i));
        }
    }

    @Test
    void theSectionIsFlaggedOptionalSoThatReadersWithoutTextSearchSkipIt() {
        byte[] bytes = withTexts();
        int payload = Reseal.payload(bytes, SectionIds.TEXT_INDEXES);
        assertTrue(payload > 0);
        int frame = payload - SnapshotWriter.FRAME_BYTES;
        assertEquals(SnapshotWriter.FLAG_OPTIONAL, bytes[frame + 3]);
        assertEquals(1, bytes[frame + 2]);
        // A reader that does not know the id skips it: an unknown optional id decodes without its blobs.
        byte[] unknown = bytes.clone();
        unknown[frame] = (byte) 250;
        Reseal.crcs(unknown);
        DatabaseSnapshot db = DatabaseSnapshot.decode(SnapshotBytes.of(unknown));
        assertNull(db.texts(0));
    }

    @Test
    void damageToTheSectionOrAnywhereIsCorrupt() {
        byte[] bytes = withTexts();
        int frame = Reseal.payload(bytes, SectionIds.TEXT_INDEXES) - SnapshotWriter.FRAME_BYTES;
        for (int i = frame; i < bytes.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] damaged = bytes.clone();
                damaged[i] ^= (byte) (1 << bit);
                TeaVecException e = assertThrows(TeaVecException.class,
                        () -> DatabaseSnapshot.decode(SnapshotBytes.of(damaged)), "byte " + i + " bit " + bit);
                // A flipped optional flag makes the intact section look newer than this reader.
                assertTrue(e.code() == ErrorCode.CORRUPT_SNAPSHOT || (i == frame + 3 && e.code() == ErrorCode.SNAPSHOT_TOO_NEW),
                        "byte " + i + " bit " + bit + ": " + e.code());
            }
        }
        for (int len = 0; len < bytes.length; len++) {
            byte[] cut = Arrays.copyOf(bytes, len);
            TeaVecException e = assertThrows(TeaVecException.class, () -> DatabaseSnapshot.decode(SnapshotBytes.of(cut)),
                    "length " + len);
            assertEquals(ErrorCode.CORRUPT_SNAPSHOT, e.code(), "length " + len);
        }
    }

    @Test
    void fieldsThatPassTheCrcAreStillChecked() {
        byte[] bytes = withTexts();
        int at = Reseal.payload(bytes, SectionIds.TEXT_INDEXES);
        assertEquals(3, Reseal.u32(bytes, at));
        assertEquals(2, Reseal.u32(bytes, at + 4));
        assertCorrupt(bytes, at, 2, "entries for 2 of 3 collections");
        assertCorrupt(bytes, at, 4, "entries for 4 of 3 collections");
        assertCorrupt(bytes, at, -1, "a negative collection count");
        assertCorrupt(bytes, at + 4, 3, "more blobs than the section holds");
        assertCorrupt(bytes, at + 8, 1, "a blob shorter than 2 bytes");
        assertCorrupt(bytes, at + 8, 1 << 30, "a blob longer than the section");
    }

    @Test
    void thePayloadIsLaidOutAsDocsFormatMdSays() {
        byte[] bytes = DatabaseSnapshot.encode(NAMES, SETTINGS, stores(),
                new byte[][][] {{{1, 0}}, null, {{1, 1, 0}, {1, 0, 0}}}).toArray();
        int at = Reseal.payload(bytes, SectionIds.TEXT_INDEXES);
        byte[] expected = {
            3, 0, 0, 0, // collections
            1, 0, 0, 0, 2, 0, 0, 0, 1, 0, // the first: one blob of 2 bytes
            0, 0, 0, 0, // the second: none
            2, 0, 0, 0, 3, 0, 0, 0, 1, 1, 0, 3, 0, 0, 0, 1, 0, 0, // the third: two of 3 bytes
        };
        assertArrayEquals(expected, Arrays.copyOfRange(bytes, at, bytes.length), "the last section, to the end");
        assertEquals(expected.length, Reseal.u32(bytes, at - SnapshotWriter.FRAME_BYTES + 4));
        DatabaseSnapshot db = DatabaseSnapshot.decode(SnapshotBytes.of(bytes));
        assertEquals(0, db.texts(1).length);
        assertArrayEquals(new byte[] {1, 0, 0}, db.texts(2)[1]);
    }

    private static void assertCorrupt(byte[] bytes, int at, int value, String what) {
        byte[] tampered = bytes.clone();
        Reseal.putU32(tampered, at, value);
        Reseal.crcs(tampered);
        TeaVecException e = assertThrows(TeaVecException.class, () -> DatabaseSnapshot.decode(SnapshotBytes.of(tampered)), what);
        assertEquals(ErrorCode.CORRUPT_SNAPSHOT, e.code(), what);
    }
}
