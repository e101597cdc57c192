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
}
