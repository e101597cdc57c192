package dev.teavec.core.score;

import dev.teavec.core.store.Float16Kernel;
import dev.teavec.core.vector.CosineScale;
import dev.teavec.core.vector.Metric;
import dev.teavec.core.vector.VectorOps;

/**
 * Float16 distances: a float32 query against stored halves, {@code Σ q_i · h_i} computed by the halves'
 * storage's {@link Float16Kernel} (scalar Java on the heap, the reference; SIMD in linear memory; equal to
 * the bit). Keys as {@link FloatScorer}'s: {@code 1 - cos} on the halves (their power-of-two scale cancels),
 * {@code -dot} and squared L2 from {@code q·x̂ = 2^-e (q·h)} and the decoded vector's stored squared norm.
 */
public final class Float16Scorer extends KernelScorer {
    private final Float16VectorValues values;
    private final Float16Kernel kernel;
    private final boolean cosine;
    private final boolean l2;
    private final boolean dot;
    private final int dim;
    private final float[] query;
    /** Inverse norm (cosine) or squared norm (L2) of the current query. */
    private float queryNorm;
    /** Under dot, while the query is a stored vector: its extra coordinate and M² ({@link InnerProductAsL2}). */
    private boolean pair;
    private float queryExtra;
    private float maxSquaredNorm;

    Float16Scorer(Float16VectorValues values, Float16Kernel kernel) {
        super(kernel);
        this.values = values;
        this.kernel = kernel;
        this.cosine = values.metric() == Metric.COSINE;
        this.l2 = values.metric() == Metric.L2;
        this.dot = values.metric() == Metric.DOT;
        this.dim = values.dimensions();
        this.query = new float[dim];
    }

    @Override
    public void setQuery(float[] q) {
        assert q.length == dim : "query length " + q.length + " != " + dim;
        pair = false;
        if (cosine) {
            // Scored as float32 scores it: brought into CosineScale's safe range when outside it.
            int exponent = CosineScale.exponent(q, 0, dim);
            if (exponent != 0) {
                CosineScale.scale(q, 0, dim, exponent, query);
            } else {
                System.arraycopy(q, 0, query, 0, dim);
            }
            queryNorm = VectorOps.inverseNorm(query, 0, dim);
            kernel.setQuery(query);
            return;
        }
        if (l2) {
            queryNorm = VectorOps.dot(q, 0, q, 0, dim);
        }
        kernel.setQuery(q);
    }

    @Override
    public void setQueryFromOrdinal(int ord) {
        // Cosine scores the halves themselves; L2 and dot the decoded vector (Float16VectorValues.decode).
        kernel.setQueryFromOrdinal(ord, cosine ? 1.0 : values.scale(ord));
        queryNorm = values.norm(ord);
        pair = dot;
        if (dot) {
            maxSquaredNorm = values.maxSquaredNorm();
            queryExtra = InnerProductAsL2.extraCoordinate(maxSquaredNorm, queryNorm);
        }
    }

    @Override
    public float score(int ord) {
        return key(ord, kernel.dot(ord));
    }

    @Override
    public void score(int[] ords, int count, float[] out) {
        kernel.dot(ords, count, out);
        for (int i = 0; i < count; i++) {
            out[i] = key(ords[i], out[i]);
        }
    }

    /** The key of {@code ord} from its {@code Σ q_i · h_i}. */
    private float key(int ord, float d) {
        if (cosine) {
            return 1f - d * queryNorm * values.norm(ord);
        }
        float qx = (float) (d * values.scale(ord));
        if (l2) {
            return queryNorm + values.norm(ord) - 2f * qx;
        }
        return pair ? -(qx + queryExtra * InnerProductAsL2.extraCoordinate(maxSquaredNorm, values.norm(ord))) : -qx;
    }
}
