package dev.teavec.core.fulltext;

import java.util.Arrays;

/** A growable byte array written with unsigned LEB128 varints and UTF-8. */
final class ByteWriter {
    private byte[] bytes = new byte[256];
    private int size;

    void u8(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
    }

    /** Unsigned LEB128: 7 bits a byte, low first; 1 byte below 128, at most 5. */
    void varint(int value) {
        assert value >= 0 : "varints here are non-negative: " + value;
        ensure(5);
        while (value >= 0x80) {
            bytes[size++] = (byte) (value | 0x80);
            value >>>= 7;
        }
        bytes[size++] = (byte) value;
    }

    void bytes(byte[] src, int from, int length) {
        ensure(length);
        System.arraycopy(src, from, bytes, size, length);
        size += length;
    }

    byte[] toArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(size + more, bytes.length * 2));
        }
    }

    /** UTF-8 of a string of valid UTF-16 (terms never hold lone surrogates). */
    static byte[] utf8(String s) {
        ByteWriter out = new ByteWriter();
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) {
                out.u8(cp);
            } else if (cp < 0x800) {
                out.u8(0xC0 | (cp >> 6));
                out.u8(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                out.u8(0xE0 | (cp >> 12));
                out.u8(0x80 | ((cp >> 6) & 0x3F));
                out.u8(0x80 | (cp & 0x3F));
            } else {
                out.u8(0xF0 | (cp >> 18));
                out.u8(0x80 | ((cp >> 12) & 0x3F));
                out.u8(0x80 | ((cp >> 6) & 0x3F));
                out.u8(0x80 | (cp & 0x3F));
            }
        }
        return out.toArray();
    }
}
