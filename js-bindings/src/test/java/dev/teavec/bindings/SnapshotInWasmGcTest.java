package dev.teavec.bindings;

import dev.teavec.core.codec.IndexSnapshot;
import dev.teavec.core.testkit.Check;
import dev.teavec.core.testkit.SnapshotScenarios;
import dev.teavec.core.vector.Metric;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.SkipJVM;
import org.teavm.junit.TeaVMTestRunner;

/** Snapshot encode/decode compiled to Wasm GC and run in Chromium, on the scenarios the JVM also runs. */
@RunWith(TeaVMTestRunner.class)
@SkipJVM
public class SnapshotInWasmGcTest {
    private static final long SEED = 20261121L;

    @Test
    public void hnswRoundTrip() {
        SnapshotScenarios.roundTrip("hnsw", Metric.COSINE, SEED);
    }

    @Test
    public void sq8RerankRoundTrip() {
        SnapshotScenarios.roundTrip("sq8-rerank", Metric.L2, SEED);
    }

    @Test
    public void autoAndFlatRoundTrip() {
        SnapshotScenarios.roundTrip("auto-sq8", Metric.DOT, SEED);
        SnapshotScenarios.roundTrip("flat", Metric.COSINE, SEED);
    }

    /** A user-registered index type (the test's Java one): its state round-trips with the engine's. */
    @Test
    public void userTypeRoundTrip() {
        SnapshotScenarios.roundTrip("user-updated", Metric.L2, SEED);
    }

    @Test
    public void everyBitFlipAndTruncationIsCorrupt() {
        byte[] snapshot = IndexSnapshot.encodeToArray(SnapshotScenarios.small(SEED));
        Check.equal(snapshot.length * 8, SnapshotScenarios.everyBitFlipIsCorrupt(snapshot), "bit flips tried");
        Check.equal(snapshot.length + 1, SnapshotScenarios.everyTruncationIsCorrupt(snapshot), "truncations tried");
    }

    @Test
    public void reencodingGivesTheSameBytes() {
        byte[] snapshot = IndexSnapshot.encodeToArray(SnapshotScenarios.build("sq8", Metric.L2, 12, 200, SEED));
        byte[] again = IndexSnapshot.encodeToArray(IndexSnapshot.decode(snapshot));
        Check.isTrue(java.util.Arrays.equals(snapshot, again), "re-encoding gives the same bytes");
    }
}
