package dev.teavec.core.fulltext;

import java.util.ArrayList;
import java.util.List;

/**
 * Text to terms, the same way for documents and queries: {@link Tokenizer} (Unicode words,
 * lower-cased, folded), then optionally the English {@link EnglishStemmer}. An index remembers which
 * analyzer built it (its snapshot stores {@link #flags()}); queries must use the same one.
 */
public final class TextAnalyzer {
    /** Flag bit: English (Porter2) stemming. */
    public static final int FLAG_ENGLISH_STEMMING = 1;
    static final int KNOWN_FLAGS = FLAG_ENGLISH_STEMMING;

    private final boolean englishStemming;
    private final EnglishStemmer stemmer;

    private TextAnalyzer(boolean englishStemming) {
        this.englishStemming = englishStemming;
        this.stemmer = englishStemming ? new EnglishStemmer() : null;
    }

    /** Words as written (folded), in any language. */
    public static TextAnalyzer plain() {
        return new TextAnalyzer(false);
    }

    /** Words reduced to English stems: "running" finds "runs". */
    public static TextAnalyzer english() {
        return new TextAnalyzer(true);
    }

    /** The analyzer that {@link #flags()} describes; unknown bits throw IllegalArgumentException. */
    public static TextAnalyzer ofFlags(int flags) {
        if ((flags & ~KNOWN_FLAGS) != 0) {
            throw new IllegalArgumentException("unknown analyzer flags " + flags);
        }
        return new TextAnalyzer((flags & FLAG_ENGLISH_STEMMING) != 0);
    }

    public boolean englishStemming() {
        return englishStemming;
    }

    public int flags() {
        return englishStemming ? FLAG_ENGLISH_STEMMING : 0;
    }

    /** The terms of {@code text} in order, repeats included. */
    public List<String> terms(String text) {
        List<String> out = new ArrayList<>();
        Tokenizer.tokenize(text, englishStemming ? t -> out.add(stemmer.stem(t)) : out::add);
        return out;
    }
}
