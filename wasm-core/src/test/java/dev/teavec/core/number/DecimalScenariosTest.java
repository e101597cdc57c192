package dev.teavec.core.number;

import dev.teavec.core.testkit.DecimalScenarios;
import org.junit.jupiter.api.Test;

/** The scenarios the Wasm GC run in Chromium also executes, here on the JVM with a fresh seed. */
class DecimalScenariosTest {
    private static final long SEED = Long.getLong("teavec.seed", System.nanoTime());

    @Test
    void parsesHardCases() {
        DecimalScenarios.parsesHardCases();
    }

    @Test
    void formatsLikeJavaScript() {
        DecimalScenarios.formatsLikeJavaScript();
    }

    @Test
    void randomRoundTrips() {
        DecimalScenarios.randomRoundTrips(SEED, 20_000);
    }
}
