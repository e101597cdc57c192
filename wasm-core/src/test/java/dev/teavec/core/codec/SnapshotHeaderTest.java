package dev.teavec.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.index.IndexTypes;
import dev.teavec.core.index.VectorIndex;
import dev.teavec.core.vector.Metric;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The header checked from its 24 bytes and the snapshot's length alone, as a full decode checks it. */
class SnapshotHeaderTest {
    private static byte[] snapshot() {
        VectorIndex index = IndexTypes.BUILT_IN.create(IndexConfig.builder(2, Metric.L2).indexType(IndexTypes.FLAT).build());
        index.add(new float[] {1, 2});
        return IndexSnapshot.encodeToArray(index);
    }

    private static String refused(byte[] head, int length) {
        TeaVecException e = assertThrows(TeaVecException.class, () -> SnapshotHeader.check(head, length));
        assertEquals(ErrorCode.CORRUPT_SNAPSHOT, e.code());
        return e.getMessage();
    }

    @Test
    void aValidHeaderPassesOnItsOwnBytes() {
        byte[] s = snapshot();
        SnapshotHeader.check(Arrays.copyOf(s, SnapshotHeader.BYTES), s.length);
    }

    @Test
    void refusesWhatAFullDecodeRefusesOnTheHeader() {
        byte[] s = snapshot();
        byte[] head = Arrays.copyOf(s, SnapshotHeader.BYTES);
        assertTrue(refused(new byte[SnapshotHeader.BYTES], 1 << 30).contains("not a TeaVec snapshot"));
        assertTrue(refused(Arrays.copyOf(s, 10), 10).contains("starts with a 24-byte header, got 10 bytes"));
        String padded = refused(head, 1 << 30);
        assertTrue(padded.contains("the header says " + s.length + " bytes, " + (1 << 30) + " are present"), padded);
        assertEquals(padded, assertThrows(TeaVecException.class,
                () -> IndexSnapshot.decode(Arrays.copyOf(s, 1 << 20))).getMessage().replace(String.valueOf(1 << 20),
                        String.valueOf(1 << 30)), "the same message as a full decode");
        byte[] damaged = head.clone();
        damaged[13] ^= 1;
        assertTrue(refused(damaged, s.length).contains("header CRC32 mismatch"));
    }
}
