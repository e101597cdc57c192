package dev.teavec.core.codec;

/**
 * The snapshot's string encoding ({@link Wtf8}: UTF-8 that also carries lone surrogates) over plain
 * byte arrays, for formats outside the snapshot codec (the write-ahead log). Decoding is the snapshot
 * decoder's own, so both accept exactly the same bytes; {@code Wtf8TextTest} checks that the encoder
 * writes what {@code Wtf8.writeText} writes.
 */
public final class Wtf8Text {
    private Wtf8Text() {
    }

    /** Bytes the text of {@code s} takes (no length prefix). */
    public static int byteLength(String s) {
        return Wtf8.textBytes(s);
    }

    /** Writes the text of {@code s} at {@code dst[off]}; returns the offset after it. */
    public static int encode(String s, byte[] dst, int off) {
        int p = off;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                dst[p++] = (byte) c;
            } else if (c < 0x800) {
                dst[p++] = (byte) (0xC0 | c >> 6);
                dst[p++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                dst[p++] = (byte) (0xF0 | cp >> 18);
                dst[p++] = (byte) (0x80 | cp >> 12 & 0x3F);
                dst[p++] = (byte) (0x80 | cp >> 6 & 0x3F);
                dst[p++] = (byte) (0x80 | cp & 0x3F);
            } else {
                dst[p++] = (byte) (0xE0 | c >> 12);
                dst[p++] = (byte) (0x80 | c >> 6 & 0x3F);
                dst[p++] = (byte) (0x80 | c & 0x3F);
            }
        }
        return p;
    }

    /** The UTF-16 length of the text {@code src[off..off+len)}, or a negative number when it is not one {@link #encode} writes. */
    public static int units(byte[] src, int off, int len) {
        return Wtf8.units(src, off, len, null);
    }

    /**
     * The text of {@code src[off..off+len)}, of {@code minChars..maxChars} UTF-16 units; CORRUPT_SNAPSHOT
     * (naming {@code what}) for anything the encoder would not have written.
     */
    public static String decode(byte[] src, int off, int len, int minChars, int maxChars, String what) {
        byte[] raw = new byte[len];
        System.arraycopy(src, off, raw, 0, len);
        SnapshotReader at = new SnapshotReader(SnapshotBytes.of(raw), 0, len, what);
        return Wtf8.decode(at, raw, len, minChars, maxChars, off, what, -1);
    }
}
