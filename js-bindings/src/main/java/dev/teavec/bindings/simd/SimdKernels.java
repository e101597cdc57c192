package dev.teavec.bindings.simd;

import org.teavm.interop.Import;

/**
 * The Wasm SIMD128 kernels of npm-package/src/simd/kernels.wat, which the loader instantiates on
 * TeaVM's own linear memory and hands to this module as its "teavecSimd" imports. Arguments are byte
 * addresses in that memory (never Buffers: TeaVM emits invalid Wasm for a Buffer passed to an
 * {@code @Import}) and {@code blocks}, the vector length in 16-element blocks.
 *
 * <p>Why imports of another Wasm instance: TeaVM emits no SIMD, so the kernels live in a second module,
 * instantiated on the same memory before the engine, and its exports are the engine's imports. An
 * engine then calls them directly, Wasm to Wasm, several times cheaper than through a JS function (see
 * bench/README.md, SIMD kernel calls). So the kernels are bound directly, and the batch kernels (a whole
 * neighbour list per call) mainly save the Java-side call chain per distance.
 * Where SIMD is missing (or disabled with {@code init({ simd: false })}) the loader supplies stubs,
 * {@link #enabled()} answers 0 and the engine keeps its vectors on the Java heap with scalar kernels.
 */
public final class SimdKernels {
    private SimdKernels() {
    }

    /** 1 when the loader supplied the SIMD kernels, 0 when only stubs. */
    @Import(module = "teavecSimd", name = "enabled")
    public static native int enabled();

    @Import(module = "teavecSimd", name = "dotF32")
    static native float dotF32(int query, int vector, int blocks);

    @Import(module = "teavecSimd", name = "l2F32")
    static native float l2F32(int query, int vector, int blocks);

    @Import(module = "teavecSimd", name = "dotU8")
    static native int dotU8(int weights, int codes, int blocks);

    /**
     * Prepares the codes at {@code codes} as a query (Sq8Quantizer.prepareFromCodes then toIntWeights):
     * writes the i16 weights, and [constant, scale] as two floats at {@code out}. {@code tables} holds
     * min·step then step², {@code tmp} is scratch; both {@code blocks} × 16 floats.
     */
    @Import(module = "teavecSimd", name = "prepareU8")
    static native void prepareU8(int codes, int tables, int blocks, int tmp, int weights, int out, float minSquaredSum,
            int maxWeight);

    /**
     * The squared norm of the codes at {@code codes} decoded as {@code min_i + step_i · c_i} (Sq8Quantizer.decode,
     * then VectorOps.dot with itself, to the bit): {@code tables} holds min then step, {@code blocks} × 16 floats each.
     */
    @Import(module = "teavecSimd", name = "normU8")
    static native float normU8(int codes, int tables, int blocks);

    /** {@code out[i] = dotF32(query, addrs[i])} for i below count; addrs and out are 4-byte arrays. */
    @Import(module = "teavecSimd", name = "dotF32Batch")
    static native void dotF32Batch(int query, int addrs, int count, int blocks, int out);

    @Import(module = "teavecSimd", name = "l2F32Batch")
    static native void l2F32Batch(int query, int addrs, int count, int blocks, int out);

    @Import(module = "teavecSimd", name = "dotU8Batch")
    static native void dotU8Batch(int weights, int addrs, int count, int blocks, int out);
}
