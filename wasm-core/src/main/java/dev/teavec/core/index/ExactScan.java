package dev.teavec.core.index;

import dev.teavec.core.graph.OrdinalFilter;
import dev.teavec.core.score.QueryScorer;
import dev.teavec.core.vector.Metric;
import java.util.Arrays;

/**
 * The exact scan every index shares (the flat type's search, a graph's fallback, ranking of a
 * structure's candidate ids): ordinals are scored in batches of {@link #BATCH}, one call into the kernels
 * (one crossing into the SIMD module) per batch, and offered to a {@link TopK} in ordinal order.
 */
final class ExactScan {
    static final int BATCH = 256;
    private final int[] ords = new int[BATCH];
    private final float[] keys = new float[BATCH];

    /** Scores every ordinal in [from, n) that {@code filter} accepts (null: all); returns how many. */
    int scan(QueryScorer scorer, int from, int n, OrdinalFilter filter, LiveIds ids, TopK top) {
        int scored = 0;
        int ord = from;
        while (ord < n) {
            int count = 0;
            for (; ord < n && count < BATCH; ord++) {
                if (filter == null || filter.accept(ord)) {
                    ords[count++] = ord;
                }
            }
            scored += offer(scorer, ords, count, ids, top);
        }
        return scored;
    }

    /** Scores {@code ordinals[0..count)} and offers them; returns count. */
    int score(QueryScorer scorer, int[] ordinals, int count, LiveIds ids, TopK top) {
        for (int from = 0; from < count; from += BATCH) {
            int n = Math.min(BATCH, count - from);
            System.arraycopy(ordinals, from, ords, 0, n);
            offer(scorer, ords, n, ids, top);
        }
        return count;
    }

    /**
     * The exact k nearest among candidate ids: live ones that {@code filter} accepts (null: all), each
     * once, scored by {@code scorer} (query set); {@code visited} plus the vectors scored is the result's.
     */
    SearchResult rank(QueryScorer scorer, int[] candidates, int count, int k, IdFilter filter, LiveIds ids, Metric metric,
            int visited) {
        int[] live = new int[count];
        int n = 0;
        for (int i = 0; i < count; i++) {
            int ord = ids.liveOrdOrNone(candidates[i]);
            if (ord >= 0 && (filter == null || filter.accept(candidates[i]))) {
                live[n++] = ord;
            }
        }
        // Each candidate once, however often it was named; ordinal order, as a scan offers them.
        Arrays.sort(live, 0, n);
        int unique = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || live[i] != live[i - 1]) {
                live[unique++] = live[i];
            }
        }
        if (unique == 0) {
            return new SearchResult(new int[0], new float[0], visited);
        }
        TopK top = new TopK(Math.min(k, unique));
        score(scorer, live, unique, ids, top);
        return TopK.toResult(top, metric, visited + unique, 0);
    }

    private int offer(QueryScorer scorer, int[] batch, int count, LiveIds ids, TopK top) {
        scorer.score(batch, count, keys);
        for (int i = 0; i < count; i++) {
            top.offer(ids.id(batch[i]), keys[i]);
        }
        return count;
    }
}
