package dev.teavec.core.score;

import dev.teavec.core.quant.ProductQuantizer;
import dev.teavec.core.store.LookupKernel;
import dev.teavec.core.vector.CosineScale;
import dev.teavec.core.vector.Metric;
import dev.teavec.core.vector.VectorOps;

/**
 * Asymmetric PQ distances: a float query against stored codes, through a table of {@code m × 256} terms made
 * once per query ({@link ProductQuantizer#fillTable}); a distance is then {@code m} lookups, summed by the codes'
 * {@link LookupKernel} (scalar Java, or Wasm over linear memory in the browser build: the same bits). Keys:
 * squared L2 to the decoded vector (l2), {@code 1 - cos} with it (cosine: query and stored vectors are
 * directions), {@code -dot} (dot).
 *
 * <p>Pair scores while building (a stored vector as query) use the decoded vector. Most such queries score
 * a handful of candidates (a kept neighbour checking diversity), for which a table (256 terms per
 * sub-space) would cost more than the scores: the terms are computed directly until {@link #TABLE_AFTER}
 * scores, then the table is made. Both give the same bits ({@link ProductQuantizer#partial}). Under dot,
 * pair scores use the reduction of {@link InnerProductAsL2}, as float32 and SQ8 do.
 */
public final class PqScorer extends KernelScorer {
    /** Direct scores before a pair query makes its table: about where the (vectorized) table fill is recovered. */
    static final int TABLE_AFTER = 48;

    private final PqVectorValues values;
    private final ProductQuantizer pq;
    private final boolean cosine;
    private final boolean l2;
    private final boolean dot;
    private final int dim;
    private final LookupKernel kernel;
    private final float[] query;
    private boolean tableReady;
    private int directScores;
    /** Under cosine, the inverse norm of the query as scored (1 for a normalized float query). */
    private float queryInvNorm;
    /** Under dot, while the query is a stored vector: its extra coordinate and M². */
    private boolean pair;
    private float queryExtra;
    private float maxSquaredNorm;

    PqScorer(PqVectorValues values, LookupKernel kernel) {
        super(kernel);
        this.values = values;
        this.pq = values.quantizer();
        this.cosine = values.metric() == Metric.COSINE;
        this.l2 = values.metric() == Metric.L2;
        this.dot = values.metric() == Metric.DOT;
        this.dim = values.dimensions();
        this.kernel = kernel;
        this.query = new float[dim];
    }

    @Override
    public void setQuery(float[] q) {
        assert q.length == dim : "query length " + q.length + " != " + dim;
        pair = false;
        if (cosine) {
            // As stored vectors are encoded: a direction, scaled into the safe range first.
            float[] scaled = CosineScale.scaled(q);
            float inv = VectorOps.inverseNorm(scaled, 0, dim);
            for (int i = 0; i < dim; i++) {
                query[i] = scaled[i] * inv;
            }
            queryInvNorm = 1f;
        } else {
            System.arraycopy(q, 0, query, 0, dim);
        }
        makeTable();
    }

    private void makeTable() {
        kernel.setQuery(query, l2);
        tableReady = true;
    }

    @Override
    public void setQueryFromOrdinal(int ord) {
        values.decode(ord, query);
        kernel.setDirectQuery(query, l2);
        tableReady = false;
        directScores = 0;
        if (cosine) {
            queryInvNorm = values.norm(ord);
        }
        if (dot) {
            pair = true;
            maxSquaredNorm = values.maxSquaredNorm();
            queryExtra = InnerProductAsL2.extraCoordinate(maxSquaredNorm, values.norm(ord));
        }
    }

    @Override
    public float score(int ord) {
        if (!tableReady && ++directScores > TABLE_AFTER) {
            makeTable();
        }
        if (tableReady) {
            return key(ord, kernel.sum(ord));
        }
        return key(ord, kernel.direct(ord));
    }

    @Override
    public void score(int[] ords, int count, float[] out) {
        if (!tableReady) {
            for (int i = 0; i < count; i++) {
                out[i] = score(ords[i]);
            }
            return;
        }
        float[] sums = floatScratch(count);
        kernel.sum(ords, count, sums);
        for (int i = 0; i < count; i++) {
            out[i] = key(ords[i], sums[i]);
        }
    }

    private float key(int ord, float sum) {
        if (l2) {
            return sum;
        }
        if (cosine) {
            return 1f - sum * queryInvNorm * values.norm(ord);
        }
        return pair ? -(sum + queryExtra * InnerProductAsL2.extraCoordinate(maxSquaredNorm, values.norm(ord))) : -sum;
    }
}
