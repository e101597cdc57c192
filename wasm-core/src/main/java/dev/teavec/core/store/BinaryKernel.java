package dev.teavec.core.store;

/**
 * Popcount kernels over binary codes held in a {@link CodeStorage} (8 bytes per 64-bit code word, little-endian:
 * bit i of a code is bit {@code i mod 8} of byte {@code i / 8}): the query side of
 * {@link dev.teavec.core.quant.BinaryQuantizer}'s estimator. Results are exact integers, so the scalar kernel
 * ({@link HeapBinaryKernel}, the reference) and the browser build's SIMD one agree to the bit.
 */
public interface BinaryKernel extends KernelBuffers {
    /** Bit planes a float query is prepared into (the query's levels have this many bits). */
    int PLANES = 4;

    /**
     * Copies the query's bit planes in: plane {@code j} is {@code planes[j·words .. (j+1)·words)}, with
     * {@code words} the code words per vector ({@code dimensions() / 8} of the storage).
     */
    void setPlanes(long[] planes);

    /** {@code Σ_j 2^j · popcount(code(ord) ∧ plane_j)} over the planes of {@link #setPlanes}. */
    int weighted(int ord);

    /** {@code out[i] = weighted(ords[i])} for {@code i < count}. */
    void weighted(int[] ords, int count, int[] out);

    /** Makes the code of stored vector {@code ord} the query of {@link #hamming}; copied, so later appends are safe. */
    void setQueryFromOrdinal(int ord);

    /** {@code popcount(code(ord) xor query code)}. */
    int hamming(int ord);

    /** {@code out[i] = hamming(ords[i])} for {@code i < count}. */
    void hamming(int[] ords, int count, int[] out);
}
