package dev.teavec.core.search;

import dev.teavec.core.index.IdFilter;
import dev.teavec.core.index.VectorIndex;

/**
 * How many live vectors a filter matches: counted exactly on small indexes, else estimated from a
 * seeded uniform sample of live ids (the same sample for the same seed, so plans are reproducible).
 */
final class MatchEstimate {
    /** Up to this many live vectors the filter is simply evaluated on all of them. */
    static final int EXACT_COUNT_LIMIT = 4096;
    static final int SAMPLE_SIZE = 512;
    /** A sample this small (ids mostly deleted) is not worth trusting: count instead. */
    private static final int MIN_SAMPLE = 64;

    final int count;
    final boolean exact;

    private MatchEstimate(int count, boolean exact) {
        this.count = count;
        this.exact = exact;
    }

    static MatchEstimate of(VectorIndex index, IdFilter filter, long seed) {
        int live = index.liveCount();
        if (live > EXACT_COUNT_LIMIT) {
            MatchEstimate sampled = sample(index, filter, seed, live);
            if (sampled != null) {
                return sampled;
            }
        }
        return new MatchEstimate(countAll(index, filter), true);
    }

    static int countAll(VectorIndex index, IdFilter filter) {
        int limit = index.idLimit();
        int n = 0;
        for (int id = 0; id < limit; id++) {
            if (!index.isDeleted(id) && filter.accept(id)) {
                n++;
            }
        }
        return n;
    }

    /** Rejection sampling over the id space; null when too few draws hit live ids. */
    private static MatchEstimate sample(VectorIndex index, IdFilter filter, long seed, int live) {
        int limit = index.idLimit();
        long state = seed ^ 0x5DEECE66DL;
        int drawn = 0;
        int hits = 0;
        for (int attempt = 0; attempt < 8 * SAMPLE_SIZE && drawn < SAMPLE_SIZE; attempt++) {
            state += 0x9E3779B97F4A7C15L;
            int id = (int) ((mix(state) >>> 1) % limit);
            if (index.isDeleted(id)) {
                continue;
            }
            drawn++;
            if (filter.accept(id)) {
                hits++;
            }
        }
        if (drawn < MIN_SAMPLE) {
            return null;
        }
        return new MatchEstimate((int) Math.round((double) hits / drawn * live), false);
    }

    /** SplitMix64's finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
