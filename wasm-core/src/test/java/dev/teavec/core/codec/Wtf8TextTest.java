package dev.teavec.core.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The byte-array face of WTF-8 writes exactly what the snapshot writer writes and decodes as its decoder does. */
class Wtf8TextTest {
    private static final long SEED = 20261201L;

    private static byte[] viaSnapshotWriter(String s) {
        SectionPayload p = new SectionPayload() {
            public int id() { return 99; }
            public int version() { return 1; }
            public boolean optional() { return true; }
            public long size() { return Wtf8.size(s); }
            public void write(SnapshotWriter out) { Wtf8.write(out, s); }
        };
        byte[] all = SnapshotWriter.encode(SnapshotWriter.KIND_INDEX, new SectionPayload[] {p}).toArray();
        return Arrays.copyOfRange(all, SnapshotWriter.HEADER_BYTES + SnapshotWriter.FRAME_BYTES + 4, all.length);
    }

    @Test
    void encodesLikeTheSnapshotWriterAndRoundTrips() {
        SplittableRandom random = new SplittableRandom(SEED);
        char[] pool = {'a', 'Z', '\0', '\u007f', '\u0080', '\u07ff', '\u0800', '\u00e9', '\uffff',
            '\ud800', '\udbff', '\udc00', '\udfff'};
        for (int n = 0; n < 20000; n++) {
            char[] c = new char[random.nextInt(12)];
            for (int i = 0; i < c.length; i++) {
                c[i] = random.nextInt(4) == 0 ? (char) random.nextInt(0x10000) : pool[random.nextInt(pool.length)];
            }
            String s = new String(c);
            byte[] expected = viaSnapshotWriter(s);
            byte[] actual = new byte[Wtf8Text.byteLength(s) + 3];
            int end = Wtf8Text.encode(s, actual, 3);
            assertEquals(actual.length, end, "seed " + SEED + ", string " + n);
            assertArrayEquals(expected, Arrays.copyOfRange(actual, 3, end), "seed " + SEED + ", string " + n);
            assertEquals(s, Wtf8Text.decode(actual, 3, end - 3, 0, 100, "s"), "seed " + SEED + ", string " + n);
        }
    }

    @Test
    void refusesWhatTheEncoderNeverWrites() {
        byte[] overlong = {(byte) 0xC0, (byte) 0x80};
        TeaVecException e = assertThrows(TeaVecException.class, () -> Wtf8Text.decode(overlong, 0, 2, 0, 10, "key"));
        assertEquals(ErrorCode.CORRUPT_SNAPSHOT, e.code());
        assertThrows(TeaVecException.class, () -> Wtf8Text.decode(new byte[] {'a', 'b'}, 0, 2, 3, 10, "key"));
    }
}
