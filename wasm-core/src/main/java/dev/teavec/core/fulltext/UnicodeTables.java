package dev.teavec.core.fulltext;

/**
 * Which code points make words, and their lower case, from {@link UnicodeRuns} (generated from the
 * JDK's Character data): about 1.5 KB of tables instead of TeaVM's full Unicode category and case
 * tables, and the same answers on the JVM and in Wasm whatever each runtime's Unicode version.
 * Code points below U+0080 are the tokenizer's own business.
 */
final class UnicodeTables {
    static final int TABLE_START = 0x80;
    /** Starts of the alternating not-word / word runs; a code point is a word character in odd runs. */
    private static final int[] WORD_STARTS;
    private static final int[] LOWER_STARTS;
    private static final int[] LOWER_LENGTHS;
    private static final int[] LOWER_DELTAS;
    private static final int[] LOWER_STRIDES;

    static {
        int[] word = decode(UnicodeRuns.WORD);
        WORD_STARTS = new int[word.length + 1];
        WORD_STARTS[0] = TABLE_START;
        for (int i = 0; i < word.length; i++) {
            WORD_STARTS[i + 1] = WORD_STARTS[i] + word[i];
        }
        int[] lower = decode(UnicodeRuns.LOWER);
        int runs = lower.length / 4;
        LOWER_STARTS = new int[runs];
        LOWER_LENGTHS = new int[runs];
        LOWER_DELTAS = new int[runs];
        LOWER_STRIDES = new int[runs];
        int end = TABLE_START;
        for (int r = 0; r < runs; r++) {
            int start = end + lower[4 * r];
            int zigzag = lower[4 * r + 2];
            LOWER_STARTS[r] = start;
            LOWER_LENGTHS[r] = lower[4 * r + 1];
            LOWER_DELTAS[r] = (zigzag & 1) == 0 ? zigzag >>> 1 : -((zigzag + 1) >>> 1);
            LOWER_STRIDES[r] = lower[4 * r + 3] + 1;
            end = start + (LOWER_LENGTHS[r] - 1) * LOWER_STRIDES[r] + 1;
        }
    }

    private UnicodeTables() {
    }

    /** Letters, decimal digits and marks, for {@code cp >= 0x80}. */
    static boolean isWordChar(int cp) {
        return (lastAtOrBelow(WORD_STARTS, cp) & 1) == 1;
    }

    /** Simple (one code point) lower-case mapping, for {@code cp >= 0x80}. */
    static int toLower(int cp) {
        int r = lastAtOrBelow(LOWER_STARTS, cp);
        if (r < 0) {
            return cp;
        }
        int offset = cp - LOWER_STARTS[r];
        int stride = LOWER_STRIDES[r];
        return offset % stride == 0 && offset / stride < LOWER_LENGTHS[r] ? cp + LOWER_DELTAS[r] : cp;
    }

    /** Index of the last element of the increasing {@code starts} that is <= cp, or -1. */
    private static int lastAtOrBelow(int[] starts, int cp) {
        int lo = 0;
        int hi = starts.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] <= cp) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return hi;
    }

    private static int[] decode(String s) {
        int count = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= ']') {
                count++;
            }
        }
        int[] out = new int[count];
        int n = 0;
        int value = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= ']') {
                out[n++] = (value << 5) | (c - ']');
                value = 0;
            } else {
                value = (value << 5) | (c - '#');
            }
        }
        return out;
    }
}
