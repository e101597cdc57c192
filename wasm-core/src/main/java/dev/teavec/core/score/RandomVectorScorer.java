package dev.teavec.core.score;

/**
 * Distance from the current query to a stored ordinal: the only way graph code sees vectors.
 * Scores are the metric's ranking keys ({@code 1 - cos}, {@code -dot}, squared L2: lower is closer),
 * so that {@code Metric.toDistance} turns them into reported distances.
 */
public interface RandomVectorScorer {
    float score(int ord);

    /**
     * {@code out[i] = score(ords[i])} for {@code i < count}, bit for bit. Scorers whose kernels sit behind
     * a module boundary (Wasm SIMD) score the whole list in one crossing.
     */
    default void score(int[] ords, int count, float[] out) {
        for (int i = 0; i < count; i++) {
            out[i] = score(ords[i]);
        }
    }
}
