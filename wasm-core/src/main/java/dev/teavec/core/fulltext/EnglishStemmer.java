package dev.teavec.core.fulltext;

/**
 * The Porter2 ("Snowball English") stemmer of M. F. Porter, written from the published algorithm
 * (snowballstem.org/algorithms/english/stemmer.html): "connections", "connected", "connecting" →
 * "connect". Only words of ASCII letters a-z are stemmed (after {@link Tokenizer} folding); others,
 * such as "mp3" or Cyrillic words, are returned unchanged. Apostrophes were already removed by the
 * tokenizer, so the algorithm's step 0 has nothing to do.
 *
 * <p>Terms: R1 is the region after the first non-vowel that follows a vowel, R2 the same inside R1;
 * a "short syllable" ends the word as non-vowel, vowel, non-vowel (not w, x or Y), or is a vowel then
 * a non-vowel at the start; 'Y' marks a consonant y. Each step looks for its longest matching suffix
 * and then applies that suffix's condition only (a failed condition does not try shorter suffixes).
 */
final class EnglishStemmer {
    private static final String[] EXCEPTIONS = {
        "skis", "ski", "skies", "sky", "dying", "die", "lying", "lie", "tying", "tie",
        "idly", "idl", "gently", "gentl", "ugly", "ugli", "early", "earli", "only", "onli", "singly", "singl",
        "sky", "sky", "news", "news", "howe", "howe", "atlas", "atlas", "cosmos", "cosmos", "bias", "bias",
        "andes", "andes",
    };
    private static final String[] AFTER_STEP_1A = {
        "inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed",
    };
    private static final String[] R1_PREFIXES = {"gener", "commun", "arsen"};
    private static final String[] STEP_2 = {
        "tional", "tion", "enci", "ence", "anci", "ance", "abli", "able", "entli", "ent", "izer", "ize",
        "ization", "ize", "ational", "ate", "ation", "ate", "ator", "ate", "alism", "al", "aliti", "al",
        "alli", "al", "fulness", "ful", "ousli", "ous", "ousness", "ous", "iveness", "ive", "iviti", "ive",
        "biliti", "ble", "bli", "ble", "ogi", "og", "fulli", "ful", "lessli", "less", "li", "",
    };
    private static final String[] STEP_3 = {
        "tional", "tion", "ational", "ate", "alize", "al", "icate", "ic", "iciti", "ic", "ical", "ic",
        "ful", "", "ness", "", "ative", "",
    };
    private static final String[] STEP_4 = {
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate", "iti",
        "ous", "ive", "ize", "ion",
    };

    private final StringBuilder w = new StringBuilder();
    private int r1;
    private int r2;

    /** The stem of {@code word} (lower case, as the tokenizer emits it). */
    String stem(String word) {
        if (word.length() <= 2 || !isAsciiLetters(word)) {
            return word;
        }
        for (int i = 0; i < EXCEPTIONS.length; i += 2) {
            if (EXCEPTIONS[i].equals(word)) {
                return EXCEPTIONS[i + 1];
            }
        }
        w.setLength(0);
        w.append(word);
        boolean marked = markConsonantY();
        markRegions();
        step1a();
        if (!isOneOf(AFTER_STEP_1A)) {
            step1b();
            step1c();
            step2();
            step3();
            step4();
            step5();
        }
        if (marked) {
            for (int i = 0; i < w.length(); i++) {
                if (w.charAt(i) == 'Y') {
                    w.setCharAt(i, 'y');
                }
            }
        }
        return w.toString();
    }

    private static boolean isAsciiLetters(String word) {
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c < 'a' || c > 'z') {
                return false;
            }
        }
        return true;
    }

    /** Initial y, and y after a vowel, are consonants: written 'Y' until the end. */
    private boolean markConsonantY() {
        boolean marked = false;
        for (int i = 0; i < w.length(); i++) {
            if (w.charAt(i) == 'y' && (i == 0 || isVowel(w.charAt(i - 1)))) {
                w.setCharAt(i, 'Y');
                marked = true;
            }
        }
        return marked;
    }

    private void markRegions() {
        r1 = -1;
        for (String prefix : R1_PREFIXES) {
            if (startsWith(prefix)) {
                r1 = prefix.length();
                break;
            }
        }
        if (r1 < 0) {
            r1 = regionAfter(0);
        }
        r2 = regionAfter(r1);
    }

    /** The position after the first non-vowel that follows a vowel, at or after {@code from}. */
    private int regionAfter(int from) {
        for (int i = from + 1; i < w.length(); i++) {
            if (!isVowel(w.charAt(i)) && isVowel(w.charAt(i - 1))) {
                return i + 1;
            }
        }
        return w.length();
    }

    private void step1a() {
        if (endsWith("sses")) {
            w.setLength(w.length() - 2);
        } else if (endsWith("ied") || endsWith("ies")) {
            w.setLength(w.length() - 3);
            w.append(w.length() > 1 ? "i" : "ie");
        } else if (endsWith("us") || endsWith("ss")) {
            return;
        } else if (endsWith("s")) {
            if (hasVowel(0, w.length() - 2)) {
                w.setLength(w.length() - 1);
            }
        }
    }

    private void step1b() {
        int len = w.length();
        String suffix = longest("eedly", "ingly", "edly", "eed", "ing", "ed");
        if (suffix == null) {
            return;
        }
        if (suffix.startsWith("eed")) {
            if (len - suffix.length() >= r1) {
                w.setLength(len - suffix.length() + 2);
            }
            return;
        }
        int stemEnd = len - suffix.length();
        if (!hasVowel(0, stemEnd)) {
            return;
        }
        w.setLength(stemEnd);
        if (endsWith("at") || endsWith("bl") || endsWith("iz")) {
            w.append('e');
        } else if (endsInDouble()) {
            w.setLength(stemEnd - 1);
        } else if (r1 >= stemEnd && endsInShortSyllable(stemEnd)) {
            w.append('e');
        }
    }

    private void step1c() {
        int len = w.length();
        if (len > 2) {
            char last = w.charAt(len - 1);
            if ((last == 'y' || last == 'Y') && !isVowel(w.charAt(len - 2))) {
                w.setCharAt(len - 1, 'i');
            }
        }
    }

    private void step2() {
        int i = longestIn(STEP_2);
        if (i < 0 || !inR1(STEP_2[i])) {
            return;
        }
        String suffix = STEP_2[i];
        int stemEnd = w.length() - suffix.length();
        if (suffix.equals("ogi")) {
            if (stemEnd > 0 && w.charAt(stemEnd - 1) == 'l') {
                replace(suffix, "og");
            }
        } else if (suffix.equals("li")) {
            if (stemEnd > 0 && "cdeghkmnrt".indexOf(w.charAt(stemEnd - 1)) >= 0) {
                w.setLength(stemEnd);
            }
        } else {
            replace(suffix, STEP_2[i + 1]);
        }
    }

    private void step3() {
        int i = longestIn(STEP_3);
        if (i < 0 || !inR1(STEP_3[i])) {
            return;
        }
        if (STEP_3[i].equals("ative") && !inR2(STEP_3[i])) {
            return;
        }
        replace(STEP_3[i], STEP_3[i + 1]);
    }

    private void step4() {
        String suffix = null;
        for (String s : STEP_4) {
            if (endsWith(s) && (suffix == null || s.length() > suffix.length())) {
                suffix = s;
            }
        }
        if (suffix == null || !inR2(suffix)) {
            return;
        }
        int stemEnd = w.length() - suffix.length();
        if (suffix.equals("ion")) {
            if (stemEnd > 0 && (w.charAt(stemEnd - 1) == 's' || w.charAt(stemEnd - 1) == 't')) {
                w.setLength(stemEnd);
            }
        } else {
            w.setLength(stemEnd);
        }
    }

    private void step5() {
        int len = w.length();
        if (endsWith("e")) {
            if (len - 1 >= r2 || (len - 1 >= r1 && !endsInShortSyllable(len - 1))) {
                w.setLength(len - 1);
            }
        } else if (endsWith("l")) {
            if (len - 1 >= r2 && len >= 2 && w.charAt(len - 2) == 'l') {
                w.setLength(len - 1);
            }
        }
    }

    /** Whether w[0, end) ends in a short syllable. */
    private boolean endsInShortSyllable(int end) {
        if (end == 2) {
            return isVowel(w.charAt(0)) && !isVowel(w.charAt(1));
        }
        if (end < 3) {
            return false;
        }
        char c = w.charAt(end - 1);
        return !isVowel(w.charAt(end - 3)) && isVowel(w.charAt(end - 2)) && !isVowel(c)
                && c != 'w' && c != 'x' && c != 'Y';
    }

    private boolean endsInDouble() {
        int len = w.length();
        if (len < 2) {
            return false;
        }
        char c = w.charAt(len - 1);
        return c == w.charAt(len - 2) && "bdfgmnprt".indexOf(c) >= 0;
    }

    private boolean hasVowel(int from, int to) {
        for (int i = from; i < to; i++) {
            if (isVowel(w.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isVowel(char c) {
        return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
    }

    /** Index of the longest suffix among the even entries of a (suffix, replacement) table, or -1. */
    private int longestIn(String[] table) {
        int best = -1;
        for (int i = 0; i < table.length; i += 2) {
            if (endsWith(table[i]) && (best < 0 || table[i].length() > table[best].length())) {
                best = i;
            }
        }
        return best;
    }

    private String longest(String... suffixes) {
        for (String s : suffixes) {
            if (endsWith(s)) {
                return s; // listed longest first
            }
        }
        return null;
    }

    private boolean inR1(String suffix) {
        return w.length() - suffix.length() >= r1;
    }

    private boolean inR2(String suffix) {
        return w.length() - suffix.length() >= r2;
    }

    private void replace(String suffix, String replacement) {
        w.setLength(w.length() - suffix.length());
        w.append(replacement);
    }

    private boolean endsWith(String suffix) {
        int off = w.length() - suffix.length();
        if (off < 0) {
            return false;
        }
        for (int i = 0; i < suffix.length(); i++) {
            if (w.charAt(off + i) != suffix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean startsWith(String prefix) {
        if (w.length() < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (w.charAt(i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean isOneOf(String[] words) {
        for (String s : words) {
            if (s.length() == w.length() && startsWith(s)) {
                return true;
            }
        }
        return false;
    }
}
