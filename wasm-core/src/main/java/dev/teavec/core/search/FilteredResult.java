package dev.teavec.core.search;

import dev.teavec.core.index.SearchResult;

/** A filtered search's answer plus how it was obtained: the strategy and the match count it planned with. */
public final class FilteredResult {
    /** Exact scan over the live vectors that match. */
    public static final int EXACT = 0;
    /** Filtered graph search with a widened beam. */
    public static final int GRAPH = 1;
    /** Graph search came back short, then an exact scan answered. */
    public static final int GRAPH_THEN_EXACT = 2;

    private final SearchResult result;
    private final int strategy;
    private final int matchedEstimate;
    private final boolean matchCountExact;

    FilteredResult(SearchResult result, int strategy, int matchedEstimate, boolean matchCountExact) {
        this.result = result;
        this.strategy = strategy;
        this.matchedEstimate = matchedEstimate;
        this.matchCountExact = matchCountExact;
    }

    public SearchResult result() {
        return result;
    }

    public int strategy() {
        return strategy;
    }

    /** Live vectors the filter matches: counted, or estimated from a sample. */
    public int matchedEstimate() {
        return matchedEstimate;
    }

    public boolean matchCountExact() {
        return matchCountExact;
    }
}
