package dev.teavec.core.fulltext;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.index.TopK;
import dev.teavec.core.number.Decimal;

/**
 * Reciprocal rank fusion (Cormack, Clarke, Büttcher 2009): ranked lists of ids, each best first,
 * become one list scored
 * <pre>  fused(d) = Σ over lists i holding d:  weight(i) / (k + rank_i(d))     (rank starts at 1)</pre>
 * Only ranks count, never the lists' own scores, so a cosine distance and a BM25 score fuse without
 * calibration. k = 60 (the paper's) flattens the head; a smaller k favours each list's top. An id
 * repeated in one list counts at its first rank; ids scoring 0 (only in lists of weight 0) are left out.
 */
public final class RankFusion {
    public static final int DEFAULT_K = 60;
    /** A k beyond this makes every rank weigh the same: certainly a mistake. */
    public static final int MAX_K = 1_000_000;

    private RankFusion() {
    }

    /** The {@code limit} best ids by fused score, ties by increasing id. */
    public static ScoredIds reciprocalRank(int[][] rankings, double[] weights, int k, int limit) {
        if (rankings == null || weights == null || rankings.length == 0 || rankings.length != weights.length) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "expected one weight for each of at least one ranking");
        }
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0 && weights[i] < Double.POSITIVE_INFINITY)) {
                throw new TeaVecException(ErrorCode.INVALID_CONFIG, "fusion weights must be finite and >= 0, got "
                        + Decimal.format(weights[i]));
            }
            if (rankings[i] == null) {
                throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "ranking " + i + " is null");
            }
        }
        if (k < 0 || k > MAX_K) {
            throw new TeaVecException(ErrorCode.INVALID_CONFIG, "fusion k must be in [0, " + MAX_K + "], got " + k);
        }
        if (limit < 1) {
            throw new TeaVecException(ErrorCode.INVALID_K, "the fused result size must be at least 1, got " + limit);
        }
        int total = 0;
        for (int[] ranking : rankings) {
            total += ranking.length;
        }
        int[] ids = new int[total];
        int n = 0;
        for (int[] ranking : rankings) {
            System.arraycopy(ranking, 0, ids, n, ranking.length);
            n += ranking.length;
        }
        IntSort.sort(ids, total, IntSort.NATURAL);
        int unique = 0;
        for (int i = 0; i < total; i++) {
            if (i == 0 || ids[i] != ids[i - 1]) {
                ids[unique++] = ids[i];
            }
        }
        double[] fused = new double[unique];
        int[] seenIn = new int[unique];
        for (int list = 0; list < rankings.length; list++) {
            int[] ranking = rankings[list];
            for (int r = 0; r < ranking.length; r++) {
                int at = indexOf(ids, unique, ranking[r]);
                if (seenIn[at] != list + 1) {
                    seenIn[at] = list + 1;
                    fused[at] += weights[list] / (k + r + 1.0);
                }
            }
        }
        TopK top = new TopK(limit);
        for (int i = 0; i < unique; i++) {
            if (fused[i] > 0) {
                top.offer(ids[i], -(float) fused[i]);
            }
        }
        int[] outIds = new int[top.size()];
        float[] scores = new float[top.size()];
        top.drainSorted(outIds, scores);
        for (int i = 0; i < scores.length; i++) {
            scores[i] = -scores[i];
        }
        return new ScoredIds(outIds, scores);
    }

    /** Where {@code id} is in the sorted ids[0, n) (it is there). */
    private static int indexOf(int[] ids, int n, int id) {
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ids[mid] < id) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
