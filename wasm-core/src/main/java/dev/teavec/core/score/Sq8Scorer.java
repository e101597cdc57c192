package dev.teavec.core.score;

import dev.teavec.core.quant.Sq8Quantizer;
import dev.teavec.core.store.ByteVectorStore;
import dev.teavec.core.vector.Metric;
import dev.teavec.core.vector.VectorOps;

/**
 * Asymmetric SQ8 distances: a float query against stored codes, via {@link Sq8Quantizer#dotCodes}
 * and the precomputed per-vector norm. Keys follow {@code Metric.rankKey}: {@code 1 - cos},
 * {@code -dot}, squared L2 (the query's squared norm is added so the key is the true squared
 * distance to the decoded vector, not just a ranking).
 */
public final class Sq8Scorer implements QueryScorer {
    private final Sq8VectorValues values;
    private final ByteVectorStore codes;
    private final Metric metric;
    private final int dim;
    private final float[] scaled;
    private final float[] decoded;
    private float constant;
    /** Inverse norm (cosine) or squared norm (L2) of the current query. */
    private float queryNorm;

    Sq8Scorer(Sq8VectorValues values) {
        this.values = values;
        this.codes = values.codes();
        this.metric = values.metric();
        this.dim = values.dimensions();
        this.scaled = new float[dim];
        this.decoded = new float[dim];
    }

    @Override
    public void setQuery(float[] q) {
        assert q.length == dim : "query length " + q.length + " != " + dim;
        // Read the quantizer now, not at construction: re-calibration replaces it.
        constant = values.quantizer().prepareQuery(q, 0, scaled);
        if (metric == Metric.COSINE) {
            queryNorm = VectorOps.inverseNorm(q, 0, dim);
        } else if (metric == Metric.L2) {
            queryNorm = VectorOps.dot(q, 0, q, 0, dim);
        }
    }

    @Override
    public void setQueryFromOrdinal(int ord) {
        values.decode(ord, decoded);
        constant = values.quantizer().prepareQuery(decoded, 0, scaled);
        queryNorm = values.norm(ord);
    }

    @Override
    public float score(int ord) {
        float dot = constant + Sq8Quantizer.dotCodes(scaled, codes.chunk(ord), codes.offset(ord), dim);
        switch (metric) {
            case COSINE:
                return 1f - dot * queryNorm * values.norm(ord);
            case DOT:
                return -dot;
            default:
                return queryNorm + values.norm(ord) - 2f * dot;
        }
    }
}
