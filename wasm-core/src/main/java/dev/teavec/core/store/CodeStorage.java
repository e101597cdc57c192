package dev.teavec.core.store;

import dev.teavec.core.quant.ProductQuantizer;
import dev.teavec.core.quant.Sq8Quantizer;
import dev.teavec.core.vector.VectorOps;

/**
 * Fixed-length byte codes (SQ8: one unsigned byte per dimension) by dense ordinal, plus the integer
 * dot kernel that reads them where they live: Java arrays ({@link ByteVectorStore}) with a scalar
 * kernel, or Wasm linear memory with a SIMD kernel (js-bindings). Integer results are exact, so both
 * agree to the bit.
 */
public interface CodeStorage {
    int dimensions();

    int size();

    /** Reserves the next ordinal (codes all zero until {@link #write}) and returns it. */
    int append();

    /** Sets the codes of {@code ord} from {@code codes[0..dimensions)}. */
    void write(int ord, byte[] codes);

    /** As {@link FloatStorage#reserve}: a hint that the storage will hold {@code count} codes in all. */
    default void reserve(int count) {
    }

    /**
     * Appends {@code count} codes, {@link #dimensions()} bytes each, end to end at {@code [pos, pos +
     * dimensions · count)} of {@code source}. Storages that can copy runs of rows at once override it.
     */
    default void appendRows(RowSource source, int pos, int count) {
        int dim = dimensions();
        byte[] code = new byte[dim];
        int step = RowSource.rowsPerRead(dim);
        for (int done = 0; done < count; done += step) {
            int n = Math.min(step, count - done);
            byte[] b = source.read(pos + dim * done, dim * n);
            for (int r = 0; r < n; r++) {
                System.arraycopy(b, r * dim, code, 0, dim);
                write(append(), code);
            }
        }
    }

    /**
     * Sets {@code out[ord]}, for each ord in {@code [from, from + count)}, to the squared norm of its decoded
     * codes: {@link VectorOps#dot} of {@link Sq8Quantizer#decode}'s vector with itself, to the bit (what SQ8's
     * norms are made of; a snapshot load recomputes them all). Storages whose kernels read the codes where
     * they live override it.
     */
    default void decodedSquaredNorms(Sq8Quantizer quantizer, int from, int count, float[] out) {
        int dim = dimensions();
        byte[] code = new byte[dim];
        float[] x = new float[dim];
        for (int ord = from; ord < from + count; ord++) {
            read(ord, code);
            quantizer.decode(code, 0, x);
            out[ord] = VectorOps.dot(x, 0, x, 0, dim);
        }
    }

    /** Copies the codes of {@code ord} into {@code out[0..dimensions)}. */
    void read(int ord, byte[] out);

    /** A new, empty storage of the same kind and dimensions. */
    CodeStorage newEmpty();

    /** A new kernel over this storage, holding its own query weights. */
    CodeKernel newKernel();

    /**
     * A new float16 kernel over this storage's rows read as IEEE halves (float16's codes), holding its own
     * query. The scalar reference here; storages in linear memory return a SIMD one.
     */
    default Float16Kernel newFloat16Kernel() {
        return new HeapFloat16Kernel(this);
    }

    /** A new SQ4 kernel over this storage (rows of packed 4-bit codes): scalar here, SIMD where rows are in linear memory. */
    default NibbleKernel newNibbleKernel() {
        return new HeapNibbleKernel(this);
    }

    /** PQ's centroids for table-lookup kernels over this storage (rows of one code byte per sub-space): as above. */
    default LookupTables newLookupTables(ProductQuantizer pq) {
        return () -> new HeapLookupKernel(this, pq);
    }

    // ---- binary codes (BinaryVectorValues): rows of 8 bytes per 64-bit code word
    /** A new popcount kernel over this storage's rows read as binary codes (scalar here; SIMD in linear memory). */
    default BinaryKernel newBinaryKernel() {
        return new HeapBinaryKernel(this);
    }
    // ---- end binary codes

    /** Bytes held (allocated capacity). */
    long bytesUsed();

    /**
     * Returns memory the garbage collector cannot reclaim (the browser build's Wasm linear memory) now;
     * the storage and its kernels must not be used afterwards. Again is a no-op; nothing to do on the
     * Java heap. Called by the storage's owner (see {@link dev.teavec.core.score.ScoringVectors#release}).
     */
    default void release() {
    }
}
