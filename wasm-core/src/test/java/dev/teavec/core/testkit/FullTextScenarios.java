package dev.teavec.core.testkit;

import dev.teavec.core.fulltext.TextAnalyzer;
import java.util.List;

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
}
