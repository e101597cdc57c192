package dev.teavec.core.store;

/**
 * Raw float distances from one query to stored ordinals of a {@link FloatStorage}. The query lives in
 * the kernel's scratch (or points at a stored vector), so scoring allocates nothing. The batch forms
 * score a whole neighbour list in one call: where the kernel sits behind a module boundary (Wasm SIMD),
 * that is one crossing instead of one per neighbour.
 */
public interface FloatKernel {
    /** Copies {@code query} (length {@code dimensions}) in as the current query. */
    void setQuery(float[] query);

    /** Makes stored vector {@code ord} the current query, without copying where the storage allows. */
    void setQueryFromOrdinal(int ord);

    float dot(int ord);

    float squaredL2(int ord);

    /** {@code out[i] = dot(ords[i])} for {@code i < count}. */
    void dot(int[] ords, int count, float[] out);

    /** {@code out[i] = squaredL2(ords[i])} for {@code i < count}. */
    void squaredL2(int[] ords, int count, float[] out);

    /**
     * Bytes of the kernel's own buffers (query, weights, batch scratch) outside the Java heap, for the
     * accounting that {@code checkIntegrity} aids use; 0 where the garbage collector owns them.
     */
    default long bytesUsed() {
        return 0;
    }

    /**
     * Returns the kernel's own buffers (never the storage's vectors) now; it must not be used afterwards.
     * Again is a no-op. Called by the scorer that owns the kernel.
     */
    default void release() {
    }
}
