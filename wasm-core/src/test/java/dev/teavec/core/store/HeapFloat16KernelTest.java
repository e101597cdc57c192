package dev.teavec.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teavec.core.quant.HalfFloat;
import dev.teavec.core.vector.VectorOps;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scalar float16 kernel, the reference of the SIMD one (npm-package test/float16-simd.test.mjs compares
 * them): its dot is VectorOps.dot's sixteen lanes over the decoded halves, bit for bit, in place and through
 * read(), single and batch; a stored query decodes as documented.
 */
class HeapFloat16KernelTest {
    private static final long SEED = Long.getLong("teavec.seed", System.nanoTime());

    /** Random finite halves, a fifth of them subnormal or zero. */
    private static byte[] halves(Random random, int dim) {
        byte[] row = new byte[2 * dim];
        for (int i = 0; i < dim; i++) {
            int h = random.nextInt(5) == 0 ? random.nextInt(0x400) : random.nextInt(0x7c00);
            h |= random.nextBoolean() ? 0x8000 : 0;
            row[2 * i] = (byte) h;
            row[2 * i + 1] = (byte) (h >> 8);
        }
        return row;
    }

    private static float[] decoded(byte[] row, int dim) {
        float[] out = new float[dim];
        for (int i = 0; i < dim; i++) {
            out[i] = HalfFloat.toFloat((short) HeapFloat16Kernel.half(row, 0, i));
        }
        return out;
    }

    @Test
    void dotIsVectorOpsDotOverTheDecodedHalvesToTheBit() {
        Random random = new Random(SEED);
        for (int dim = 1; dim <= 400; dim += dim < 40 ? 1 : 61) {
            ByteVectorStore store = new ByteVectorStore(2 * dim, 7 * 2 * dim);
            byte[][] rows = new byte[20][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = halves(random, dim);
                store.write(store.append(), rows[i]);
            }
            float[] q = new float[dim];
            for (int i = 0; i < dim; i++) {
                q[i] = (float) (random.nextGaussian() * Math.pow(2, random.nextInt(40) - 20));
            }
            Float16Kernel inPlace = store.newFloat16Kernel();
            Float16Kernel copying = new HeapFloat16Kernel(new ReadOnly(store));
            inPlace.setQuery(q);
            copying.setQuery(q);
            int[] ords = {3, 0, 19, 7, 7, 14};
            float[] batch = new float[ords.length];
            inPlace.dot(ords, ords.length, batch);
            for (int i = 0; i < ords.length; i++) {
                int want = Float.floatToRawIntBits(VectorOps.dot(q, 0, decoded(rows[ords[i]], dim), 0, dim));
                String what = "dim " + dim + ", ord " + ords[i] + ", seed " + SEED;
                assertEquals(want, Float.floatToRawIntBits(inPlace.dot(ords[i])), what);
                assertEquals(want, Float.floatToRawIntBits(copying.dot(ords[i])), what);
                assertEquals(want, Float.floatToRawIntBits(batch[i]), what);
            }
        }
    }

    @Test
    void aStoredQueryIsItsHalvesTimesTheFactorRoundedOnceAndClamped() {
        Random random = new Random(SEED);
        int dim = 29;
        ByteVectorStore store = new ByteVectorStore(2 * dim);
        byte[] row = halves(random, dim);
        row[0] = (byte) 0xff; // 65504: times 2^113 it passes Float.MAX_VALUE, so it is clamped
        row[1] = (byte) 0x7b;
        store.write(store.append(), row);
        // Rows 1..dim: one-hot halves of 1.0, which read the query back through the dot.
        for (int i = 0; i < dim; i++) {
            byte[] unit = new byte[2 * dim];
            unit[2 * i + 1] = 0x3c;
            store.write(store.append(), unit);
        }
        Float16Kernel kernel = store.newFloat16Kernel();
        float[] values = decoded(row, dim);
        for (int e : new int[] {0, -113, -14, 14, 100, 140, 163}) {
            double factor = Math.scalb(1.0, -e);
            kernel.setQueryFromOrdinal(0, factor);
            for (int i = 0; i < dim; i++) {
                float want = (float) Math.max(-Float.MAX_VALUE, Math.min(Float.MAX_VALUE, values[i] * factor));
                // A lane sum starts at +0, so -0 reads back as +0.
                assertEquals(want + 0f, kernel.dot(1 + i), "dimension " + i + ", factor 2^" + -e + ", seed " + SEED);
            }
        }
        kernel.setQueryFromOrdinal(0, Math.scalb(1.0, 113));
        assertEquals(Float.MAX_VALUE, kernel.dot(1), "65504 · 2^113 clamped");
    }

    /** A storage other than ByteVectorStore: the kernel copies rows out through read(). */
    private static final class ReadOnly implements CodeStorage {
        private final ByteVectorStore store;

        ReadOnly(ByteVectorStore store) {
            this.store = store;
        }

        @Override
        public int dimensions() {
            return store.dimensions();
        }

        @Override
        public int size() {
            return store.size();
        }

        @Override
        public int append() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void write(int ord, byte[] codes) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void read(int ord, byte[] out) {
            store.read(ord, out);
        }

        @Override
        public CodeStorage newEmpty() {
            throw new UnsupportedOperationException();
        }

        @Override
        public CodeKernel newKernel() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long bytesUsed() {
            return store.bytesUsed();
        }
    }
}
