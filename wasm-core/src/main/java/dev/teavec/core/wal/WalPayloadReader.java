package dev.teavec.core.wal;

import dev.teavec.core.codec.Wtf8Text;
import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;

/**
 * A bounds-checked cursor over one record's payload. Every count is checked against what is left
 * before anything is allocated; failures are CORRUPT_SNAPSHOT saying what was wrong, which the log
 * reader turns into a "malformed" cut.
 */
final class WalPayloadReader {
    private final byte[] data;
    private final int end;
    private int pos;

    WalPayloadReader(byte[] data, int start, int end) {
        this.data = data;
        this.pos = start;
        this.end = end;
    }

    TeaVecException malformed(String problem) {
        return new TeaVecException(ErrorCode.CORRUPT_SNAPSHOT, problem);
    }

    int remaining() {
        return end - pos;
    }

    private void need(long n, String what) {
        if (n > end - pos) {
            throw malformed(what + " needs " + n + " bytes, " + (end - pos) + " left in the payload");
        }
    }

    int u8(String what) {
        need(1, what);
        return data[pos++] & 0xFF;
    }

    int u16(String what) {
        need(2, what);
        int v = (data[pos] & 0xFF) | (data[pos + 1] & 0xFF) << 8;
        pos += 2;
        return v;
    }

    int i32(String what) {
        need(4, what);
        return rawI32();
    }

    private int rawI32() {
        int v = (data[pos] & 0xFF) | (data[pos + 1] & 0xFF) << 8 | (data[pos + 2] & 0xFF) << 16 | data[pos + 3] << 24;
        pos += 4;
        return v;
    }

    /** A u32 in {@code min..max} whose elements each take at least {@code bytesEach} of what is left. */
    int count(String what, int min, int max, int bytesEach) {
        int v = i32(what);
        if (v < min || v > max) {
            throw malformed(what + " is " + (v & 0xFFFFFFFFL) + ", expected " + min + ".." + max);
        }
        need((long) bytesEach * v, what + " " + v);
        return v;
    }

    /** A length-prefixed WTF-8 string of {@code minChars..maxChars} UTF-16 units. */
    String text(int minChars, int maxChars, String what) {
        int len = count(what + " length", 0, (int) Math.min(Integer.MAX_VALUE, 3L * maxChars), 0);
        need(len, what);
        String s = Wtf8Text.decode(data, pos, len, minChars, maxChars, what);
        pos += len;
        return s;
    }

    /** {@code len} finite floats into {@code dst[off..]}. */
    void floats(float[] dst, int off, int len, String what) {
        need(4L * len, what);
        for (int i = 0; i < len; i++) {
            int bits = rawI32();
            if ((bits & 0x7F800000) == 0x7F800000) {
                throw malformed(what + " holds a value that is not a finite number");
            }
            dst[off + i] = Float.intBitsToFloat(bits);
        }
    }

    void expectEnd() {
        if (pos != end) {
            throw malformed((end - pos) + " bytes left over after the last field of the payload");
        }
    }
}
