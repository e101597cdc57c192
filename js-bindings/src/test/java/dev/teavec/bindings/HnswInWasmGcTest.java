package dev.teavec.bindings;

import dev.teavec.core.testkit.IndexScenarios;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.SkipJVM;
import org.teavm.junit.TeaVMTestRunner;

/** HNSW and SQ8 compiled to Wasm GC and run in Chromium, on the scenarios the JVM also runs. */
@RunWith(TeaVMTestRunner.class)
@SkipJVM
public class HnswInWasmGcTest {
    private static final long SEED = 20261121L;

    @Test
    public void hnswRecallAgainstFlat() {
        IndexScenarios.recallAgainstFlat("hnsw", SEED);
    }

    @Test
    public void sq8RecallAgainstFlat() {
        IndexScenarios.recallAgainstFlat("sq8", SEED);
    }

    @Test
    public void dotRecallOnVariedNormsWithSimdKernels() {
        IndexScenarios.dotRecallOnVariedNorms("hnsw", SEED);
        IndexScenarios.dotRecallOnVariedNorms("sq8", SEED);
    }

    @Test
    public void sq8RerankRecallAgainstFlat() {
        IndexScenarios.recallAgainstFlat("sq8-rerank", SEED);
    }

    @Test
    public void hnswDeletesAndCompaction() {
        IndexScenarios.deletesAndCompaction("hnsw", SEED);
    }

    @Test
    public void sq8DeletesAndCompaction() {
        IndexScenarios.deletesAndCompaction("sq8", SEED);
    }
}
