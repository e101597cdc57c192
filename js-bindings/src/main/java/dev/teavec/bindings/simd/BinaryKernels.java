package dev.teavec.bindings.simd;

import org.teavm.interop.Import;

/**
 * The binary-code popcount kernels of npm-package/src/simd/binary.wat (in teavec/quantization's kernel module
 * only; the core loader stubs them, and nothing in the core engine reaches them). Arguments are byte addresses
 * in TeaVM's linear memory and {@code blocks}, the code length in 16-byte blocks (rows zero-padded to whole
 * blocks). Results are exact integers, equal to {@link dev.teavec.core.store.BinaryKernel}'s scalar reference.
 */
final class BinaryKernels {
    private BinaryKernels() {
    }

    /**
     * {@code Σ_j 2^j popcount(code ∧ plane_j)} for the four planes at {@code planes}, interleaved by block: the
     * 16 bytes of plane j for block b at {@code planes + 64 b + 16 j}.
     */
    @Import(module = "teavecSimd", name = "binaryPlanes")
    static native int planes(int planes, int code, int blocks);

    /** {@code out[i] = planes(planes, addrs[i])} for i below count; addrs and out are 4-byte arrays. */
    @Import(module = "teavecSimd", name = "binaryPlanesBatch")
    static native void planesBatch(int planes, int addrs, int count, int blocks, int out);

    /** {@code popcount(a xor b)}. */
    @Import(module = "teavecSimd", name = "binaryHamming")
    static native int hamming(int a, int b, int blocks);

    /** {@code out[i] = hamming(query, addrs[i])} for i below count. */
    @Import(module = "teavecSimd", name = "binaryHammingBatch")
    static native void hammingBatch(int query, int addrs, int count, int blocks, int out);
}
