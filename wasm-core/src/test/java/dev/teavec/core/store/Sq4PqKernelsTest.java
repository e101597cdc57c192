package dev.teavec.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teavec.core.quant.ProductQuantizer;
import dev.teavec.core.quant.Sq4Quantizer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scalar reference kernels of SQ4 and PQ: in place (Java arrays) and copied out (any other storage) agree,
 * batches equal single calls, and both equal the plain definitions ({@code Σ w_i·c_i}; {@code Σ table[s][c_s]} in
 * sub-space order, so to the bit).
 */
class Sq4PqKernelsTest {
    private static final long SEED = Long.getLong("teavec.seed", System.nanoTime());

    @Test
    void nibbleDotIsTheExactIntegerSumOverBothNibbles() {
        Random random = new Random(SEED);
        for (int dim : new int[] {1, 2, 31, 33, 384, 767}) {
            int codeBytes = Sq4Quantizer.codeBytes(dim);
            ByteVectorStore heap = new ByteVectorStore(codeBytes, 3 * codeBytes);
            CodeStorage other = new CopyingStorage(new ByteVectorStore(codeBytes));
            int[][] codes = new int[20][dim];
            byte[] row = new byte[codeBytes];
            for (int[] c : codes) {
                java.util.Arrays.fill(row, (byte) 0);
                boolean extreme = random.nextInt(4) == 0;
                for (int i = 0; i < dim; i++) {
                    c[i] = extreme ? 15 : random.nextInt(16);
                    row[i >> 1] |= (byte) (c[i] << ((i & 1) << 2));
                }
                heap.write(heap.append(), row);
                other.write(other.append(), row);
            }
            short[] w = new short[2 * codeBytes];
            int max = dev.teavec.core.quant.Sq8Quantizer.maxWeight(w.length);
            for (int i = 0; i < dim; i++) {
                w[i] = (short) (random.nextBoolean() ? max : random.nextInt(2 * max + 1) - max);
            }
            NibbleKernel a = heap.newNibbleKernel();
            NibbleKernel b = other.newNibbleKernel();
            a.setWeights(w);
            b.setWeights(w);
            int[] ords = {3, 0, 19, 7, 7, 12};
            int[] batch = new int[ords.length];
            a.dot(ords, ords.length, batch);
            for (int k = 0; k < ords.length; k++) {
                long exact = 0;
                for (int i = 0; i < dim; i++) {
                    exact += (long) w[i] * codes[ords[k]][i];
                }
                String what = "dim " + dim + ", ord " + ords[k] + ", seed " + SEED;
                assertEquals(exact, a.dot(ords[k]), what);
                assertEquals(exact, b.dot(ords[k]), what);
                assertEquals(exact, batch[k], what);
            }
        }
    }

    @Test
    void lookupSumsTheQuerysTableInSubspaceOrder() {
        Random random = new Random(SEED);
        for (int m : new int[] {1, 3, 4, 5, 48, 97}) {
            int dim = 2 * m + 1;
            int[] offsets = ProductQuantizer.offsets(dim, m);
            float[][] centroids = new float[m][];
            for (int s = 0; s < m; s++) {
                centroids[s] = new float[ProductQuantizer.CENTROIDS * (offsets[s + 1] - offsets[s])];
                for (int k = 0; k < centroids[s].length; k++) {
                    // Magnitudes over six decades: a different summation order would change the bits.
                    centroids[s][k] = (float) ((random.nextDouble() - 0.3) * Math.pow(10, random.nextInt(6) - 3));
                }
            }
            ProductQuantizer pq = ProductQuantizer.restore(dim, centroids);
            ByteVectorStore heap = new ByteVectorStore(m, 4 * m);
            CodeStorage other = new CopyingStorage(new ByteVectorStore(m));
            byte[][] rows = new byte[15][m];
            for (byte[] r : rows) {
                random.nextBytes(r);
                heap.write(heap.append(), r);
                other.write(other.append(), r);
            }
            float[] q = new float[dim];
            for (int i = 0; i < dim; i++) {
                q[i] = (float) random.nextGaussian();
            }
            for (boolean l2 : new boolean[] {false, true}) {
                float[] table = new float[m * ProductQuantizer.CENTROIDS];
                pq.fillTable(q, l2, table);
                LookupKernel a = heap.newLookupTables(pq).newKernel();
                LookupKernel b = other.newLookupTables(pq).newKernel();
                a.setQuery(q, l2);
                b.setQuery(q, l2);
                int[] ords = {14, 0, 5, 5, 9};
                float[] batch = new float[ords.length];
                a.sum(ords, ords.length, batch);
                for (int k = 0; k < ords.length; k++) {
                    float sum = 0f;
                    for (int s = 0; s < m; s++) {
                        sum += table[s * 256 + (rows[ords[k]][s] & 0xFF)];
                    }
                    String what = "m " + m + ", l2 " + l2 + ", ord " + ords[k] + ", seed " + SEED;
                    assertEquals(Float.floatToIntBits(sum), Float.floatToIntBits(a.sum(ords[k])), what);
                    assertEquals(Float.floatToIntBits(sum), Float.floatToIntBits(b.sum(ords[k])), what);
                    assertEquals(Float.floatToIntBits(sum), Float.floatToIntBits(batch[k]), what);
                }
                // Without a table: the same bits (partial sums as ProductQuantizer.partial).
                a.setDirectQuery(q, l2);
                b.setDirectQuery(q, l2);
                for (int ord : ords) {
                    float sum = 0f;
                    for (int s = 0; s < m; s++) {
                        sum += pq.partial(s, q, rows[ord][s] & 0xFF, l2);
                    }
                    String what = "direct, m " + m + ", l2 " + l2 + ", ord " + ord + ", seed " + SEED;
                    assertEquals(Float.floatToIntBits(sum), Float.floatToIntBits(a.direct(ord)), what);
                    assertEquals(Float.floatToIntBits(sum), Float.floatToIntBits(b.direct(ord)), what);
                }
            }
        }
    }

    /** A storage that is not Java arrays to the kernels: rows are copied out as from linear memory. */
    private static final class CopyingStorage implements CodeStorage {
        private final ByteVectorStore inner;

        CopyingStorage(ByteVectorStore inner) {
            this.inner = inner;
        }

        @Override
        public int dimensions() {
            return inner.dimensions();
        }

        @Override
        public int size() {
            return inner.size();
        }

        @Override
        public int append() {
            return inner.append();
        }

        @Override
        public void write(int ord, byte[] codes) {
            inner.write(ord, codes);
        }

        @Override
        public void read(int ord, byte[] out) {
            inner.read(ord, out);
        }

        @Override
        public CodeStorage newEmpty() {
            return new CopyingStorage(inner.newEmpty());
        }

        @Override
        public CodeKernel newKernel() {
            throw new UnsupportedOperationException();
        }

        @Override
        public long bytesUsed() {
            return inner.bytesUsed();
        }
    }
}
