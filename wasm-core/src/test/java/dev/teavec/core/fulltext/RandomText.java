package dev.teavec.core.fulltext;

import java.util.Random;

/** Seeded documents and queries over a small Zipf-like vocabulary, so that terms repeat across documents. */
final class RandomText {
    private static final String[] WORDS = {
        "the", "a", "of", "fox", "foxes", "jumping", "jumps", "jumped", "dog", "dogs", "lazy", "brown",
        "quick", "river", "rivers", "Crème", "creme", "brûlée", "Straße", "strasse", "東京", "москва", "Москвы",
        "E1234", "xj-900", "carpenter's", "carpenters", "connection", "connected", "connecting", "generous",
        "wood", "woods", "cutting", "cut", "saw", "adze", "tool", "tools", "!!", "3.14", "snake_case",
    };
    private final Random rnd;

    RandomText(Random rnd) {
        this.rnd = rnd;
    }

    private String word() {
        // Squaring a uniform draw skews towards the start of the list: a few common words, many rare ones.
        double u = rnd.nextDouble();
        return WORDS[(int) (u * u * WORDS.length)];
    }

    String document() {
        int n = rnd.nextInt(8) == 0 ? 0 : 1 + rnd.nextInt(rnd.nextBoolean() ? 6 : 40);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : rnd.nextBoolean() ? " " : ", ").append(word());
        }
        return sb.toString();
    }

    String query() {
        int n = 1 + rnd.nextInt(4);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : " ").append(rnd.nextInt(5) == 0 ? "unknownword" : word());
        }
        return sb.toString();
    }
}
