package dev.teavec.core.store;

/**
 * Raw float distances from one query to stored ordinals of a {@link FloatStorage}. The query lives in
 * the kernel's scratch (or points at a stored vector), so scoring allocates nothing. The batch forms
 * score a whole neighbour list in one call: where the kernel sits behind a module boundary (Wasm SIMD),
 * that is one crossing instead of one per neighbour.
 */
public interface FloatKernel extends KernelBuffers {
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
}
