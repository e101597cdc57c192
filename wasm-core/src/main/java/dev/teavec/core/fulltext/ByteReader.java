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

    /** A varint of at most 5 bytes whose value is a non-negative int. */
    int varint(String what) {
        int at = position;
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = u8(what);
            if (shift == 28 && (b & 0xF8) != 0) {
                throw corrupt(at, what + " does not fit an int");
            }
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (b == 0 && shift > 0) {
                    throw corrupt(at, what + " is not written in its shortest form");
                }
                return value;
            }
        }
        throw new AssertionError("unreachable");
    }

    /** A varint in [min, max]. */
    int varint(String what, int min, int max) {
        int at = position;
        int value = varint(what);
        if (value < min || value > max) {
            throw corrupt(at, what + " " + value + " is outside [" + min + ", " + max + "]");
        }
        return value;
    }

    byte[] bytes(int length, String what) {
        if (length > remaining()) {
            throw corrupt(position, what + " needs " + length + " bytes, " + remaining() + " remain");
        }
        byte[] out = new byte[length];
        System.arraycopy(bytes, position, out, 0, length);
        position += length;
        return out;
    }

    void expectEnd() {
        if (position != bytes.length) {
            throw corrupt(position, (bytes.length - position) + " bytes follow the end");
        }
    }

    /** Strict UTF-8 (shortest forms, no surrogates, at most U+10FFFF) to a string. */
    String utf8(byte[] b, int at) {
        StringBuilder out = new StringBuilder(b.length);
        for (int i = 0; i < b.length; ) {
            int c = b[i] & 0xFF;
            int need;
            int cp;
            int min;
            if (c < 0x80) {
                out.append((char) c);
                i++;
                continue;
            } else if (c >= 0xC2 && c <= 0xDF) {
                need = 1;
                cp = c & 0x1F;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                need = 2;
                cp = c & 0x0F;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                need = 3;
                cp = c & 0x07;
                min = 0x10000;
            } else {
                throw corrupt(at + i, "invalid UTF-8 lead byte " + c);
            }
            if (i + need >= b.length) {
                throw corrupt(at + i, "truncated UTF-8 sequence");
            }
            for (int k = 1; k <= need; k++) {
                int cont = b[i + k] & 0xFF;
                if ((cont & 0xC0) != 0x80) {
                    throw corrupt(at + i + k, "invalid UTF-8 continuation byte " + cont);
                }
                cp = (cp << 6) | (cont & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                throw corrupt(at + i, "invalid UTF-8 sequence for U+" + Integer.toHexString(cp));
            }
            out.appendCodePoint(cp);
            i += need + 1;
        }
        return out.toString();
    }
}
