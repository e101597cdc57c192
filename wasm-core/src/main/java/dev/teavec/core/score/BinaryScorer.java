package dev.teavec.core.score;

import dev.teavec.core.quant.BinaryQuantizer;
import dev.teavec.core.store.BinaryKernel;
import dev.teavec.core.vector.Metric;

/**
 * Estimated distances on binary codes ({@link BinaryQuantizer}'s estimator). A float query is prepared once
 * into {@link BinaryQuantizer#QUERY_BITS} bit planes, so each distance is {@code 5 · ceil(d/64)} popcounts:
 * {@code Σ s_i y'_i = 2 Σ_{s_i=+1} y'_i - Σ y'_i} with {@code Σ_{s_i=+1} y'_i = lo · |s| + step · Σ_j 2^j |s ∧ plane_j|}.
 * A stored query (graph construction) costs one popcount per word: {@code alpha_x alpha_y (d - 2 hamming)}.
 * The popcounts are the storage's {@link BinaryKernel} (scalar, or SIMD in linear memory: exact integers either
 * way, combined here with the per-vector terms in one expression, {@link #key}, for single and batch scoring).
 * Keys as the float scorers': {@code 1 - cos}, {@code -dot} (stored pairs under dot as {@link InnerProductAsL2}),
 * squared L2: estimates, so a caller wanting exact distances re-ranks on floats.
 */
public final class BinaryScorer extends KernelScorer {
    private final BinaryVectorValues values;
    private final BinaryQuantizer quantizer;
    private final boolean l2;
    private final boolean dot;
    private final int dim;
    private final int wordsPer;
    private final long[] planes;
    private final BinaryKernel kernel;
    private final float[] prepared = new float[5];
    private final float[] scratch;
    private final float[] unit;
    /** While the query is a stored vector: its ordinal, else -1. */
    private int queryOrd = -1;
    private float lo;
    private float step;
    private float levelSum;
    /** |q - c|² (query) or |r_y|² (stored). */
    private float residualSq;
    /** c·q (query) or c·y (stored). */
    private float centroidDot;
    /** Under dot, a stored query's extra coordinate and M². */
    private float queryExtra;
    private float maxSquaredNorm;

    BinaryScorer(BinaryVectorValues values, BinaryKernel kernel) {
        super(kernel);
        this.values = values;
        this.quantizer = values.quantizer();
        this.l2 = values.metric() == Metric.L2;
        this.dot = values.metric() == Metric.DOT;
        this.dim = values.dimensions();
        this.wordsPer = BinaryQuantizer.words(dim);
        this.planes = new long[BinaryQuantizer.QUERY_BITS * wordsPer];
        this.kernel = kernel;
        this.scratch = new float[dim];
        this.unit = new float[dim];
    }

    @Override
    public void setQuery(float[] q) {
        assert q.length == dim : "query length " + q.length + " != " + dim;
        queryOrd = -1;
        quantizer.prepareQuery(values.scored(q, unit), planes, prepared, scratch);
        lo = prepared[0];
        step = prepared[1];
        levelSum = prepared[2];
        residualSq = prepared[3];
        centroidDot = prepared[4];
        kernel.setPlanes(planes);
    }

    @Override
    public void setQueryFromOrdinal(int ord) {
        queryOrd = ord;
        kernel.setQueryFromOrdinal(ord);
        residualSq = values.term(ord, 1);
        centroidDot = quantizer.centroidSquaredNorm() + values.term(ord, 2);
        if (dot) {
            maxSquaredNorm = values.maxSquaredNorm();
            queryExtra = InnerProductAsL2.extraCoordinate(maxSquaredNorm, values.squaredNorm(ord));
        }
    }

    @Override
    public float score(int ord) {
        return key(ord, queryOrd >= 0 ? kernel.hamming(ord) : kernel.weighted(ord));
    }

    @Override
    public void score(int[] ords, int count, float[] out) {
        int[] counts = intScratch(count);
        if (queryOrd >= 0) {
            kernel.hamming(ords, count, counts);
            for (int i = 0; i < count; i++) {
                out[i] = key(ords[i], counts[i]);
            }
            return;
        }
        kernel.weighted(ords, count, counts);
        if (!l2 && !dot) {
            // Cosine search, the common case, spelled out with the arrays hoisted: the same expression as key's.
            float[] terms = values.terms();
            int[] ones = values.ones();
            float offset = lo * dim + step * levelSum;
            for (int i = 0; i < count; i++) {
                int ord = ords[i];
                int t = ord * BinaryQuantizer.TERMS;
                float estimate = terms[t] * (2f * (lo * ones[ord] + step * counts[i]) - offset);
                out[i] = 1f - (centroidDot + terms[t + 2] + estimate);
            }
            return;
        }
        for (int i = 0; i < count; i++) {
            out[i] = key(ords[i], counts[i]);
        }
    }

    /** The key from the kernel's count: the Hamming distance to a stored query, else the weighted plane popcount. */
    private float key(int ord, int count) {
        float[] terms = values.terms();
        int t = ord * BinaryQuantizer.TERMS;
        float estimate;
        if (queryOrd >= 0) {
            estimate = terms[t] * terms[queryOrd * BinaryQuantizer.TERMS] * (dim - 2 * count);
        } else {
            float signedSum = 2f * (lo * values.ones()[ord] + step * count) - (lo * dim + step * levelSum);
            estimate = terms[t] * signedSum;
        }
        if (l2) {
            return terms[t + 1] + residualSq - 2f * estimate;
        }
        float ip = centroidDot + terms[t + 2] + estimate;
        if (dot) {
            if (queryOrd >= 0) {
                return -(ip + queryExtra * InnerProductAsL2.extraCoordinate(maxSquaredNorm, values.squaredNorm(ord)));
            }
            return -ip;
        }
        return 1f - ip;
    }
}
