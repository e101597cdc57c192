package dev.teavec.core.wal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import org.junit.jupiter.api.Test;

/** The checkpoint file header round-trips, and any damaged or inconsistent header is CORRUPT_SNAPSHOT. */
class CheckpointHeaderTest {
    @Test
    void roundTripsAndRefusesEveryBitFlip() {
        CheckpointHeader h = new CheckpointHeader(7, (1L << 40) + 3, 1000, 0xCAFEBABE);
        byte[] b = h.encode();
        CheckpointHeader back = CheckpointHeader.decode(b, 1032);
        assertEquals(7, back.generation());
        assertEquals((1L << 40) + 3, back.seq());
        assertEquals(1000, back.length());
        assertEquals(0xCAFEBABE, back.crc());
        for (int i = 0; i < CheckpointHeader.BYTES * 8; i++) {
            byte[] d = b.clone();
            d[i / 8] ^= (byte) (1 << (i % 8));
            TeaVecException e = assertThrows(TeaVecException.class, () -> CheckpointHeader.decode(d, 1032), "bit " + i);
            assertEquals(ErrorCode.CORRUPT_SNAPSHOT, e.code());
        }
    }

    @Test
    void theFileMustHoldExactlyTheAnnouncedSnapshot() {
        byte[] b = new CheckpointHeader(1, 0, 10, 0).encode();
        assertThrows(TeaVecException.class, () -> CheckpointHeader.decode(b, 41));
        assertThrows(TeaVecException.class, () -> CheckpointHeader.decode(b, 43));
        assertThrows(TeaVecException.class, () -> CheckpointHeader.decode(new byte[5], 5));
        assertEquals(10, CheckpointHeader.decode(b, 42).length());
    }
}
