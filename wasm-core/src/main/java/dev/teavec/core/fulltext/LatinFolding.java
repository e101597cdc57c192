package dev.teavec.core.fulltext;

/**
 * Folds a lower-cased code point to the letters a search box user types: accents and diacritics
 * off ("é" and "e" + U+0301 both become "e"), ligatures spelled out ("æ" → "ae", "ß" → "ss"),
 * Greek tonos off and final sigma to sigma, Cyrillic "ё" → "е", full-width ASCII to ASCII.
 *
 * <p>A table, not Unicode decomposition: TeaVM has no {@code java.text.Normalizer}, and the table
 * covers Latin-1, Latin Extended-A and the Romanian comma letters in a few hundred bytes. Other
 * scripts pass unchanged (the same text folds the same way in documents and queries, so they are
 * still found; only their accent-less spellings are not).
 */
final class LatinFolding {
    /** U+00C0..U+017F: the base letter, a digit naming a two-letter expansion, or ' ' for "unchanged". */
    private static final String TABLE =
            "aaaaaa1ceeeeiiiidnooooo ouuuuy23"
            + "aaaaaa1ceeeeiiiidnooooo ouuuuy2y"
            + "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii44jjkkkllllllllllnnnnnnnnnoooooo55rrrrrrsssssssstttttt"
            + "uuuuuuuuuuuuwwyyyzzzzzzs";
    private static final String[] EXPANSIONS = {"ae", "th", "ss", "ij", "oe"};
    private static final int TABLE_START = 0xC0;

    private LatinFolding() {
    }

    /** Combining diacritical marks (U+0300..U+036F): dropped inside words, so decomposed text folds like composed. */
    static boolean isCombiningDiacritic(int cp) {
        return cp >= 0x300 && cp <= 0x36F;
    }

    /** Appends the folded form of {@code cp} (already lower-cased). */
    static void append(int cp, StringBuilder out) {
        if (cp < TABLE_START) {
            out.append((char) cp);
            return;
        }
        int at = cp - TABLE_START;
        if (at < TABLE.length()) {
            char c = TABLE.charAt(at);
            if (c == ' ') {
                out.append((char) cp);
            } else if (c >= '1' && c <= '5') {
                out.append(EXPANSIONS[c - '1']);
            } else {
                out.append(c);
            }
            return;
        }
        out.appendCodePoint(foldOther(cp));
    }

    private static int foldOther(int cp) {
        switch (cp) {
            case 0x219: // ș
                return 's';
            case 0x21B: // ț
                return 't';
            case 0x3AC: // ά
                return 0x3B1;
            case 0x3AD: // έ
                return 0x3B5;
            case 0x3AE: // ή
                return 0x3B7;
            case 0x3AF: // ί
            case 0x3CA: // ϊ
            case 0x390: // ΐ
                return 0x3B9;
            case 0x3CC: // ό
                return 0x3BF;
            case 0x3CD: // ύ
            case 0x3CB: // ϋ
            case 0x3B0: // ΰ
                return 0x3C5;
            case 0x3CE: // ώ
                return 0x3C9;
            case 0x3C2: // final sigma
                return 0x3C3;
            case 0x451: // ё
                return 0x435;
            default:
                // Full-width ASCII letters and digits (lower-cased already) to ASCII.
                if ((cp >= 0xFF41 && cp <= 0xFF5A) || (cp >= 0xFF10 && cp <= 0xFF19)) {
                    return cp - 0xFEE0;
                }
                return cp;
        }
    }
}
