package dev.teavec.core.score;

import dev.teavec.core.quant.HalfFloat;
import dev.teavec.core.store.ByteVectorStore;
import dev.teavec.core.vector.CosineScale;
import dev.teavec.core.vector.Metric;
import dev.teavec.core.vector.VectorOps;

/**
 * Float16 distances: a float32 query against stored halves, decoded in the kernel ({@link #dotHalves}).
 * Keys as {@link FloatScorer}'s: {@code 1 - cos} on the halves (their power-of-two scale cancels),
 * {@code -dot} and squared L2 from {@code q·x̂ = 2^-e (q·h)} and the decoded vector's stored squared norm.
 * This scalar kernel is the reference a SIMD one must equal.
 */
public final class Float16Scorer implements QueryScorer {
    private final Float16VectorValues values;
    private final boolean cosine;
    private final boolean l2;
    private final boolean dot;
    private final int dim;
    private final float[] query;
    private final byte[] row;
    /** The halves' store when it is Java arrays, read in place; else null and rows are copied out. */
    private final ByteVectorStore heap;
    /** Inverse norm (cosine) or squared norm (L2) of the current query. */
    private float queryNorm;
    /** Under dot, while the query is a stored vector: its extra coordinate and M² ({@link InnerProductAsL2}). */
    private boolean pair;
    private float queryExtra;
    private float maxSquaredNorm;

    Float16Scorer(Float16VectorValues values) {
        this.values = values;
        this.cosine = values.metric() == Metric.COSINE;
        this.l2 = values.metric() == Metric.L2;
        this.dot = values.metric() == Metric.DOT;
        this.dim = values.dimensions();
        this.query = new float[dim];
        this.row = new byte[2 * dim];
        this.heap = values.halves() instanceof ByteVectorStore ? (ByteVectorStore) values.halves() : null;
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
            return;
        }
        System.arraycopy(q, 0, query, 0, dim);
        if (l2) {
            queryNorm = VectorOps.dot(query, 0, query, 0, dim);
        }
    }

    @Override
    public void setQueryFromOrdinal(int ord) {
        if (cosine) {
            values.readHalves(ord, query);
        } else {
            values.decode(ord, query);
        }
        queryNorm = values.norm(ord);
        pair = dot;
        if (dot) {
            maxSquaredNorm = values.maxSquaredNorm();
            queryExtra = InnerProductAsL2.extraCoordinate(maxSquaredNorm, queryNorm);
        }
    }

    @Override
    public float score(int ord) {
        float d;
        if (heap != null) {
            d = dotHalves(query, heap.chunk(ord), heap.offset(ord), dim);
        } else {
            values.readRow(ord, row);
            d = dotHalves(query, row, 0, dim);
        }
        if (cosine) {
            return 1f - d * queryNorm * values.norm(ord);
        }
        float qx = (float) (d * values.scale(ord));
        if (l2) {
            return queryNorm + values.norm(ord) - 2f * qx;
        }
        return pair ? -(qx + queryExtra * InnerProductAsL2.extraCoordinate(maxSquaredNorm, values.norm(ord))) : -qx;
    }

    /** {@code Σ q_i · h_i} over the little-endian halves at {@code row[off..off + 2·dim)}, four accumulators. */
    public static float dotHalves(float[] q, byte[] row, int off, int dim) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int i = 0;
        int end4 = dim & ~3;
        for (; i < end4; i += 4) {
            s0 += q[i] * HalfFloat.toFloatFinite(Float16VectorValues.half(row, off, i));
            s1 += q[i + 1] * HalfFloat.toFloatFinite(Float16VectorValues.half(row, off, i + 1));
            s2 += q[i + 2] * HalfFloat.toFloatFinite(Float16VectorValues.half(row, off, i + 2));
            s3 += q[i + 3] * HalfFloat.toFloatFinite(Float16VectorValues.half(row, off, i + 3));
        }
        for (; i < dim; i++) {
            s0 += q[i] * HalfFloat.toFloatFinite(Float16VectorValues.half(row, off, i));
        }
        return (s0 + s1) + (s2 + s3);
    }
}
