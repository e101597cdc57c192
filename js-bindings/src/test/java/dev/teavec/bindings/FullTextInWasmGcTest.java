package dev.teavec.bindings;

import dev.teavec.core.testkit.FullTextScenarios;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.SkipJVM;
import org.teavm.junit.TeaVMTestRunner;

/**
 * The full-text engine compiled to Wasm GC and run in Chromium: TeaVM's own Unicode tables
 * (letters, lower case, marks) must tokenize as the JVM's do, and the index, BM25, fusion and codec
 * must give the JVM's answers.
 */
@RunWith(TeaVMTestRunner.class)
@SkipJVM
public class FullTextInWasmGcTest {
    @Test
    public void tokenizesUnicodeText() {
        FullTextScenarios.tokenizesUnicodeText();
    }

    @Test
    public void stemsPublishedExamples() {
        FullTextScenarios.stemsPublishedExamples();
    }

    @Test
    public void indexesSearchesAndRoundTrips() {
        // A fixed seed: the browser run reports no system properties, and a failure must replay.
        FullTextScenarios.indexesSearchesAndRoundTrips(20261205L);
    }
}
