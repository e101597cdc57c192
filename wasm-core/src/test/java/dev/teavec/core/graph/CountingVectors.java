package dev.teavec.core.graph;

import dev.teavec.core.score.QueryScorer;
import dev.teavec.core.score.ScoringVectors;
import dev.teavec.core.vector.Metric;

/** Stored vectors whose scorers report each row they score to {@code onRow}: rows per insert or query, counted. */
public final class CountingVectors implements ScoringVectors {
    private final ScoringVectors inner;
    private final Runnable onRow;

    public CountingVectors(ScoringVectors inner, Runnable onRow) {
        this.inner = inner;
        this.onRow = onRow;
    }

    @Override
    public int dimensions() {
        return inner.dimensions();
    }

    @Override
    public Metric metric() {
        return inner.metric();
    }

    @Override
    public int size() {
        return inner.size();
    }

    @Override
    public int add(float[] vector) {
        return inner.add(vector);
    }

    @Override
    public void decode(int ord, float[] out) {
        inner.decode(ord, out);
    }

    @Override
    public ScoringVectors copyOf(int[] ords, int count) {
        return inner.copyOf(ords, count);
    }

    @Override
    public long bytesUsed() {
        return inner.bytesUsed();
    }

    @Override
    public long storageBytes() {
        return inner.storageBytes();
    }

    /** Nothing: the wrapped vectors are the caller's. */
    @Override
    public void release() {
    }

    @Override
    public QueryScorer newScorer() {
        QueryScorer scorer = inner.newScorer();
        return new QueryScorer() {
            @Override
            public void setQuery(float[] query) {
                scorer.setQuery(query);
            }

            @Override
            public void setQueryFromOrdinal(int ord) {
                scorer.setQueryFromOrdinal(ord);
            }

            @Override
            public float score(int ord) {
                onRow.run();
                return scorer.score(ord);
            }

            @Override
            public void score(int[] ords, int count, float[] out) {
                for (int i = 0; i < count; i++) {
                    onRow.run();
                }
                scorer.score(ords, count, out);
            }
        };
    }
}
