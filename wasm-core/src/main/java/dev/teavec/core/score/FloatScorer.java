package dev.teavec.core.score;

import dev.teavec.core.store.FloatKernel;
import dev.teavec.core.vector.CosineScale;
import dev.teavec.core.vector.Metric;
import dev.teavec.core.vector.VectorOps;

/**
 * Exact float32 distances as ranking keys ({@code 1 - cos}, {@code -dot}, squared L2), computed by
 * the storage's kernel. A stored query is read in place, never copied.
 */
public final class FloatScorer extends KernelScorer {
    private final FloatVectorValues values;
    private final FloatKernel kernel;
    /** The metric as flags: an enum switch costs a switch-map lookup per distance in TeaVM's output. */
    private final boolean cosine;
    private final boolean l2;
    private final boolean dot;
    private final int dim;
    /** Under dot, while the query is a stored vector: its extra coordinate, and the reduction's M² ({@link InnerProductAsL2}). */
    private boolean pair;
    private float queryExtra;
    private float maxSquaredNorm;
    private float[] squaredNorms;
    private float queryInvNorm;
    /** The query rescaled under cosine, when it needs it; allocated on first use. */
    private float[] scaledQuery;

    FloatScorer(FloatVectorValues values, FloatKernel kernel) {
        super(kernel);
        this.values = values;
        this.kernel = kernel;
        this.cosine = values.metric() == Metric.COSINE;
        this.l2 = values.metric() == Metric.L2;
        this.dot = values.metric() == Metric.DOT;
        this.dim = values.dimensions();
    }

    @Override
    public void setQuery(float[] q) {
        assert q.length == dim : "query length " + q.length + " != " + dim;
        pair = false;
        float[] query = q;
        if (cosine) {
            // Scored as the stored vectors are: brought into CosineScale's safe range when outside it.
            int exponent = CosineScale.exponent(q, 0, dim);
            if (exponent != 0) {
                if (scaledQuery == null) {
                    scaledQuery = new float[dim];
                }
                CosineScale.scale(q, 0, dim, exponent, scaledQuery);
                query = scaledQuery;
            }
            queryInvNorm = VectorOps.inverseNorm(query, 0, dim);
        }
        kernel.setQuery(query);
    }

    @Override
    public void setQueryFromOrdinal(int ord) {
        kernel.setQueryFromOrdinal(ord);
        queryInvNorm = values.invNorm(ord);
        if (dot) {
            pair = true;
            squaredNorms = values.squaredNorms();
            maxSquaredNorm = values.maxSquaredNorm();
            queryExtra = InnerProductAsL2.extraCoordinate(maxSquaredNorm, squaredNorms[ord]);
        }
    }

    private float pairTerm(int ord) {
        return queryExtra * InnerProductAsL2.extraCoordinate(maxSquaredNorm, squaredNorms[ord]);
    }

    @Override
    public float score(int ord) {
        if (cosine) {
            return 1f - kernel.dot(ord) * queryInvNorm * values.invNorm(ord);
        }
        if (l2) {
            return kernel.squaredL2(ord);
        }
        return pair ? -(kernel.dot(ord) + pairTerm(ord)) : -kernel.dot(ord);
    }

    @Override
    public void score(int[] ords, int count, float[] out) {
        if (l2) {
            kernel.squaredL2(ords, count, out);
            return;
        }
        kernel.dot(ords, count, out);
        if (cosine) {
            float[] invNorms = values.invNorms();
            for (int i = 0; i < count; i++) {
                out[i] = 1f - out[i] * queryInvNorm * invNorms[ords[i]];
            }
        } else if (pair) {
            for (int i = 0; i < count; i++) {
                out[i] = -(out[i] + pairTerm(ords[i]));
            }
        } else {
            for (int i = 0; i < count; i++) {
                out[i] = -out[i];
            }
        }
    }
}
