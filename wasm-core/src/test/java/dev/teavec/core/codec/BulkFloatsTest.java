package dev.teavec.core.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.index.VectorIndex;
import dev.teavec.core.testkit.Indexes;
import dev.teavec.core.vector.Metric;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bulk float paths (SnapshotReader.readFinite, SnapshotWriter.floats) read and write the bytes the
 * field-by-field ones did, straddle the 16 MiB chunk boundary at every alignment, and find a non-finite
 * float wherever it sits in a large vectors section.
 */
class BulkFloatsTest {
    private static final long SEED = 20261121L;
    private static final int N = 3000;
    private static final int DIM = 64;
    private static final int[] NON_FINITE = {0x7F800000, 0xFF800000, 0x7FC00000, 0xFFFFFFFF, 0x7F800001};

    private static byte[] flat(Metric metric) {
        VectorIndex index = Indexes.flat(IndexConfig.builder(DIM, metric).indexType("flat").build());
        Random random = new Random(SEED);
        for (int i = 0; i < N; i++) {
            float[] v = new float[DIM];
            for (int d = 0; d < DIM; d++) {
                v[d] = (float) random.nextGaussian();
            }
            index.add(v);
        }
        return IndexSnapshot.encodeToArray(index);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void aNonFiniteFloatAnywhereInABigVectorsSectionIsCorrupt(int which) {
        byte[] clean = flat(Metric.COSINE);
        int floats = Reseal.encodingPayload(clean) + 8;
        Random random = new Random(SEED + which);
        int[] where = {0, N * DIM - 1, random.nextInt(N * DIM), (N / 2) * DIM, (N / 2) * DIM - 1};
        for (int index : where) {
            byte[] s = clean.clone();
            int at = floats + 4 * index;
            Reseal.putU32(s, at, NON_FINITE[which]);
            Reseal.crcs(s);
            TeaVecException e = assertThrows(TeaVecException.class, () -> IndexSnapshot.decode(s),
                    "seed " + SEED + ", float " + index);
            assertEquals(ErrorCode.CORRUPT_SNAPSHOT, e.code());
            assertTrue(e.getMessage().contains("vector " + index / DIM + " holds") && e.getMessage().endsWith("(at byte " + at + ")"),
                    e.getMessage());
        }
    }

    @Test
    void extremeFiniteFloatsStillLoad() {
        byte[] clean = flat(Metric.COSINE);
        int floats = Reseal.encodingPayload(clean) + 8;
        // Largest finite (its square overflows: the cosine zero check must not take that for zero), smallest
        // subnormal, negative zero.
        int[] bits = {0x7F7FFFFF, 0xFF7FFFFF, 0x00000001, 0x80000000};
        for (int i = 0; i < bits.length; i++) {
            byte[] s = clean.clone();
            Reseal.putU32(s, floats + 4 * (i * DIM + 3), bits[i]);
            Reseal.crcs(s);
            VectorIndex loaded = IndexSnapshot.decode(s);
            assertEquals(N, loaded.size());
            assertArrayEquals(s, IndexSnapshot.encodeToArray(loaded), "re-encoded bits " + Integer.toHexString(bits[i]));
        }
    }

    @Test
    void onlyTheZeroVectorIsZeroUnderCosine() {
        byte[] s = flat(Metric.COSINE);
        int floats = Reseal.encodingPayload(s) + 8;
        int ord = 1234;
        for (int d = 0; d < DIM; d++) {
            Reseal.putU32(s, floats + 4 * (ord * DIM + d), Float.floatToRawIntBits(d % 2 == 0 ? 0f : -0f));
        }
        Reseal.crcs(s);
        TeaVecException e = assertThrows(TeaVecException.class, () -> IndexSnapshot.decode(s));
        assertEquals(ErrorCode.CORRUPT_SNAPSHOT, e.code());
        assertTrue(e.getMessage().contains("vector " + ord + " is zero"), e.getMessage());
        // Squares that underflow float32 still leave a direction (CosineScale): such a vector loads.
        Reseal.putU32(s, floats + 4 * (ord * DIM), Float.floatToRawIntBits(1e-30f));
        Reseal.crcs(s);
        VectorIndex loaded = IndexSnapshot.decode(s);
        assertEquals(1e-30f, loaded.get(ord)[0]);
        assertEquals(ord, loaded.search(loaded.get(ord), 1).id(0));
    }

    /** Two chunks; floats from {@code start} straddle the boundary at every alignment. */
    @Test
    void readsFloatsAcrossTheChunkBoundary() {
        byte[][] chunks = {new byte[SnapshotBytes.CHUNK_SIZE], new byte[64]};
        SnapshotBytes bytes = SnapshotBytes.ofChunks(chunks);
        Random random = new Random(SEED);
        for (int shift = 0; shift < 8; shift++) {
            int start = SnapshotBytes.CHUNK_SIZE - 16 - shift;
            float[] expected = new float[10];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = (float) random.nextGaussian();
                int bitsOf = Float.floatToRawIntBits(expected[i]);
                for (int b = 0; b < 4; b++) {
                    bytes.set(start + 4 * i + b, (byte) (bitsOf >>> (8 * b)));
                }
            }
            SnapshotReader in = new SnapshotReader(bytes, start - 1, bytes.length(), "test");
            in.skip(1, "pad");
            float[] got = new float[12];
            in.readFinite(got, 1, expected.length, "floats");
            assertEquals(start + 4 * expected.length, in.position());
            for (int i = 0; i < expected.length; i++) {
                assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(got[1 + i]), "shift " + shift + " float " + i);
            }
            for (int bad = 0; bad < expected.length; bad++) {
                int at = start + 4 * bad;
                byte saved = bytes.get(at + 3);
                bytes.set(at + 3, (byte) 0x7F);
                bytes.set(at + 2, (byte) (bytes.get(at + 2) | 0x80));
                SnapshotReader again = new SnapshotReader(bytes, start, bytes.length(), "test");
                TeaVecException e = assertThrows(TeaVecException.class, () -> again.readFinite(got, 0, expected.length, "floats"));
                assertTrue(e.getMessage().endsWith("(at byte " + at + ")"), e.getMessage());
                bytes.set(at + 3, saved);
                int bitsOf = Float.floatToRawIntBits(expected[bad]);
                bytes.set(at + 2, (byte) (bitsOf >>> 16));
            }
        }
    }

    /** The writer's bulk floats land where field-by-field writes put them, across the chunk boundary too. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void writesFloatsAcrossTheChunkBoundary(int shift) {
        int before = SnapshotWriter.HEADER_BYTES + SnapshotWriter.FRAME_BYTES;
        int pad = SnapshotBytes.CHUNK_SIZE - before - 20 - shift;
        float[] v = new float[12];
        Random random = new Random(SEED + shift);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        SectionPayload payload = new SectionPayload() {
            @Override
            public int id() {
                return SectionIds.VECTORS_F32;
            }

            @Override
            public long size() {
                return pad + 4L * v.length;
            }

            @Override
            public void write(SnapshotWriter out) {
                out.bytes(new byte[pad], 0, pad);
                out.floats(v, 0, v.length);
            }
        };
        byte[] s = SnapshotWriter.encode(SnapshotWriter.KIND_INDEX, new SectionPayload[] {payload}).toArray();
        for (int i = 0; i < v.length; i++) {
            assertEquals(Float.floatToRawIntBits(v[i]), Reseal.u32(s, before + pad + 4 * i), "float " + i);
        }
        java.util.zip.CRC32 jdk = new java.util.zip.CRC32();
        jdk.update(s, SnapshotWriter.HEADER_BYTES, 8);
        jdk.update(s, before, s.length - before);
        assertEquals((int) jdk.getValue(), Reseal.u32(s, SnapshotWriter.HEADER_BYTES + 8));
    }
}
