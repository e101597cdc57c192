package dev.teavec.core.score;

import dev.teavec.core.quant.Sq4Quantizer;
import dev.teavec.core.quant.Sq8Quantizer;
import dev.teavec.core.store.NibbleKernel;
import dev.teavec.core.vector.CosineScale;
import dev.teavec.core.vector.Metric;
import dev.teavec.core.vector.VectorOps;

/**
 * Asymmetric SQ4 distances: a float query against stored 4-bit codes. The query is prepared once
 * ({@link Sq4Quantizer#prepareQuery}: {@code q·x̂ = constant + Σ (q_i·step_i)·c_i}) and its weights rounded to
 * 16-bit integers as SQ8's are ({@link Sq8Quantizer#toIntWeights}), so each distance is one integer dot product on
 * the codes ({@link NibbleKernel}: scalar Java or Wasm SIMD, exact and equal on both) plus the precomputed
 * per-vector norm. A stored query (graph construction) is its decoded vector. Keys as {@link Sq8Scorer}'s.
 */
public final class Sq4Scorer extends KernelScorer {
    private final Sq4VectorValues values;
    private final boolean cosine;
    private final boolean l2;
    private final boolean dot;
    private final int dim;
    private final NibbleKernel kernel;
    /** The prepared query, zero-padded to an even length, and its integer weights. */
    private final float[] scaled;
    private final short[] weights;
    private final float[] query;
    private float constant;
    private float scale;
    private float queryNorm;
    private boolean pair;
    private float queryExtra;
    private float maxSquaredNorm;

    Sq4Scorer(Sq4VectorValues values, NibbleKernel kernel) {
        super(kernel);
        this.values = values;
        this.cosine = values.metric() == Metric.COSINE;
        this.l2 = values.metric() == Metric.L2;
        this.dot = values.metric() == Metric.DOT;
        this.dim = values.dimensions();
        this.kernel = kernel;
        this.scaled = new float[2 * Sq4Quantizer.codeBytes(dim)];
        this.weights = new short[scaled.length];
        this.query = new float[dim];
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
        scale = Sq8Quantizer.toIntWeights(scaled, weights, scaled.length);
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
        for (int i = 0; i < count; i++) {
            out[i] = key(ords[i], dots[i]);
        }
    }

    private float key(int ord, int codeDot) {
        float d = constant + scale * codeDot;
        if (cosine) {
            return 1f - d * queryNorm * values.norm(ord);
        }
        if (l2) {
            return queryNorm + values.norm(ord) - 2f * d;
        }
        return pair ? -(d + queryExtra * InnerProductAsL2.extraCoordinate(maxSquaredNorm, values.norm(ord))) : -d;
    }
}
