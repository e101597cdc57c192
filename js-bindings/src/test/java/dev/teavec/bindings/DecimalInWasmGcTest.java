package dev.teavec.bindings;

import dev.teavec.core.testkit.DecimalScenarios;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.SkipJVM;
import org.teavm.junit.TeaVMTestRunner;

/**
 * The engine's own decimal conversions compiled to Wasm GC and run in Chromium: hard cases with
 * expected bits, V8's texts for chosen doubles, and seeded random round trips that must be shortest.
 */
@RunWith(TeaVMTestRunner.class)
@SkipJVM
public class DecimalInWasmGcTest {
    @Test
    public void parsesHardCases() {
        DecimalScenarios.parsesHardCases();
    }

    @Test
    public void formatsLikeJavaScript() {
        DecimalScenarios.formatsLikeJavaScript();
    }

    @Test
    public void randomRoundTrips() {
        // A fixed seed: the browser run reports no system properties, and a failure must replay.
        DecimalScenarios.randomRoundTrips(20261121L, 20_000);
    }
}
