package dev.teavec.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teavec.core.testkit.RecordSnapshotScenarios;
import dev.teavec.core.testkit.SnapshotScenarios;
import dev.teavec.core.vector.Metric;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every variant and metric (in-place updates included) survives encode → decode as an identical index
 * that goes on identically; so does a whole database with metadata, keys and documents.
 */
class SnapshotRoundTripTest {
    private static final long SEED = 20261121L;

    static Stream<Arguments> variants() {
        Stream.Builder<Arguments> all = Stream.builder();
        for (String v : SnapshotScenarios.VARIANTS) {
            for (Metric m : Metric.values()) {
                all.add(Arguments.of(v, m));
            }
        }
        return all.build();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("variants")
    void roundTripGivesTheSameIndex(String variant, Metric metric) {
        SnapshotScenarios.roundTrip(variant, metric, SEED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"flat", "hnsw", "hnsw-sq8", "auto-sq8", "hnsw-compacted", "flat-compacted"})
    void roundTripGivesTheSameDatabase(String variant) {
        for (Metric m : Metric.values()) {
            RecordSnapshotScenarios.roundTrip(variant, m, SEED);
        }
    }

    @Test
    void everyBitFlipOfASmallSnapshotIsCorrupt() {
        byte[] snapshot = IndexSnapshot.encodeToArray(SnapshotScenarios.small(SEED));
        assertEquals(snapshot.length * 8, SnapshotScenarios.everyBitFlipIsCorrupt(snapshot));
    }

    @Test
    void everyTruncationIsCorrupt() {
        byte[] snapshot = IndexSnapshot.encodeToArray(SnapshotScenarios.small(SEED));
        assertEquals(snapshot.length + 1, SnapshotScenarios.everyTruncationIsCorrupt(snapshot));
    }

    @Test
    void everyBitFlipAndTruncationOfASmallDatabaseIsCorrupt() {
        byte[] snapshot = IndexSnapshot.encodeToArray(RecordSnapshotScenarios.small(SEED));
        assertEquals(snapshot.length * 8, RecordSnapshotScenarios.everyBitFlipIsCorrupt(snapshot));
        assertEquals(snapshot.length + 1, RecordSnapshotScenarios.everyTruncationIsCorrupt(snapshot));
    }
}
