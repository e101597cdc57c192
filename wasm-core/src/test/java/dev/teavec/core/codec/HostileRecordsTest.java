package dev.teavec.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.db.CollectionStore;
import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.testkit.RecordSnapshotScenarios;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The record sections (METADATA, KEYS, DOCUMENTS) with hostile counts and lengths and with values that
 * break their rules (ids not increasing or not live, duplicate keys, limits of the JSON reader), each
 * re-sealed so it reaches the decoder's checks: every one is CORRUPT_SNAPSHOT, found before the
 * decoder allocates anything large (beyond what decoding the whole valid snapshot takes).
 */
class HostileRecordsTest {
    private static final long SEED = 20261121L;
    private static final int[] HOSTILE = {Integer.MAX_VALUE, -1, Integer.MIN_VALUE, 1 << 27, (1 << 27) + 1, 1 << 30, 65537, 0x10000000};
    private static final long ALLOCATION_LIMIT = 1 << 20;

    private final CollectionStore db = RecordSnapshotScenarios.small(SEED);
    private final byte[] snapshot = IndexSnapshot.encodeToArray(db);
    private final long validDecode = allocatedBy(() -> IndexSnapshot.decodeDatabase(snapshot));

    /** Offsets of the fields of the METADATA payload, walked as the decoder reads them. */
    private final class MetadataFields {
        final int keyCount = Reseal.payload(snapshot, SectionIds.METADATA);
        final int firstKey;
        final int recordCount;
        final int firstRecord;

        MetadataFields() {
            int pos = keyCount + 4;
            firstKey = pos;
            for (int k = 0; k < Reseal.u32(snapshot, keyCount); k++) {
                pos += 4 + Reseal.u32(snapshot, pos);
            }
            recordCount = pos;
            firstRecord = pos + 4;
        }
    }

    @Test
    void hostileCountsAndLengths() {
        MetadataFields m = new MetadataFields();
        int keys = Reseal.payload(snapshot, SectionIds.KEYS);
        int docs = Reseal.payload(snapshot, SectionIds.DOCUMENTS);
        int[] fields = {m.keyCount, m.firstKey, m.recordCount, m.firstRecord, keys, keys + 4, keys + 8, docs, docs + 4, docs + 8};
        for (int at : fields) {
            for (int v : HOSTILE) {
                rejects(s -> Reseal.putU32(s, at, v), "u32 at " + at + " = " + v);
            }
        }
        for (int id = SectionIds.METADATA; id <= SectionIds.DOCUMENTS; id++) {
            int lengthAt = Reseal.payload(snapshot, id) - SnapshotWriter.FRAME_BYTES + 4;
            for (int v : HOSTILE) {
                rejects(s -> Reseal.putU32(s, lengthAt, v), SectionIds.name(id) + " length = " + v);
            }
        }
    }

    @Test
    void recordIdsMustIncreaseAndBeLive() {
        int keys = Reseal.payload(snapshot, SectionIds.KEYS);
        int secondId = keys + 4 + 4 + 4 + Reseal.u32(snapshot, keys + 8);
        rejects(s -> Reseal.putU32(s, secondId, Reseal.u32(s, keys + 4)), "the second key's id repeats the first's");
        rejects(s -> Reseal.putU32(s, keys + 4, 2), "a key on deleted id 2");
        rejects(s -> Reseal.putU32(s, keys + 4, 400), "a key on an id never handed out");
        MetadataFields m = new MetadataFields();
        rejects(s -> Reseal.putU32(s, m.firstRecord, 9), "metadata on deleted id 9");
        int docs = Reseal.payload(snapshot, SectionIds.DOCUMENTS);
        rejects(s -> Reseal.putU32(s, docs + 4, 2), "a document on deleted id 2");
        rejects(s -> Reseal.putU32(s, keys, Reseal.u32(s, keys) - 1), "one key fewer than the section holds");
    }

    @Test
    void keysMustBeUnique() {
        // "ké0" and "ké1" have the same length: make the second the first.
        int keys = Reseal.payload(snapshot, SectionIds.KEYS);
        int len = Reseal.u32(snapshot, keys + 8);
        int second = keys + 4 + 4 + 4 + len;
        assertEquals(len, Reseal.u32(snapshot, second + 4));
        TeaVecException e = rejects(s -> System.arraycopy(s, keys + 12, s, second + 8, len), "a key twice");
        assertTrue(e.getMessage().contains("key 'ké0' or id 1 is already bound"), e.getMessage());
    }

    @Test
    void metadataRules() {
        MetadataFields m = new MetadataFields();
        // Keys "a", "s", "l", "b", "z": one byte each, so the second name's byte is 4 + 1 + 4 bytes in.
        assertEquals("a", new String(snapshot, m.firstKey + 4, 1, StandardCharsets.UTF_8));
        rejects(s -> s[m.firstKey + 9] = 'a', "a metadata key name twice");
        rejects(s -> Reseal.putU32(s, m.firstKey, 0), "an empty key name");
        int entries = m.firstRecord + 4;
        rejects(s -> s[entries] = 0, "a record of no keys");
        rejects(s -> s[entries] = 65, "a record of 65 keys");
        int firstKeyIndex = entries + 1;
        rejects(s -> Reseal.putU32(s, firstKeyIndex, 5), "a key index past the key table");
        rejects(s -> Reseal.putU32(s, firstKeyIndex + 4 + 1 + 8, 0), "the same key twice in a record");
        int kind = firstKeyIndex + 4;
        assertEquals(2, snapshot[kind], "the first value is a number");
        rejects(s -> s[kind] = 7, "an unknown value kind");
        rejects(s -> {
            for (int i = 0; i < 8; i++) {
                s[kind + 1 + i] = (byte) (Double.doubleToRawLongBits(Double.NaN) >>> (8 * i));
            }
        }, "a NaN number");
        rejects(s -> {
            for (int i = 0; i < 8; i++) {
                s[kind + 1 + i] = (byte) (Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY) >>> (8 * i));
            }
        }, "an infinite number");
        rejects(s -> s[kind] = 3, "a number read as a boolean (its other bytes then misread)");
    }

    @Test
    void invalidStringsAreCorrupt() {
        int docs = Reseal.payload(snapshot, SectionIds.DOCUMENTS);
        int text = docs + 12;
        // "d" + U+1F600 + "0": a 4-byte sequence at text + 1.
        assertEquals((byte) 0xF0, snapshot[text + 1]);
        rejects(s -> s[text + 1] = (byte) 0xF8, "a byte that starts no sequence");
        rejects(s -> s[text + 2] = 0x41, "a sequence cut short");
        rejects(s -> s[text] = (byte) 0x80, "a continuation byte first");
        rejects(s -> {
            s[text + 1] = (byte) 0xF0;
            s[text + 2] = (byte) 0x80;
        }, "an overlong 4-byte sequence");
        rejects(s -> s[text + 1] = (byte) 0xF4, "a code point above U+10FFFF");
    }

    private TeaVecException rejects(Consumer<byte[]> tamper, String what) {
        byte[] s = snapshot.clone();
        tamper.accept(s);
        Reseal.crcs(s);
        TeaVecException[] thrown = new TeaVecException[1];
        long allocated = allocatedBy(() -> thrown[0] = assertThrows(TeaVecException.class,
                () -> IndexSnapshot.decodeDatabase(SnapshotBytes.of(s), SnapshotLimits.withBudget(16 << 20, 0)), what));
        TeaVecException e = thrown[0];
        assertEquals(ErrorCode.CORRUPT_SNAPSHOT, e.code(), what + ": " + e.getMessage());
        assertTrue(allocated < validDecode + ALLOCATION_LIMIT, what + ": allocated " + allocated + " bytes before failing, "
                + validDecode + " decode the valid snapshot (" + e.getMessage() + ")");
        return e;
    }

    private static long allocatedBy(Runnable action) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        action.run();
        return mx.getCurrentThreadAllocatedBytes() - before;
    }
}
