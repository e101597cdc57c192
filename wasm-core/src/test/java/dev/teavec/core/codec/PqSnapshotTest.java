package dev.teavec.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.encoding.PqVectors;
import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.index.IndexTypes;
import dev.teavec.core.index.ManagedIndex;
import dev.teavec.core.index.VectorIndex;
import dev.teavec.core.testkit.SnapshotScenarios;
import dev.teavec.core.vector.Metric;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PQ's payload: round trips that give back an identical index (bit-identical results, same bytes when
 * re-encoded, same behaviour afterwards), damage that is CORRUPT_SNAPSHOT, and hostile field values.
 */
class PqSnapshotTest {
    private static final long SEED = 20261121L;
    private static final String[] VARIANTS = {"pq", "pq-rerank", "pq-untrained", "pq-updated", "pq-rerank-updated",
        "auto-pq", "compacted-pq-updated"};

    static Stream<Arguments> variants() {
        Stream.Builder<Arguments> all = Stream.builder();
        for (String v : VARIANTS) {
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

    /** HNSW over PQ codes of 4 dimensions in 2 sub-spaces, trained on 8 vectors, with deletes. */
    private static VectorIndex small(Metric metric) {
        IndexConfig config = IndexConfig.builder(4, metric).indexType("hnsw").quantization("pq").pqSubspaces(2)
                .pqTrainingSize(8).m(4).efConstruction(16).seed(SEED).build();
        VectorIndex index = IndexTypes.BUILT_IN.create(config);
        for (float[] v : SnapshotScenarios.queries(24, 4, SEED)) {
            index.add(v);
        }
        index.delete(2);
        index.delete(11);
        assertTrue(((PqVectors) ((ManagedIndex) index).storedVectors()).isTrained(), "trained");
        return index;
    }

    @Test
    void everyBitFlipAndTruncationIsCorrupt() {
        byte[] snapshot = IndexSnapshot.encodeToArray(small(Metric.L2));
        assertEquals(snapshot.length * 8, SnapshotScenarios.everyBitFlipIsCorrupt(snapshot));
        assertEquals(snapshot.length + 1, SnapshotScenarios.everyTruncationIsCorrupt(snapshot));
    }

    /** The payload after "pq" and its u16 version: u8 trained, i32 sub-spaces, i32 count, i32 dims, i32 256, centroids. */
    private static int payload(byte[] s) {
        return Reseal.encodingPayload(s);
    }

    @Test
    void hostileFields() {
        byte[] snapshot = IndexSnapshot.encodeToArray(small(Metric.L2));
        int p = payload(snapshot);
        rejects(snapshot, s -> s[p] = 2, "trained = 2", "trained is 2");
        for (int bad : new int[] {0, -1, 5, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            rejects(snapshot, s -> Reseal.putU32(s, p + 1, bad), "sub-spaces " + bad, "sub-spaces is " + bad);
        }
        rejects(snapshot, s -> Reseal.putU32(s, p + 5, 23), "count", "vector count");
        rejects(snapshot, s -> Reseal.putU32(s, p + 9, 5), "dimensions", "dimensions");
        rejects(snapshot, s -> Reseal.putU32(s, p + 13, 255), "centroids per sub-space", "centroids per sub-space");
        rejects(snapshot, s -> Reseal.putU32(s, p + 17 + 4 * 100, Float.floatToRawIntBits(Float.NaN)), "NaN centroid",
                "centroids of sub-space 0");
        rejects(snapshot, s -> Reseal.putU32(s, p + 17 + 4 * 600, Float.floatToRawIntBits(Float.POSITIVE_INFINITY)),
                "infinite centroid", "centroids of sub-space 1");
    }

    @Test
    void cosineCodesThatDecodeToZeroAreCorrupt() {
        byte[] snapshot = IndexSnapshot.encodeToArray(small(Metric.COSINE));
        int centroids = payload(snapshot) + 17;
        rejects(snapshot, s -> {
            for (int i = 0; i < 256 * 4; i++) {
                Reseal.putU32(s, centroids + 4 * i, 0);
            }
        }, "zero centroids", "decodes to a vector of inverse norm");
    }

    @Test
    void untrainedTrainingSize() {
        IndexConfig config = IndexConfig.builder(4, Metric.L2).indexType("hnsw").quantization("pq").pqTrainingSize(100)
                .seed(SEED).build();
        VectorIndex index = IndexTypes.BUILT_IN.create(config);
        index.add(new float[] {1, 2, 3, 4});
        byte[] snapshot = IndexSnapshot.encodeToArray(index);
        int p = payload(snapshot);
        rejects(snapshot, s -> Reseal.putU32(s, p + 5, 0), "training size 0", "training size is 0");
    }

    private static void rejects(byte[] snapshot, Consumer<byte[]> tamper, String what, String message) {
        byte[] s = snapshot.clone();
        tamper.accept(s);
        Reseal.crcs(s);
        TeaVecException e = assertThrows(TeaVecException.class, () -> IndexSnapshot.decode(s), what);
        assertEquals(ErrorCode.CORRUPT_SNAPSHOT, e.code(), what + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(message), what + ": " + e.getMessage());
    }
}
