package dev.teavec.core.fulltext;

/**
 * Splits text into search terms: maximal runs of Unicode letters, digits and marks, lower-cased and
 * folded ({@link LatinFolding}). Han, Hiragana and Katakana characters are one term each (those scripts put
 * no spaces between words; single characters are what a dictionary-free tokenizer can match). Marks
 * stay in words (they carry vowels in Indic scripts), except the Latin/Greek combining diacritics,
 * which fold away. An apostrophe between two word characters joins them: a trailing
 * possessive "'s" is dropped and other apostrophes are removed ("carpenter's" → "carpenter",
 * "don't" → "dont"). Terms longer than {@link #MAX_TERM_CHARS} UTF-16 units are cut there.
 *
 * <p>Letters, digits, marks and lower case come from {@link UnicodeTables} (generated from the JDK's
 * Character data): TeaVM's own Unicode tables would cost several KB of the shipped module.
 */
final class Tokenizer {
    /** Longer terms are cut: keeps the dictionary bounded against base64 blobs and the like. */
    static final int MAX_TERM_CHARS = 64;

    /** Receives each term in text order. */
    interface Sink {
        void term(String term);
    }

    private Tokenizer() {
    }

    static void tokenize(String text, Sink sink) {
        StringBuilder word = new StringBuilder();
        int n = text.length();
        int i = 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) {
                if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
                    word.append((char) cp);
                } else if (cp >= 'A' && cp <= 'Z') {
                    word.append((char) (cp + 32));
                } else if (cp == '\'' && word.length() > 0 && i < n && isWordStart(text.codePointAt(i))) {
                    word.append('\'');
                } else {
                    flush(word, sink);
                }
            } else if (isIdeograph(cp) && UnicodeTables.isWordChar(cp)) {
                flush(word, sink);
                word.appendCodePoint(cp);
                flush(word, sink);
            } else if (LatinFolding.isCombiningDiacritic(cp) || cp == 0x200C || cp == 0x200D) {
                continue; // folded away, as are zero-width (non-)joiners
            } else if (UnicodeTables.isWordChar(cp)) {
                LatinFolding.append(UnicodeTables.toLower(cp), word);
            } else if (cp == 0x2019 && word.length() > 0 && i < n && isWordStart(text.codePointAt(i))) {
                word.append('\'');
            } else {
                flush(word, sink);
            }
        }
        flush(word, sink);
    }

    private static boolean isWordStart(int cp) {
        return cp < 0x80 ? (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9')
                : UnicodeTables.isWordChar(cp) && !isIdeograph(cp);
    }

    /** CJK ideographs (with extensions and compatibility forms), Hiragana and Katakana. */
    static boolean isIdeograph(int cp) {
        return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x323AF);
    }

    private static void flush(StringBuilder word, Sink sink) {
        int len = word.length();
        if (len == 0) {
            return;
        }
        if (len >= 2 && word.charAt(len - 1) == 's' && word.charAt(len - 2) == '\'') {
            len -= 2;
        }
        String term;
        if (word.indexOf("'") < 0) {
            term = word.substring(0, len);
        } else {
            StringBuilder joined = new StringBuilder(len);
            for (int j = 0; j < len; j++) {
                char c = word.charAt(j);
                if (c != '\'') {
                    joined.append(c);
                }
            }
            term = joined.toString();
        }
        word.setLength(0);
        if (term.length() > MAX_TERM_CHARS) {
            int cut = MAX_TERM_CHARS;
            if (Character.isHighSurrogate(term.charAt(cut - 1))) {
                cut--;
            }
            term = term.substring(0, cut);
        }
        if (!term.isEmpty()) {
            sink.term(term);
        }
    }
}
