package dev.teavec.core.testkit;

import dev.teavec.core.fulltext.Bm25;
import dev.teavec.core.fulltext.InvertedIndex;
import dev.teavec.core.fulltext.InvertedIndexCodec;
import dev.teavec.core.fulltext.RankFusion;
import dev.teavec.core.fulltext.ScoredIds;
import dev.teavec.core.fulltext.TextAnalyzer;
import java.util.List;
import java.util.Random;

/**
 * Full-text checks with fixed expectations and no JVM-only oracle, so that they run under JUnit 5 on
 * the JVM and compiled to Wasm GC (where the class library's Unicode tables are TeaVM's own).
 */
public final class FullTextScenarios {
    private FullTextScenarios() {
    }

    /** Text, then the expected terms joined by '|'. */
    private static final String[][] PLAIN = {
        {"Hello, World!", "hello|world"},
        {"  ", ""},
        {"Crème Brûlée À LA CARTE", "creme|brulee|a|la|carte"},
        {"Cre\u0300me bru\u0302le\u0301e", "creme|brulee"},
        {"Straße Æsir Œuvre Þór ĲSSEL", "strasse|aesir|oeuvre|thor|ijssel"},
        {"Łódź Đakovo Ørsted Ħamrun şi ţară ș ț", "lodz|dakovo|orsted|hamrun|si|tara|s|t"},
        {"ΆΈΉΊΌΎΏ ΣΟΦΟΣ σοφός", "αεηιουω|σοφοσ|σοφοσ"},
        {"Ёлка МОСКВА", "елка|москва"},
        {"ＴｅａＶｅｃ １２３", "teavec|123"},
        {"carpenter's tools don't O'Brien's 'quoted' rock'n'roll", "carpenter|tools|dont|obrien|quoted|rocknroll"},
        {"carpenter’s", "carpenter"},
        {"E1234 part-no XJ-900 3.14 snake_case", "e1234|part|no|xj|900|3|14|snake|case"},
        {"東京タワーtower", "東|京|タ|ワ|ー|tower"},
        {"नमस्ते दुनिया", "नमस्ते|दुनिया"},
        {"emoji 😀 here 𝐁old 𐐀𐐁", "emoji|here|𝐁old|𐐨𐐩"},
        {"İstanbul", "istanbul"},
    };

    public static void tokenizesUnicodeText() {
        TextAnalyzer plain = TextAnalyzer.plain();
        for (String[] row : PLAIN) {
            String got = String.join("|", plain.terms(row[0]));
            Check.isTrue(got.equals(row[1]), "terms of \"" + row[0] + "\": expected " + row[1] + ", got " + got);
        }
        String longWord = "x".repeat(100);
        List<String> cut = plain.terms(longWord + " y");
        Check.equal(2, cut.size(), "terms of a 100-letter word and y");
        Check.equal(64, cut.get(0).length(), "a long term is cut at 64 chars");
    }

    /** Word, stem: from the Snowball site's English sample vocabulary. */
    private static final String[] STEMS = {
        "consign", "consign", "consigned", "consign", "consigning", "consign", "consignment", "consign",
        "consistency", "consist", "consistently", "consist", "consolation", "consol", "consolatory", "consolatori",
        "consolidated", "consolid", "consolingly", "consol", "conspicuously", "conspicu", "conspiracy", "conspiraci",
        "conspirators", "conspir", "constable", "constabl", "constancy", "constanc", "knackeries", "knackeri",
        "kneeling", "kneel", "knightly", "knight", "knitting", "knit", "knives", "knive", "knocker", "knocker",
        "generously", "generous", "skies", "sky", "dying", "die", "news", "news", "succeeded", "succeed",
        "cried", "cri", "ties", "tie", "gaps", "gap", "gas", "gas", "hoping", "hope", "hopping", "hop",
        "mp3s", "mp3s", "running", "run", "runs", "run",
    };

    public static void stemsPublishedExamples() {
        TextAnalyzer english = TextAnalyzer.english();
        for (int i = 0; i < STEMS.length; i += 2) {
            String got = String.join("|", english.terms(STEMS[i]));
            Check.isTrue(got.equals(STEMS[i + 1]), "stem of " + STEMS[i] + ": expected " + STEMS[i + 1] + ", got " + got);
        }
    }

    /**
     * A small index with hand-computed BM25 expectations, churned by seeded changes and checked after
     * each, then saved and loaded: the same answers in Wasm GC as on the JVM.
     */
    public static void indexesSearchesAndRoundTrips(long seed) {
        InvertedIndex ix = new InvertedIndex(TextAnalyzer.english());
        ix.put(0, "The quick brown fox jumps over the lazy dog");
        ix.put(1, "A fox");
        ix.put(2, "Dogs and cats");
        ScoredIds fox = ix.search("foxes", 10, Bm25.DEFAULT, null);
        Check.ids(new int[] {1, 0}, fox.ids(), "fox");
        // N = 3, df = 2: idf = ln(1 + 1.5 / 2.5); doc 1 has 2 terms, avgdl = (9 + 2 + 3) / 3.
        double idf = Math.log(1 + 1.5 / 2.5);
        double norm = 1.2 * (1 - 0.75 + 0.75 * 2 / (14.0 / 3));
        Check.near(idf * 2.2 / (1 + norm), fox.score(0), 1e-5, "BM25 score of doc 1");
        Check.ids(new int[] {0}, ix.search("dog", 10, Bm25.DEFAULT, id -> id != 2).ids(), "filtered dog");

        Random rnd = new Random(seed);
        String[] words = {"fox", "dog", "river", "crème", "东京", "running", "runs", "москва", "e1234"};
        for (int step = 0; step < 300; step++) {
            int id = rnd.nextInt(40);
            if (rnd.nextInt(4) == 0) {
                ix.remove(id);
            } else {
                StringBuilder text = new StringBuilder();
                for (int w = rnd.nextInt(12); w > 0; w--) {
                    text.append(words[rnd.nextInt(words.length)]).append(' ');
                }
                ix.put(id, text.toString());
            }
            ix.checkIntegrity();
        }
        byte[] bytes = InvertedIndexCodec.encode(ix);
        InvertedIndex back = InvertedIndexCodec.decode(bytes, 40);
        back.checkIntegrity();
        Check.equal(ix.documentCount(), back.documentCount(), "documents after a round trip");
        for (String query : new String[] {"fox", "run river", "Creme 东京", "МОСКВА e1234 dog"}) {
            ScoredIds a = ix.search(query, 5, Bm25.DEFAULT, null);
            ScoredIds b = back.search(query, 5, Bm25.DEFAULT, null);
            Check.ids(a.ids(), b.ids(), "after a round trip: " + query);
        }
        ScoredIds fused = RankFusion.reciprocalRank(new int[][] {{1, 2, 3}, {3, 1, 4}}, new double[] {1, 1},
                RankFusion.DEFAULT_K, 10);
        Check.ids(new int[] {1, 3, 2, 4}, fused.ids(), "fused");
    }
}
