package dev.teavec.core.score;

import dev.teavec.core.store.FloatVectorStore;
import dev.teavec.core.vector.Metric;
import dev.teavec.core.vector.VectorOps;

/** Exact float32 distances. A stored query is read in place, never copied. */
public final class FloatScorer implements QueryScorer {
    private final FloatVectorValues values;
    private final FloatVectorStore store;
    private final Metric metric;
    private final int dim;
    private final float[] own;
    private float[] query;
    private int queryOff;
    private float queryInvNorm;

    FloatScorer(FloatVectorValues values) {
        this.values = values;
        this.store = values.store();
        this.metric = values.metric();
        this.dim = values.dimensions();
        this.own = new float[dim];
    }

    @Override
    public void setQuery(float[] q) {
        assert q.length == dim : "query length " + q.length + " != " + dim;
        System.arraycopy(q, 0, own, 0, dim);
        query = own;
        queryOff = 0;
        queryInvNorm = metric.usesNorm() ? VectorOps.inverseNorm(own, 0, dim) : 0f;
    }

    @Override
    public void setQueryFromOrdinal(int ord) {
        query = store.chunk(ord);
        queryOff = store.offset(ord);
        queryInvNorm = values.invNorm(ord);
    }

    @Override
    public float score(int ord) {
        return metric.rankKey(query, queryOff, queryInvNorm, store.chunk(ord), store.offset(ord),
                values.invNorm(ord), dim);
    }
}
