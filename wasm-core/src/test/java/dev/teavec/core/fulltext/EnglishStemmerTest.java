package dev.teavec.core.fulltext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.testkit.FullTextScenarios;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.tartarus.snowball.ext.EnglishStemmer;

/** The engine's Porter2 stemmer against Snowball's own generated one (Lucene's copy), word by word. */
class EnglishStemmerTest {
    @Test
    void stemsThePublishedExamples() {
        FullTextScenarios.stemsPublishedExamples();
    }

    @Test
    void agreesWithSnowballOnEveryWordOfTheWordNetTexts() throws IOException {
        TreeSet<String> words = new TreeSet<>();
        List<String> texts = new ArrayList<>(WordNetTexts.texts("wordnet_minilm_base.jsonl"));
        texts.addAll(WordNetTexts.texts("wordnet_minilm_query.jsonl"));
        for (String text : texts) {
            Tokenizer.tokenize(text, t -> {
                if (t.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
                    words.add(t);
                }
            });
        }
        assertTrue(words.size() > 20_000, "expected a large vocabulary, got " + words.size());
        assertAgree(words);
    }

    @Test
    void agreesWithSnowballOnHardCases() {
        assertAgree(List.of("generous", "generously", "communism", "arsenal", "arsenic", "gener", "commun",
                "skies", "dying", "news", "proceeding", "succeeded", "inning", "innings", "outings", "herrings",
                "cried", "ties", "gas", "gaps", "kiwis", "bus", "kiss", "agreed", "feed", "bled", "hoping", "hopping",
                "luxuriating", "filing", "fizzed", "cry", "by", "say", "yelling", "sayyid", "toyed", "syzygy",
                "geology", "logically", "fulli", "lessly", "ably", "criticism", "adoption", "vision", "rationale",
                "hopefulness", "controllable", "lying", "early", "earliest", "andes", "atlases", "yes", "ayes",
                "eyeing", "ow", "owed", "axed", "irritate", "ioniser", "yy", "aya"));
    }

    private static void assertAgree(Iterable<String> words) {
        EnglishStemmer oracle = new EnglishStemmer();
        dev.teavec.core.fulltext.EnglishStemmer ours = new dev.teavec.core.fulltext.EnglishStemmer();
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (String w : words) {
            oracle.setCurrent(w);
            oracle.stem();
            String expected = oracle.getCurrent();
            String actual = ours.stem(w);
            checked++;
            if (!expected.equals(actual)) {
                wrong.add(w + " -> " + actual + " (Snowball: " + expected + ")");
            }
        }
        assertEquals(List.of(), wrong.size() > 40 ? wrong.subList(0, 40) : wrong, wrong.size() + " of " + checked + " differ");
    }
}
