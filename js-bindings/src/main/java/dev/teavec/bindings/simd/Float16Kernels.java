package dev.teavec.bindings.simd;

import org.teavm.interop.Import;

/**
 * Float16's Wasm SIMD kernels (npm-package/src/simd/float16.wat, in the teavec/quantization engine's kernel
 * module only), imported as {@link SimdKernels}' are: byte addresses in TeaVM's linear memory; {@code blocks}
 * counts a row's 16-byte blocks of 8 halves; the float query is zero-padded to a multiple of 16. Called only
 * by {@link LinearFloat16Kernel}, so the core engine, which has no float16, neither imports nor calls them.
 */
final class Float16Kernels {
    private Float16Kernels() {
    }

    /** {@code Σ q_i · h_i}, bit for bit as {@link dev.teavec.core.store.HeapFloat16Kernel#dot}. */
    @Import(module = "teavecSimd", name = "dotF16")
    static native float dotF16(int query, int halves, int blocks);

    /** {@code out[i] = dotF16(query, addrs[i])} for i below count; addrs and out are 4-byte arrays. */
    @Import(module = "teavecSimd", name = "dotF16Batch")
    static native void dotF16Batch(int query, int addrs, int count, int blocks, int out);

    /** The halves at {@code halves} as floats at {@code out}, as {@link dev.teavec.core.store.HeapFloat16Kernel#decode}. */
    @Import(module = "teavecSimd", name = "decodeF16")
    static native void decodeF16(int halves, int blocks, double factor, int out);
}
