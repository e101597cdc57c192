package dev.teavec.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.encoding.BinaryVectors;
import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.index.IndexTypes;
import dev.teavec.core.index.ManagedIndex;
import dev.teavec.core.index.VectorIndex;
import dev.teavec.core.testkit.SnapshotScenarios;
import dev.teavec.core.vector.Metric;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The binary payload (docs/format.md, binary): round trips that give the same index, bit for bit, and
 * damage (bit flips, truncations, fields resealed with valid CRCs so they reach the payload's own checks)
 * that gives CORRUPT_SNAPSHOT.
 */
class BinarySnapshotTest {
    private static final long SEED = 20261206L;
    /** 70 dimensions: two code words, the second with 58 padding bits. */
    private static final int DIMS = 70;

    @ParameterizedTest
    @ValueSource(strings = {"binary", "binary-rerank", "binary-untrained", "binary-updated", "binary-rerank-updated",
        "auto-binary", "compacted-binary-updated"})
    void roundTripGivesTheSameIndex(String variant) {
        for (Metric m : Metric.values()) {
            SnapshotScenarios.roundTrip(variant, m, SEED);
        }
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void everyBitFlipAndTruncationIsCorrupt(Metric metric) {
        byte[] snapshot = IndexSnapshot.encodeToArray(small(metric, 6));
        assertEquals(snapshot.length * 8, SnapshotScenarios.everyBitFlipIsCorrupt(snapshot));
        assertEquals(snapshot.length + 1, SnapshotScenarios.everyTruncationIsCorrupt(snapshot));
    }

    /** A trained binary HNSW index of {@code n} vectors. */
    private static VectorIndex small(Metric metric, int n) {
        IndexConfig config = IndexConfig.builder(DIMS, metric).indexType("hnsw").quantization("binary")
                .sq8TrainingSize(4).m(4).efConstruction(16).seed(SEED).build();
        VectorIndex index = IndexTypes.BUILT_IN.create(config);
        Random random = new Random(SEED);
        for (int i = 0; i < n; i++) {
            float[] v = new float[DIMS];
            for (int d = 0; d < DIMS; d++) {
                v[d] = (float) random.nextGaussian() + (i % 2) * 2f;
            }
            index.add(v);
        }
        assertTrue(((BinaryVectors) ((ManagedIndex) index).storedVectors()).isTrained(), "trained");
        return index;
    }

    private final byte[] snapshot = IndexSnapshot.encodeToArray(small(Metric.L2, 12));
    /** The codes' payload: after the trained flag. */
    private final int codes = Reseal.encodingPayload(snapshot) + 1;
    private final int rounds = codes + 16;
    private final int centroid = codes + 17;
    /** Vector 0: two words, then alpha, |r|², r·c. */
    private final int vector0 = centroid + 4 * DIMS;

    @Test
    void trainedFlag() {
        rejects(s -> s[codes - 1] = 2, "trained = 2", "trained");
    }

    @Test
    void rotationRounds() {
        rejects(s -> s[rounds] = 0, "rounds = 0", "rotation rounds");
        rejects(s -> s[rounds] = 9, "rounds = 9", "rotation rounds");
    }

    @Test
    void centroidMustBeFinite() {
        rejects(s -> Reseal.putU32(s, centroid + 8, Float.floatToIntBits(Float.NaN)), "NaN centroid", "centroid");
    }

    @Test
    void paddingBitsMustBeZero() {
        rejects(s -> s[vector0 + 15] |= (byte) 0x80, "bit 127 of code 0", "beyond dimension");
    }

    @Test
    void termsMustBeConsistent() {
        int alpha = vector0 + 16;
        int rSq = alpha + 4;
        int rc = rSq + 4;
        rejects(s -> Reseal.putU32(s, alpha, Float.floatToIntBits(-1f)), "negative alpha", "terms of binary vector 0");
        rejects(s -> Reseal.putU32(s, alpha, Float.floatToIntBits(1e6f)), "alpha above |r|", "terms of binary vector 0");
        rejects(s -> Reseal.putU32(s, alpha, Float.floatToIntBits(1e-9f)), "alpha below |r|/√d", "terms of binary vector 0");
        rejects(s -> Reseal.putU32(s, rSq, Float.floatToIntBits(Float.POSITIVE_INFINITY)), "infinite |r|²", "residual norm");
        rejects(s -> Reseal.putU32(s, rc, Float.floatToIntBits(1e9f)), "r·c beyond |r||c|", "terms of binary vector 0");
    }

    @Test
    void untamperedSnapshotLoads() {
        byte[] s = snapshot.clone();
        Reseal.crcs(s);
        IndexSnapshot.decode(s).checkIntegrity();
    }

    private void rejects(Consumer<byte[]> tamper, String what, String named) {
        byte[] s = snapshot.clone();
        tamper.accept(s);
        Reseal.crcs(s);
        TeaVecException e = assertThrows(TeaVecException.class, () -> IndexSnapshot.decode(s), what);
        assertEquals(ErrorCode.CORRUPT_SNAPSHOT, e.code(), what + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(named), what + ": the message names " + named + ": " + e.getMessage());
    }
}
