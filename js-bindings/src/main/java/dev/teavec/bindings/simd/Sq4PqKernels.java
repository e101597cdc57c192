package dev.teavec.bindings.simd;

import org.teavm.interop.Import;

/**
 * The kernels of npm-package/src/simd/sq4.wat and pq.wat, in the extended kernel module only (teavec/quantization):
 * the core engine never reaches these imports (ExtendedEncodings' code is pruned from it), and a loader without
 * them stubs them. Arguments are byte addresses in TeaVM's linear memory, as in {@link SimdKernels}.
 */
final class Sq4PqKernels {
    private Sq4PqKernels() {
    }

    /** Σ w_i·c_i over 4-bit codes at {@code codes} ({@code blocks} × 16 bytes) with weights laid out by LinearNibbleKernel. */
    @Import(module = "teavecSimd", name = "dotU4")
    static native int dotU4(int weights, int codes, int blocks);

    /** {@code out[i] = dotU4(weights, addrs[i])} for i below count; addrs and out are 4-byte arrays. */
    @Import(module = "teavecSimd", name = "dotU4Batch")
    static native void dotU4Batch(int weights, int addrs, int count, int blocks, int out);

    /** Σ_s table[s·256 + code_s] over {@code m} code bytes, summed in order from 0. */
    @Import(module = "teavecSimd", name = "adcSum")
    static native float adcSum(int table, int codes, int m);

    /** {@code out[i] = adcSum(table, addrs[i], m)} for i below count (out: floats). */
    @Import(module = "teavecSimd", name = "adcSumBatch")
    static native void adcSumBatch(int table, int addrs, int count, int m, int out);

    /**
     * The query's table, exactly as ProductQuantizer.fillTable: {@code table[s·256 + c] = Σ_j term(q_j, cent_j[c])} over
     * the dimensions j of sub-space s in order, the term {@code (q_j - x)²} ({@code l2} 1) or {@code q_j·x}. {@code
     * centroids} as LinearPqCentroids lays them out, {@code offsets} its m + 1 sub-space starts.
     */
    @Import(module = "teavecSimd", name = "pqFill")
    static native void pqFill(int query, int centroids, int offsets, int m, int table, int l2);

    /** PqScorer's direct path (no table): Σ_s partial_s for the row at {@code codes}, each partial from 0 in order. */
    @Import(module = "teavecSimd", name = "pqDirect")
    static native float pqDirect(int query, int centroids, int offsets, int m, int codes, int l2);

    /** Per sub-space, the index of the first least entry of the l2 table at {@code table}, as bytes to {@code out}. */
    @Import(module = "teavecSimd", name = "pqNearest")
    static native void pqNearest(int table, int m, int out);
}
