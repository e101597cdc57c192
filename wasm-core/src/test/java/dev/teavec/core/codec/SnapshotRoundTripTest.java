package dev.teavec.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teavec.core.testkit.SnapshotScenarios;
import dev.teavec.core.vector.Metric;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every variant and metric survives encode → decode as an identical index that goes on identically. */
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
}
