package dev.teavec.core.score;

/**
 * Distance between two stored ordinals, for graph building. It anchors a {@link QueryScorer} at the
 * first ordinal and keeps it there while the first argument stays the same, because builders call
 * it in loops of the form "one candidate against every kept neighbour".
 */
public final class PairScorer {
    private final QueryScorer scorer;
    private int anchor = -1;

    public PairScorer(QueryScorer scorer) {
        this.scorer = scorer;
    }

    public float score(int a, int b) {
        if (a != anchor) {
            scorer.setQueryFromOrdinal(a);
            anchor = a;
        }
        return scorer.score(b);
    }
}
