package dev.teavec.core.encoding;

import dev.teavec.core.testkit.CosineScaleScenarios;
import dev.teavec.core.testkit.IndexScenarios;
import dev.teavec.core.testkit.SnapshotScenarios;
import dev.teavec.core.testkit.TestSeeds;
import dev.teavec.core.vector.Metric;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shared scenarios (recall against flat, dot on varied norms, deletes and compaction, snapshot round
 * trips, cosine at every scale) for float16 and SQ4, JVM only: the core engine run in Wasm GC lacks them.
 */
class Float16Sq4ScenariosTest {
    private static final long SEED = TestSeeds.forStatisticalBar();

    @ParameterizedTest
    @ValueSource(strings = {"float16", "float16-rerank", "sq4-rerank"})
    void recallAgainstFlat(String variant) {
        IndexScenarios.recallAgainstFlat(variant, SEED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"float16", "float16-rerank", "sq4-rerank"})
    void dotRecallOnVariedNorms(String variant) {
        IndexScenarios.dotRecallOnVariedNorms(variant, SEED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"float16", "float16-rerank", "sq4", "sq4-rerank"})
    void deletesAndCompaction(String variant) {
        IndexScenarios.deletesAndCompaction(variant, SEED);
    }

    static Stream<Arguments> snapshotVariants() {
        Stream.Builder<Arguments> all = Stream.builder();
        for (String v : new String[] {"float16", "float16-rerank", "sq4", "sq4-rerank", "sq4-untrained", "auto-float16",
            "auto-sq4", "float16-updated", "sq4-updated", "sq4-rerank-updated", "compacted-sq4-updated"}) {
            for (Metric m : Metric.values()) {
                all.add(Arguments.of(v, m));
            }
        }
        return all.build();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("snapshotVariants")
    void snapshotRoundTripGivesTheSameIndex(String variant, Metric metric) {
        SnapshotScenarios.roundTrip(variant, metric, TestSeeds.FIXED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"float16-rerank", "sq4-rerank"})
    void cosineDistancesMatchTheOracleAtEveryScale(String variant) {
        long seed = TestSeeds.forExactProperty();
        for (int i = 0; i < 20; i++) {
            CosineScaleScenarios.distancesMatchDoubleOracleAtEveryScale(variant, seed + i);
        }
    }
}
