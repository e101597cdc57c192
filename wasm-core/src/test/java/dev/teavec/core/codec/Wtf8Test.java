package dev.teavec.core.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Strings in snapshots: every UTF-16 string round-trips; well-formed ones as the JDK's UTF-8; only canonical bytes decode. */
class Wtf8Test {
    private static final long SEED = 20261121L;

    private static byte[] encode(String s) {
        SectionPayload p = new SectionPayload() {
            public int id() { return 99; }
            public int version() { return 1; }
            public boolean optional() { return true; }
            public long size() { return Wtf8.size(s); }
            public void write(SnapshotWriter out) { Wtf8.write(out, s); }
        };
        byte[] all = SnapshotWriter.encode(SnapshotWriter.KIND_INDEX, new SectionPayload[] {p}).toArray();
        return java.util.Arrays.copyOfRange(all, SnapshotWriter.HEADER_BYTES + SnapshotWriter.FRAME_BYTES + 4, all.length);
    }

    private static String decode(byte[] text) {
        SnapshotReader in = new SnapshotReader(SnapshotBytes.of(text), 0, text.length, "test");
        return Wtf8.decode(in, text, text.length, 0, Integer.MAX_VALUE, 0, "string", -1);
    }

    @Test
    void everyStringRoundTripsAndWellFormedOnesAreUtf8() {
        SplittableRandom random = new SplittableRandom(SEED);
        char[] pool = {'a', 'Z', '\0', '\u007f', '\u0080', '\u07ff', '\u0800', '\u00e9', '\uffff',
            '\ud800', '\udbff', '\udc00', '\udfff'};
        for (int n = 0; n < 20000; n++) {
            char[] c = new char[random.nextInt(12)];
            for (int i = 0; i < c.length; i++) {
                c[i] = random.nextBoolean() ? pool[random.nextInt(pool.length)] : (char) random.nextInt(0x10000);
            }
            String s = new String(c);
            byte[] bytes = encode(s);
            assertEquals(Wtf8.textBytes(s), bytes.length, "seed " + SEED + ": length of " + n);
            assertEquals(s, decode(bytes), "seed " + SEED + ": string " + n);
            if (s.equals(new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))) {
                assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), bytes, "seed " + SEED + ": UTF-8 of " + n);
            }
        }
    }

    @Test
    void onlyTheCanonicalEncodingDecodes() {
        int[][] bad = {
            {0x80}, {0xBF}, {0xC0, 0x80}, {0xC1, 0xBF}, {0xE0, 0x9F, 0xBF}, {0xF0, 0x8F, 0xBF, 0xBF},
            {0xF4, 0x90, 0x80, 0x80}, {0xF5, 0x80, 0x80, 0x80}, {0xFF}, {0xE2, 0x82}, {0xF0, 0x9F, 0x98},
            {0xC3, 0x41}, {0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80}, // U+1F600 as two 3-byte surrogates
        };
        for (int[] b : bad) {
            byte[] bytes = new byte[b.length];
            for (int i = 0; i < b.length; i++) {
                bytes[i] = (byte) b[i];
            }
            TeaVecException e = assertThrows(TeaVecException.class, () -> decode(bytes), java.util.Arrays.toString(b));
            assertEquals(ErrorCode.CORRUPT_SNAPSHOT, e.code());
        }
        assertEquals("\ud800", decode(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}), "a lone surrogate");
        byte[] lowThenHigh = {(byte) 0xED, (byte) 0xB0, (byte) 0x80, (byte) 0xED, (byte) 0xA0, (byte) 0x80};
        assertEquals("\udc00\ud800", decode(lowThenHigh), "a low surrogate before a high one is no pair");
    }
}
