package dev.teavec.core.fulltext;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;

/** Reads what {@link ByteWriter} wrote, trusting nothing: every failure is CORRUPT_SNAPSHOT with the byte offset. */
final class ByteReader {
    private final byte[] bytes;
    private int position;

    ByteReader(byte[] bytes) {
        this.bytes = bytes;
    }

    int position() {
        return position;
    }

    int remaining() {
        return bytes.length - position;
    }

    TeaVecException corrupt(int at, String problem) {
        return new TeaVecException(ErrorCode.CORRUPT_SNAPSHOT, "full-text index: " + problem + " (at byte " + at + ")");
    }

    int u8(String what) {
        if (position >= bytes.length) {
            throw corrupt(position, "ends before " + what);
        }
        return bytes[position++] & 0xFF;
    }

    /** A shortest-form varint of at most 5 bytes in [min, max]. */
    int varint(String what, int min, int max) {
        int at = position;
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            int b = u8(what);
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if ((b == 0 && shift > 0) || value < min || value > max) {
                    throw corrupt(at, what + " " + value + " is not a shortest varint in [" + min + ", " + max + "]");
                }
                return (int) value;
            }
            if (shift == 28) {
                throw corrupt(at, what + " is longer than 5 bytes");
            }
        }
    }

    void expectEnd() {
        if (position != bytes.length) {
            throw corrupt(position, (bytes.length - position) + " bytes follow the end");
        }
    }
}
