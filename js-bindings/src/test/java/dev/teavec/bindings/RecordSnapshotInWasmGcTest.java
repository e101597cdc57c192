package dev.teavec.bindings;

import dev.teavec.core.codec.IndexSnapshot;
import dev.teavec.core.testkit.Check;
import dev.teavec.core.testkit.RecordSnapshotScenarios;
import dev.teavec.core.testkit.SnapshotScenarios;
import dev.teavec.core.vector.Metric;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.teavm.junit.SkipJVM;
import org.teavm.junit.TeaVMTestRunner;

/**
 * Snapshots of whole databases (metadata, user keys, documents, in-place updates) and of the database
 * container compiled to Wasm GC and run in Chromium, where strings, doubles and hash maps are TeaVM's.
 */
@RunWith(TeaVMTestRunner.class)
@SkipJVM
public class RecordSnapshotInWasmGcTest {
    private static final long SEED = 20261121L;

    @Test
    public void recordsRoundTrip() {
        RecordSnapshotScenarios.roundTrip("hnsw", Metric.COSINE, SEED);
        RecordSnapshotScenarios.roundTrip("flat-compacted", Metric.L2, SEED);
        RecordSnapshotScenarios.roundTrip("auto-sq8", Metric.DOT, SEED);
    }

    @Test
    public void updatedIndexesRoundTrip() {
        SnapshotScenarios.roundTrip("hnsw-updated", Metric.L2, SEED);
        SnapshotScenarios.roundTrip("auto-sq8-updated", Metric.COSINE, SEED);
        SnapshotScenarios.roundTrip("compacted-flat-updated", Metric.DOT, SEED);
    }

    @Test
    public void collectionsRoundTrip() {
        RecordSnapshotScenarios.collectionsRoundTrip(SEED);
    }

    @Test
    public void everyBitFlipAndTruncationIsCorrupt() {
        byte[] snapshot = IndexSnapshot.encodeToArray(RecordSnapshotScenarios.small(SEED));
        Check.equal(snapshot.length * 8, RecordSnapshotScenarios.everyBitFlipIsCorrupt(snapshot), "bit flips tried");
        Check.equal(snapshot.length + 1, RecordSnapshotScenarios.everyTruncationIsCorrupt(snapshot), "truncations tried");
    }
}
