package dev.teavec.core.index;

import dev.teavec.core.testkit.IndexScenarios;
import dev.teavec.core.testkit.TestSeeds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The scenarios the Wasm GC run in Chromium also executes, here on the JVM with the same fixed seed (see TestSeeds). */
class IndexScenariosTest {
    private static final long SEED = TestSeeds.forStatisticalBar();

    @ParameterizedTest
    @ValueSource(strings = {"hnsw", "sq8", "sq8-rerank"})
    void recallAgainstFlat(String variant) {
        IndexScenarios.recallAgainstFlat(variant, SEED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hnsw", "sq8", "sq8-rerank"})
    void dotRecallOnVariedNorms(String variant) {
        IndexScenarios.dotRecallOnVariedNorms(variant, SEED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hnsw", "sq8", "sq8-rerank"})
    void deletesAndCompaction(String variant) {
        IndexScenarios.deletesAndCompaction(variant, SEED);
    }

    /** Binary (with its floats for re-ranking) on the JVM; its engine's Wasm run is the coordinator's. */
    @ParameterizedTest
    @ValueSource(strings = {"binary-rerank"})
    void extendedEncodings(String variant) {
        IndexScenarios.recallAgainstFlat(variant, SEED);
        IndexScenarios.dotRecallOnVariedNorms(variant, SEED);
        IndexScenarios.deletesAndCompaction(variant, SEED);
    }
}
