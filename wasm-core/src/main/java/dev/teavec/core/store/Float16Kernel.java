package dev.teavec.core.store;

/**
 * Float16's distance kernel: {@code Σ q_i · h_i} between a float32 query and the IEEE halves a
 * {@link CodeStorage} row holds (two little-endian bytes a dimension), read where they live: Java arrays
 * ({@link HeapFloat16Kernel}, the scalar reference) or Wasm linear memory (js-bindings, SIMD). Both sum in
 * the same lanes and order ({@link HeapFloat16Kernel#dot}), so they agree to the bit.
 */
public interface Float16Kernel extends KernelBuffers {
    /** Copies {@code query[0..dimensions)} in as the current query. */
    void setQuery(float[] query);

    /**
     * Makes stored row {@code ord} the current query, decoded as {@link HeapFloat16Kernel#decode} does: each
     * half times {@code factor} (a power of two), rounded to float once and clamped to ±{@link Float#MAX_VALUE}.
     */
    void setQueryFromOrdinal(int ord, double factor);

    /** {@code Σ q_i · h_i} over the halves of {@code ord}. */
    float dot(int ord);

    /** {@code out[i] = dot(ords[i])} for {@code i < count}. */
    void dot(int[] ords, int count, float[] out);
}
