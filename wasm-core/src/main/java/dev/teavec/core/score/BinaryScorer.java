package dev.teavec.core.score;

import dev.teavec.core.quant.BinaryQuantizer;
import dev.teavec.core.vector.Metric;

/**
 * Estimated distances on binary codes ({@link BinaryQuantizer}'s estimator). A float query is prepared once
 * into {@link BinaryQuantizer#QUERY_BITS} bit planes, so each distance is {@code 5 · ceil(d/64)} popcounts:
 * {@code Σ s_i y'_i = 2 Σ_{s_i=+1} y'_i - Σ y'_i} with {@code Σ_{s_i=+1} y'_i = lo · |s| + step · Σ_j 2^j |s ∧ plane_j|}.
 * A stored query (graph construction) costs one popcount per word: {@code alpha_x alpha_y (d - 2 hamming)}.
 * Keys as the float scorers': {@code 1 - cos}, {@code -dot} (stored pairs under dot as {@link InnerProductAsL2}),
 * squared L2: estimates, so a caller wanting exact distances re-ranks on floats.
 */
public final class BinaryScorer implements QueryScorer {
    private final BinaryVectorValues values;
    private final BinaryQuantizer quantizer;
    private final boolean l2;
    private final boolean dot;
    private final int dim;
    private final int wordsPer;
    private final long[] planes;
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

    BinaryScorer(BinaryVectorValues values) {
        this.values = values;
        this.quantizer = values.quantizer();
        this.l2 = values.metric() == Metric.L2;
        this.dot = values.metric() == Metric.DOT;
        this.dim = values.dimensions();
        this.wordsPer = BinaryQuantizer.words(dim);
        this.planes = new long[BinaryQuantizer.QUERY_BITS * wordsPer];
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
    }

    @Override
    public void setQueryFromOrdinal(int ord) {
        queryOrd = ord;
        residualSq = values.term(ord, 1);
        centroidDot = quantizer.centroidSquaredNorm() + values.term(ord, 2);
        if (dot) {
            maxSquaredNorm = values.maxSquaredNorm();
            queryExtra = InnerProductAsL2.extraCoordinate(maxSquaredNorm, values.squaredNorm(ord));
        }
    }

    @Override
    public float score(int ord) {
        long[] words = values.words();
        float[] terms = values.terms();
        int base = ord * wordsPer;
        int t = ord * BinaryQuantizer.TERMS;
        float estimate;
        if (queryOrd >= 0) {
            int qBase = queryOrd * wordsPer;
            int hamming = 0;
            for (int w = 0; w < wordsPer; w++) {
                hamming += Long.bitCount(words[base + w] ^ words[qBase + w]);
            }
            estimate = terms[t] * terms[queryOrd * BinaryQuantizer.TERMS] * (dim - 2 * hamming);
        } else {
            int ones = 0;
            int weighted = 0;
            for (int w = 0; w < wordsPer; w++) {
                long code = words[base + w];
                ones += Long.bitCount(code);
                weighted += Long.bitCount(code & planes[w])
                        + (Long.bitCount(code & planes[wordsPer + w]) << 1)
                        + (Long.bitCount(code & planes[2 * wordsPer + w]) << 2)
                        + (Long.bitCount(code & planes[3 * wordsPer + w]) << 3);
            }
            float signedSum = 2f * (lo * ones + step * weighted) - (lo * dim + step * levelSum);
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
