package dev.teavec.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.db.CollectionStore;
import dev.teavec.core.db.KeyIndex;
import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.index.IndexTypes;
import dev.teavec.core.vector.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Section KEYS loaded in bulk from its bytes ({@link StoredKeys}): keys of every UTF-16 shape, some lying across
 * two of the snapshot's 1 MiB chunks, come back exactly; invalid WTF-8, empty keys and repeated keys in the section
 * are CORRUPT_SNAPSHOT naming the key.
 */
class StoredKeysTest {
    private static final long SEED = 20261207L;

    private static CollectionStore store(List<String> keys) {
        IndexConfig config = IndexConfig.builder(2, Metric.L2).indexType(IndexTypes.FLAT).seed(SEED).build();
        CollectionStore db = new CollectionStore(config);
        for (int i = 0; i < keys.size(); i++) {
            db.add(keys.get(i), new float[] {i, 1}, null, null);
        }
        return db;
    }

    /** The offsets of each stored key's text in {@code snapshot} (after its id and length). */
    private static int[] keyTexts(byte[] snapshot) {
        int at = Reseal.payload(snapshot, SectionIds.KEYS);
        int[] texts = new int[Reseal.u32(snapshot, at)];
        at += 4;
        for (int i = 0; i < texts.length; i++) {
            texts[i] = at + 8;
            at += 8 + Reseal.u32(snapshot, at + 4);
        }
        return texts;
    }

    @Test
    void keysOfEveryShapeRoundTripAcrossChunks() {
        Random r = new Random(SEED);
        List<String> keys = new ArrayList<>();
        // Supplementary characters, lone surrogates of both kinds, a low one before a high one, U+0000, U+FFFF.
        keys.add("\ud83c\udf75");
        keys.add("\ud800");
        keys.add("\udfff");
        keys.add("\udc00\ud800");
        keys.add("a\ud800b\udc00c\ud83d\ude00");
        keys.add("\u0000");
        keys.add("\uffff\u07ff\u0800");
        // Long keys of 3-byte characters (12 KB each) put a chunk boundary of a 1.3 MB snapshot inside some key.
        while (keys.size() < 110) {
            StringBuilder b = new StringBuilder();
            b.append(keys.size()).append('-');
            while (b.length() < KeyIndex.MAX_KEY_LENGTH) {
                b.append((char) (0x800 + r.nextInt(0xD000)));
            }
            keys.add(b.toString());
        }
        CollectionStore db = store(keys);
        byte[] snapshot = IndexSnapshot.encodeToArray(db);
        boolean straddles = false;
        int[] texts = keyTexts(snapshot);
        for (int i = 0; i < texts.length; i++) {
            int end = texts[i] + Reseal.u32(snapshot, texts[i] - 4);
            straddles |= texts[i] >>> 20 != (end - 1) >>> 20;
        }
        assertTrue(straddles, "some key lies across two chunks");
        CollectionStore copy = IndexSnapshot.decodeDatabase(SnapshotBytes.of(snapshot));
        copy.checkIntegrity();
        assertEquals(keys.size(), copy.keys().size());
        for (String key : keys) {
            int id = db.idOfKey(key);
            assertEquals(id, copy.idOfKey(key), key);
            assertEquals(key, copy.keyOf(id));
        }
        assertEquals(-1, copy.idOfKey("\ud83c"), "a pair's half is another key");
    }

    @Test
    void invalidEmptyAndRepeatedKeysAreCorrupt() {
        byte[] snapshot = IndexSnapshot.encodeToArray(store(List.of("k\u00e90", "k\u00e91", "\ud83d\ude00xx")));
        int[] texts = keyTexts(snapshot);
        assertEquals((byte) 0xC3, snapshot[texts[0] + 1], "é is 2 bytes");
        rejects(snapshot, s -> s[texts[0] + 1] = (byte) 0xF8, "not valid WTF-8 (its byte 1)");
        rejects(snapshot, s -> s[texts[0] + 2] = 0x41, "not valid WTF-8 (its byte 1)");
        rejects(snapshot, s -> s[texts[0]] = (byte) 0x80, "not valid WTF-8 (its byte 0)");
        // U+1F600 as two 3-byte surrogates (ED A0 BD, ED B8 80) in place of its 4-byte sequence and "xx".
        byte[] split = {(byte) 0xED, (byte) 0xA0, (byte) 0xBD, (byte) 0xED, (byte) 0xB8, (byte) 0x80};
        rejects(snapshot, s -> System.arraycopy(split, 0, s, texts[2], 6), "of id 2 is not valid WTF-8 (its byte 3)");
        rejects(snapshot, s -> Reseal.putU32(s, texts[0] - 4, 0), "has 0 characters, expected 1..4096");
        rejects(snapshot, s -> System.arraycopy(s, texts[0], s, texts[1], 4), "key 'k\u00e90' or id 1 is already bound");
    }

    private static void rejects(byte[] snapshot, Consumer<byte[]> tamper, String message) {
        byte[] s = snapshot.clone();
        tamper.accept(s);
        Reseal.lengthAndCrcs(s);
        TeaVecException e = assertThrows(TeaVecException.class, () -> IndexSnapshot.decodeDatabase(s), message);
        assertEquals(ErrorCode.CORRUPT_SNAPSHOT, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
