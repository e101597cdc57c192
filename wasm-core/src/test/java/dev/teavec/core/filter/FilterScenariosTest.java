package dev.teavec.core.filter;

import dev.teavec.core.testkit.FilterScenarios;
import org.junit.jupiter.api.Test;

/** The scenarios the Wasm GC build also runs (RecordsInWasmGcTest), here on the JVM. */
class FilterScenariosTest {
    @Test
    void numbersRoundTrip() {
        FilterScenarios.numbersRoundTrip();
    }

    @Test
    void filtersEvaluate() {
        FilterScenarios.filtersEvaluate();
    }

    @Test
    void badFiltersFailCleanly() {
        FilterScenarios.badFiltersFailCleanly();
    }
}
