package dev.teavec.core.score;

/**
 * Distance from the current query to a stored ordinal: the only way graph code sees vectors.
 * Scores are the metric's ranking keys ({@code Metric.rankKey}: lower is closer), so that
 * {@code Metric.toDistance} turns them into reported distances.
 */
public interface RandomVectorScorer {
    float score(int ord);
}
