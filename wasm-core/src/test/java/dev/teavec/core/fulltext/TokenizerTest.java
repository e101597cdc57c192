package dev.teavec.core.fulltext;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teavec.core.testkit.FullTextScenarios;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {
    @Test
    void tokenizesUnicodeText() {
        FullTextScenarios.tokenizesUnicodeText();
    }

    @Test
    void englishAnalyzerStemsOnlyAsciiWords() {
        assertEquals(List.of("connect", "connect", "москвы", "mp3", "cafe"),
                TextAnalyzer.english().terms("Connections CONNECTED москвы mp3 cafés"));
    }

    @Test
    void flagsRoundTrip() {
        assertEquals(true, TextAnalyzer.ofFlags(TextAnalyzer.english().flags()).englishStemming());
        assertEquals(false, TextAnalyzer.ofFlags(TextAnalyzer.plain().flags()).englishStemming());
    }
}
