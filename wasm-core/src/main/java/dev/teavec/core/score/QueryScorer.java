package dev.teavec.core.score;

/**
 * A reusable scorer: set a query once, then score many ordinals. Instances hold scratch space
 * sized to the vectors' dimensions, so a search allocates nothing per distance or per query.
 * Not thread-safe (neither is the engine: Wasm runs it on one thread).
 */
public interface QueryScorer extends RandomVectorScorer {
    /** Makes {@code query} (already validated) the current query; the array may be reused afterwards. */
    void setQuery(float[] query);

    /** Makes the stored vector {@code ord} the current query: how a builder scores stored pairs. */
    void setQueryFromOrdinal(int ord);

    /** Bytes of this scorer's kernel buffers outside the Java heap (see KernelBuffers#bytesUsed). */
    default long kernelBytes() {
        return 0;
    }

    /**
     * Returns the scorer's kernel buffers, not the vectors it reads; it must not be used afterwards.
     * Again is a no-op. Whoever called {@link ScoringVectors#newScorer()} owns the scorer and calls this
     * when replacing or dropping it.
     */
    default void release() {
    }
}
