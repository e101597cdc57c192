package dev.teavec.bindings;

import dev.teavec.core.testkit.FilterScenarios;
import dev.teavec.core.testkit.RecordScenarios;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.SkipJVM;
import org.teavm.junit.TeaVMTestRunner;

/**
 * Metadata, filters, user keys and in-place updates compiled to Wasm GC and run in Chromium: the
 * JVM scenarios again, where TeaVM's own strings, double parsing/printing and hash maps are used.
 */
@RunWith(TeaVMTestRunner.class)
@SkipJVM
public class RecordsInWasmGcTest {
    private static final long SEED = 20261121L;

    @Test
    public void numbersRoundTrip() {
        FilterScenarios.numbersRoundTrip();
    }

    @Test
    public void filtersEvaluate() {
        FilterScenarios.filtersEvaluate();
    }

    @Test
    public void badFiltersFailCleanly() {
        FilterScenarios.badFiltersFailCleanly();
    }

    @Test
    public void metadataRoundTrip() {
        RecordScenarios.metadataRoundTrip();
    }

    @Test
    public void keysUpdatesAndCompaction() {
        for (String variant : new String[] {"flat", "hnsw", "sq8", "auto"}) {
            RecordScenarios.keysUpdatesAndCompaction(variant, SEED);
        }
    }

    @Test
    public void filteredSearchCounts() {
        for (String variant : new String[] {"flat", "hnsw", "sq8", "auto"}) {
            RecordScenarios.filteredSearchCounts(variant, SEED);
        }
    }
}
