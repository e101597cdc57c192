package dev.teavec.core.score;

import dev.teavec.core.quant.Sq8Quantizer;
import dev.teavec.core.store.CodeKernel;
import dev.teavec.core.vector.CosineScale;
import dev.teavec.core.vector.Metric;
import dev.teavec.core.vector.VectorOps;

/**
 * Asymmetric SQ8 distances: a float query against stored codes. The query is prepared once
 * ({@link Sq8Quantizer#prepareQuery}: {@code q·x̂ = constant + Σ (q_i·step_i)·c_i}) and its weights
 * rounded to 16-bit integers ({@link Sq8Quantizer#toIntWeights}), so each distance is one integer dot
 * product on the codes, exact on every kernel (scalar or SIMD), plus the precomputed per-vector norm.
 * Keys: {@code 1 - cos}, {@code -dot}, squared L2 (the query's squared
 * norm is added so the key is the true squared distance to the decoded vector, not just a ranking).
 */
public final class Sq8Scorer extends KernelScorer {
    private final Sq8VectorValues values;
    private final CodeKernel kernel;
    /** The metric as flags: an enum switch costs a switch-map lookup per distance in TeaVM's output. */
    private final boolean cosine;
    private final boolean l2;
    private final boolean dot;
    private final int dim;
    /** Under dot, while the query is a stored vector: its extra coordinate and M² ({@link InnerProductAsL2}). */
    private boolean pair;
    private float queryExtra;
    private float maxSquaredNorm;
    private final float[] scaled;
    private final short[] weights;
    private float constant;
    private float scale;
    /** Inverse norm (cosine) or squared norm (L2) of the current query. */
    private float queryNorm;
    /** The query rescaled under cosine, when it needs it; allocated on first use. */
    private float[] scaledQuery;

    Sq8Scorer(Sq8VectorValues values, CodeKernel kernel) {
        super(kernel);
        this.values = values;
        this.kernel = kernel;
        this.cosine = values.metric() == Metric.COSINE;
        this.l2 = values.metric() == Metric.L2;
        this.dot = values.metric() == Metric.DOT;
        this.dim = values.dimensions();
        this.scaled = new float[dim];
        this.weights = new short[dim];
    }

    @Override
    public void setQuery(float[] q) {
        assert q.length == dim : "query length " + q.length + " != " + dim;
        pair = false;
        if (cosine) {
            // Scored as the stored vectors are: brought into CosineScale's safe range when outside it.
            float[] query = q;
            int exponent = CosineScale.exponent(q, 0, dim);
            if (exponent != 0) {
                if (scaledQuery == null) {
                    scaledQuery = new float[dim];
                }
                CosineScale.scale(q, 0, dim, exponent, scaledQuery);
                query = scaledQuery;
            }
            prepare(query);
            queryNorm = VectorOps.inverseNorm(query, 0, dim);
            return;
        }
        prepare(q);
        if (l2) {
            queryNorm = VectorOps.dot(q, 0, q, 0, dim);
        }
    }

    @Override
    public void setQueryFromOrdinal(int ord) {
        // Read the quantizer now, not at construction: re-calibration replaces it.
        kernel.setQueryFromOrdinal(ord, values.quantizer());
        constant = kernel.constant();
        scale = kernel.scale();
        queryNorm = values.norm(ord);
        if (dot) {
            pair = true;
            maxSquaredNorm = values.maxSquaredNorm();
            queryExtra = InnerProductAsL2.extraCoordinate(maxSquaredNorm, queryNorm);
        }
    }

    private void prepare(float[] q) {
        constant = values.quantizer().prepareQuery(q, 0, scaled);
        scale = Sq8Quantizer.toIntWeights(scaled, weights, dim);
        kernel.setWeights(weights);
    }

    @Override
    public float score(int ord) {
        return key(ord, kernel.dot(ord));
    }

    @Override
    public void score(int[] ords, int count, float[] out) {
        int[] dots = intScratch(count);
        kernel.dot(ords, count, dots);
        float[] norms = values.norms();
        if (cosine) {
            for (int i = 0; i < count; i++) {
                out[i] = 1f - (constant + scale * dots[i]) * queryNorm * norms[ords[i]];
            }
        } else if (l2) {
            for (int i = 0; i < count; i++) {
                out[i] = queryNorm + norms[ords[i]] - 2f * (constant + scale * dots[i]);
            }
        } else if (pair) {
            for (int i = 0; i < count; i++) {
                out[i] = -(constant + scale * dots[i] + queryExtra * InnerProductAsL2.extraCoordinate(maxSquaredNorm, norms[ords[i]]));
            }
        } else {
            for (int i = 0; i < count; i++) {
                out[i] = -(constant + scale * dots[i]);
            }
        }
    }

    /** The key for a code dot product; the batch loops above spell out the same expressions. */
    private float key(int ord, int codeDot) {
        float dot = constant + scale * codeDot;
        if (cosine) {
            return 1f - dot * queryNorm * values.norm(ord);
        }
        if (l2) {
            return queryNorm + values.norm(ord) - 2f * dot;
        }
        return pair ? -(dot + queryExtra * InnerProductAsL2.extraCoordinate(maxSquaredNorm, values.norm(ord))) : -dot;
    }
}
