package dev.teavec.core.score;

import dev.teavec.core.quant.Sq4Quantizer;
import dev.teavec.core.store.ByteVectorStore;
import dev.teavec.core.vector.CosineScale;
import dev.teavec.core.vector.Metric;
import dev.teavec.core.vector.VectorOps;

/**
 * Asymmetric SQ4 distances: a float query against stored 4-bit codes. The query is prepared once
 * ({@link Sq4Quantizer#prepareQuery}: {@code q·x̂ = constant + Σ (q_i·step_i)·c_i}), then each distance is
 * one float multiply-add per dimension on the codes plus the precomputed per-vector norm. A stored query
 * (graph construction) is its decoded vector. Keys as {@link Sq8Scorer}'s. The scalar reference kernel.
 */
public final class Sq4Scorer implements QueryScorer {
    private final Sq4VectorValues values;
    private final boolean cosine;
    private final boolean l2;
    private final boolean dot;
    private final int dim;
    private final int codeBytes;
    /** The prepared query, zero-padded to an even length. */
    private final float[] scaled;
    private final float[] query;
    private final byte[] row;
    /** The codes' store when it is Java arrays, read in place; else null and rows are copied out. */
    private final ByteVectorStore heap;
    private float constant;
    private float queryNorm;
    private boolean pair;
    private float queryExtra;
    private float maxSquaredNorm;

    Sq4Scorer(Sq4VectorValues values) {
        this.values = values;
        this.cosine = values.metric() == Metric.COSINE;
        this.l2 = values.metric() == Metric.L2;
        this.dot = values.metric() == Metric.DOT;
        this.dim = values.dimensions();
        this.codeBytes = Sq4Quantizer.codeBytes(dim);
        this.scaled = new float[2 * codeBytes];
        this.query = new float[dim];
        this.row = new byte[codeBytes];
        this.heap = values.codes() instanceof ByteVectorStore ? (ByteVectorStore) values.codes() : null;
    }

    @Override
    public void setQuery(float[] q) {
        assert q.length == dim : "query length " + q.length + " != " + dim;
        pair = false;
        if (cosine) {
            int exponent = CosineScale.exponent(q, 0, dim);
            if (exponent != 0) {
                CosineScale.scale(q, 0, dim, exponent, query);
            } else {
                System.arraycopy(q, 0, query, 0, dim);
            }
            prepare();
            queryNorm = VectorOps.inverseNorm(query, 0, dim);
            return;
        }
        System.arraycopy(q, 0, query, 0, dim);
        prepare();
        if (l2) {
            queryNorm = VectorOps.dot(query, 0, query, 0, dim);
        }
    }

    @Override
    public void setQueryFromOrdinal(int ord) {
        values.decodeScored(ord, query);
        prepare();
        queryNorm = values.norm(ord);
        pair = dot;
        if (dot) {
            maxSquaredNorm = values.maxSquaredNorm();
            queryExtra = InnerProductAsL2.extraCoordinate(maxSquaredNorm, queryNorm);
        }
    }

    private void prepare() {
        // Read the quantizer now, not at construction: re-calibration replaces it.
        constant = values.quantizer().prepareQuery(query, scaled);
    }

    @Override
    public float score(int ord) {
        float d;
        if (heap != null) {
            d = constant + Sq4Quantizer.dotCodes(scaled, heap.chunk(ord), heap.offset(ord), codeBytes);
        } else {
            values.codes().read(ord, row);
            d = constant + Sq4Quantizer.dotCodes(scaled, row, 0, codeBytes);
        }
        if (cosine) {
            return 1f - d * queryNorm * values.norm(ord);
        }
        if (l2) {
            return queryNorm + values.norm(ord) - 2f * d;
        }
        return pair ? -(d + queryExtra * InnerProductAsL2.extraCoordinate(maxSquaredNorm, values.norm(ord))) : -d;
    }
}
