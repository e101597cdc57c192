package dev.teavec.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.index.IndexTypes;
import dev.teavec.core.index.VectorIndex;
import dev.teavec.core.testkit.SnapshotScenarios;
import dev.teavec.core.testkit.TestSeeds;
import dev.teavec.core.vector.Metric;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Damage to float16 and SQ4 payloads: every bit flip and truncation is CORRUPT_SNAPSHOT (the CRCs), and
 * fields set to bad values with the CRCs recomputed reach the payload checks, which name the field.
 */
class Float16Sq4HostileTest {
    /** Odd, so that SQ4's last byte has a padding nibble. */
    private static final int DIMS = 5;

    private static VectorIndex small(String quantization, Metric metric, boolean rerank) {
        IndexConfig config = IndexConfig.builder(DIMS, metric).indexType("hnsw").quantization(quantization)
                .sq8TrainingSize(8).keepFloatsForRerank(rerank).m(4).efConstruction(16).seed(TestSeeds.FIXED).build();
        VectorIndex index = IndexTypes.BUILT_IN.create(config);
        Random random = new Random(TestSeeds.FIXED);
        for (int i = 0; i < 24; i++) {
            float[] v = new float[DIMS];
            for (int d = 0; d < DIMS; d++) {
                v[d] = (float) random.nextGaussian() * (i == 20 ? 50 : 1);
            }
            index.add(v);
        }
        index.delete(2);
        return index;
    }

    @Test
    void everyBitFlipAndTruncationIsCorrupt() {
        for (String q : new String[] {"float16", "sq4"}) {
            byte[] snapshot = IndexSnapshot.encodeToArray(small(q, Metric.L2, q.equals("sq4")));
            assertEquals(snapshot.length * 8, SnapshotScenarios.everyBitFlipIsCorrupt(snapshot), q);
            assertEquals(snapshot.length + 1, SnapshotScenarios.everyTruncationIsCorrupt(snapshot), q);
        }
    }

    @Test
    void float16FieldsAreChecked() {
        byte[] snapshot = IndexSnapshot.encodeToArray(small("float16", Metric.COSINE, false));
        int p = Reseal.encodingPayload(snapshot);
        int count = Reseal.u32(snapshot, p);
        int exponents = p + 8;
        int rows = exponents + 2 * count;
        rejects(snapshot, s -> Reseal.putU32(s, p, count + 1), "vector count");
        rejects(snapshot, s -> Reseal.putU32(s, p + 4, DIMS + 1), "dimensions");
        rejects(snapshot, s -> {
            s[exponents] = (byte) 0xff;
            s[exponents + 1] = (byte) 0x7f;
        }, "scale exponent");
        // The largest half of vector 0 set to infinity, then to a value below 2^14, then all halves to zero.
        rejects(snapshot, s -> setAllHalves(s, rows, 0x7c00), "infinite or NaN half");
        rejects(snapshot, s -> setAllHalves(s, rows, 0x3c00), "not scaled");
        rejects(snapshot, s -> setAllHalves(s, rows, 0), "zero, which cosine cannot hold");
        byte[] l2 = IndexSnapshot.encodeToArray(small("float16", Metric.L2, false));
        int rowsL2 = Reseal.encodingPayload(l2) + 8 + 2 * Reseal.u32(l2, Reseal.encodingPayload(l2));
        rejects(l2, s -> setAllHalves(s, rowsL2, 0), "zero but has scale exponent");
    }

    private static void setAllHalves(byte[] s, int at, int half) {
        for (int i = 0; i < DIMS; i++) {
            s[at + 2 * i] = (byte) half;
            s[at + 2 * i + 1] = (byte) (half >> 8);
        }
    }

    @Test
    void sq4FieldsAreChecked() {
        byte[] snapshot = IndexSnapshot.encodeToArray(small("sq4", Metric.L2, false));
        int p = Reseal.encodingPayload(snapshot);
        assertEquals(1, snapshot[p], "trained");
        int sq4 = p + 1;
        int count = Reseal.u32(snapshot, sq4);
        int observedCount = sq4 + 12 + 8 * DIMS;
        int clippedCount = observedCount + 4 + 8 * DIMS;
        int clipped = Reseal.u32(snapshot, clippedCount);
        int codes = clippedCount + 4 + clipped * (4 + 4 * DIMS);
        int codeBytes = (DIMS + 1) / 2;
        assertEquals(codes + count * codeBytes, Reseal.payload(snapshot, SectionIds.VECTORS)
                + Reseal.u32(snapshot, Reseal.payload(snapshot, SectionIds.VECTORS) - SnapshotWriter.FRAME_BYTES + 4),
                "the codes end the payload");
        rejects(snapshot, s -> s[p] = 2, "trained is 2");
        rejects(snapshot, s -> Reseal.putU32(s, sq4 + 8, 0), "calibrations");
        rejects(snapshot, s -> Reseal.putU32(s, observedCount, 0), "observed vector count");
        for (int v : new int[] {-1, count + 1, Integer.MAX_VALUE}) {
            rejects(snapshot, s -> Reseal.putU32(s, clippedCount, v), "clipped count");
        }
        // Quantizer minimum of dimension 0 above its maximum; observed range narrower than the quantizer's.
        rejects(snapshot, s -> Reseal.putU32(s, sq4 + 12, Float.floatToIntBits(1e30f)), "quantizer range");
        rejects(snapshot, s -> Reseal.putU32(s, observedCount + 4, Float.floatToIntBits(1e30f)), "observed range");
        rejects(snapshot, s -> s[codes + codeBytes - 1] |= (byte) 0x80, "padding nibble");
    }

    private static void rejects(byte[] snapshot, Consumer<byte[]> tamper, String expected) {
        byte[] s = snapshot.clone();
        tamper.accept(s);
        Reseal.crcs(s);
        TeaVecException e = assertThrows(TeaVecException.class, () -> IndexSnapshot.decode(SnapshotBytes.of(s)), expected);
        assertEquals(ErrorCode.CORRUPT_SNAPSHOT, e.code(), expected + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(expected), "the message names '" + expected + "': " + e.getMessage());
    }
}
