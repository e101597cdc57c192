package dev.teavec.core.codec;

/**
 * Strings in snapshots: a u32 byte length, then the UTF-16 text in WTF-8, i.e. UTF-8 that also
 * encodes a lone surrogate (which JavaScript strings, and so keys, documents and metadata, may hold)
 * as its 3-byte sequence. Every Java string round-trips exactly. The decoder accepts only the one
 * encoding the encoder writes: no overlong forms, nothing above U+10FFFF, and no surrogate pair
 * written as two 3-byte sequences (a pair is one 4-byte sequence). Our own, so the .wasm carries no
 * charset tables.
 */
final class Wtf8 {
    private Wtf8() {
    }

    /** Bytes {@link #write} takes for {@code s}: the length field and the text. */
    static long size(String s) {
        return 4 + textBytes(s);
    }

    static int textBytes(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (isPair(s, i)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    private static boolean isPair(String s, int i) {
        return isHigh(s.charAt(i)) && i + 1 < s.length() && isLow(s.charAt(i + 1));
    }

    private static boolean isHigh(int c) {
        return c >= 0xD800 && c <= 0xDBFF;
    }

    private static boolean isLow(int c) {
        return c >= 0xDC00 && c <= 0xDFFF;
    }

    static void write(SnapshotWriter out, String s) {
        out.i32(textBytes(s));
        writeText(out, s);
    }

    static void writeText(SnapshotWriter out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out.u8(c);
            } else if (c < 0x800) {
                out.u8(0xC0 | c >> 6);
                out.u8(0x80 | c & 0x3F);
            } else if (isPair(s, i)) {
                int cp = ((c - 0xD800) << 10) + (s.charAt(++i) - 0xDC00) + 0x10000;
                out.u8(0xF0 | cp >> 18);
                out.u8(0x80 | cp >> 12 & 0x3F);
                out.u8(0x80 | cp >> 6 & 0x3F);
                out.u8(0x80 | cp & 0x3F);
            } else {
                out.u8(0xE0 | c >> 12);
                out.u8(0x80 | c >> 6 & 0x3F);
                out.u8(0x80 | c & 0x3F);
            }
        }
    }

    /**
     * Reads a length-prefixed string of {@code minChars..maxChars} UTF-16 units, charging the decode
     * budget before allocating. Failures name it "{@code what} of id {@code id}" ({@code id} < 0: no id).
     */
    static String read(SnapshotReader in, int minChars, int maxChars, DecodeBudget budget, String what, int id) {
        int at = in.position();
        int len = readLength(in, maxChars, budget, what);
        int off = SnapshotBytes.offsetIn(in.position());
        byte[] chunk = inPlace(in, len, what);
        if (chunk != null) {
            return decode(in, chunk, off, len, minChars, maxChars, at, what, id);
        }
        byte[] raw = new byte[len];
        in.readBytes(raw, 0, len, what);
        return decode(in, raw, 0, len, minChars, maxChars, at, what, id);
    }

    /**
     * The chunk holding all {@code len} bytes at the reader's position (from {@code SnapshotBytes.offsetIn} of
     * it), which the reader then passes; null, passing nothing, when they span two chunks or {@code len} is 0.
     * Strings are read where they lie when they lie in one chunk (nearly always): no copy per key or document.
     */
    static byte[] inPlace(SnapshotReader in, int len, String what) {
        byte[] chunk = len > 0 ? in.bytes().chunkAt(in.position()) : null;
        if (chunk == null || chunk.length - SnapshotBytes.offsetIn(in.position()) < len) {
            return null;
        }
        in.skip(len, what);
        return chunk;
    }

    /**
     * Reads the byte length of a string of at most {@code maxChars} UTF-16 units and charges the decode budget for
     * it; its bytes, all present, follow at {@code in.position()}.
     */
    static int readLength(SnapshotReader in, int maxChars, DecodeBudget budget, String what) {
        int at = in.position();
        // Each UTF-16 unit takes at most 3 bytes, so longer texts are refused before anything is read.
        int len = in.count("string length", 0, (int) Math.min(Integer.MAX_VALUE, 3L * maxChars), 1);
        budget.charge(3L * len + 32, what, at);
        in.need(len, what);
        return len;
    }

    /** Decodes {@code raw[0..len)}; failures are reported at {@code at} (the string's start). */
    static String decode(SnapshotReader in, byte[] raw, int len, int minChars, int maxChars, int at, String what, int id) {
        return decode(in, raw, 0, len, minChars, maxChars, at, what, id);
    }

    /** Decodes {@code raw[off..off + len)}; failures are reported at {@code at} (the string's start). */
    private static String decode(SnapshotReader in, byte[] raw, int off, int len, int minChars, int maxChars, int at,
            String what, int id) {
        char[] out = new char[len];
        int n = checkedUnits(in, raw, off, len, minChars, maxChars, at, what, id, out);
        return new String(out, 0, n);
    }

    /**
     * The UTF-16 length of the WTF-8 {@code raw[off..off + len)}, which must be {@code minChars..maxChars}
     * units; writes the units to {@code out} unless it is null (a check that builds no String). Failures
     * are reported at {@code at} (the string's start), naming "{@code what} of id {@code id}".
     */
    static int checkedUnits(SnapshotReader in, byte[] raw, int off, int len, int minChars, int maxChars, int at,
            String what, int id, char[] out) {
        int n = units(raw, off, len, out);
        if (n < 0) {
            throw in.corrupt(at, label(what, id) + " is not valid WTF-8 (its byte " + ~n + ")");
        }
        if (n < minChars || n > maxChars) {
            throw in.corrupt(at, label(what, id) + " has " + n + " characters, expected " + minChars + ".." + maxChars);
        }
        return n;
    }

    /**
     * The number of UTF-16 units the WTF-8 {@code raw[off..off + len)} decodes to (written to {@code out}
     * unless it is null), or {@code ~i} when its byte {@code i} starts what the encoder would not have written.
     */
    static int units(byte[] raw, int off, int len, char[] out) {
        int n = 0;
        int last = 0;
        int i = 0;
        while (i < len) {
            int b = raw[off + i] & 0xFF;
            int size = b < 0x80 ? 1 : b < 0xC2 ? 0 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : b < 0xF5 ? 4 : 0;
            boolean bad = size == 0 || i + size > len;
            int cp = size == 1 ? b : b & (0xFF >> (size + 1));
            for (int k = 1; k < size && !bad; k++) {
                int c = raw[off + i + k] & 0xFF;
                bad = (c & 0xC0) != 0x80;
                cp = cp << 6 | c & 0x3F;
            }
            boolean overlong = size == 3 ? cp < 0x800 : size == 4 && cp < 0x10000;
            // A high surrogate just decoded came alone (a 4-byte sequence ends in a low one): a low one
            // right after it is a pair that should have been one 4-byte sequence.
            boolean splitPair = size == 3 && isLow(cp) && isHigh(last);
            if (bad || overlong || cp > 0x10FFFF || splitPair) {
                return ~i;
            }
            if (cp >= 0x10000) {
                last = 0xDC00 | cp & 0x3FF;
                if (out != null) {
                    out[n] = (char) (0xD7C0 + (cp >> 10));
                    out[n + 1] = (char) last;
                }
                n += 2;
            } else {
                last = cp;
                if (out != null) {
                    out[n] = (char) cp;
                }
                n++;
            }
            i += size;
        }
        return n;
    }

    static String label(String what, int id) {
        return id < 0 ? what : what + " of id " + id;
    }
}
