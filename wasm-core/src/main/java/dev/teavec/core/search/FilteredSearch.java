package dev.teavec.core.search;

import dev.teavec.core.index.ConfigField;
import dev.teavec.core.index.IdFilter;
import dev.teavec.core.index.SearchResult;
import dev.teavec.core.index.VectorIndex;
import dev.teavec.core.vector.VectorChecks;

/**
 * Filtered k-NN that returns min(k, matches) results at any selectivity. It estimates the match
 * count ({@link MatchEstimate}) and compares two costs in scored vectors: an exact scan scores the
 * matches; a filtered graph search must expand about ef / selectivity nodes, scoring roughly
 * {@link #SCORES_PER_EXPANSION} new neighbours each. Selective filters therefore scan, broad ones
 * use the graph, with the beam widened as selectivity drops (rejected nodes are traversed but
 * crowd out nothing, yet the accepted ones sit sparser). A graph search that comes back short
 * is answered again by the exact scan, so the count guarantee never rests on the estimate.
 */
public final class FilteredSearch {
    /** New neighbours scored per expanded node, about m0 / 2 for the default m = 16 (measured: 12..20). */
    static final double SCORES_PER_EXPANSION = 16;
    /** The beam grows by at most this factor for selective filters. */
    static final double MAX_WIDENING = 4;
    /** The widened beam stays within the range ef_search itself may take. */
    static final int MAX_EF = ConfigField.MAX_EF;

    private FilteredSearch() {
    }

    /**
     * The k nearest live vectors {@code filter} accepts. {@code efSearch} is the caller's beam
     * width (validated here); {@code seed} drives the sampling of the match estimate.
     */
    public static FilteredResult search(VectorIndex index, float[] query, int k, int efSearch, IdFilter filter,
            long seed) {
        VectorChecks.checkVector(query, index.dimensions(), index.metric(), "query");
        VectorChecks.checkK(k);
        VectorChecks.checkEfSearch(efSearch);
        if (!index.isApproximate()) {
            SearchResult exact = index.searchFiltered(query, k, efSearch, filter);
            // An exact scan scores exactly the matching live vectors: its visited count is the match count.
            return new FilteredResult(exact, FilteredResult.EXACT, exact.visited(), true);
        }
        int live = index.liveCount();
        if (live == 0) {
            return new FilteredResult(new SearchResult(new int[0], new float[0], 0), FilteredResult.EXACT, 0, true);
        }
        MatchEstimate est = MatchEstimate.of(index, filter, seed);
        if (est.exact && est.count == 0) {
            return new FilteredResult(new SearchResult(new int[0], new float[0], 0), FilteredResult.EXACT, 0, true);
        }
        double selectivity = Math.max(est.count, 1) / (double) live;
        int ef = Math.max(efSearch, k);
        int wideEf = (int) Math.min(MAX_EF, Math.ceil(ef * Math.min(MAX_WIDENING, 1 / Math.sqrt(selectivity))));
        double graphCost = SCORES_PER_EXPANSION * wideEf / selectivity;
        boolean scan = (est.exact && est.count <= k) || est.count <= graphCost;
        if (scan) {
            return new FilteredResult(index.searchExact(query, k, filter), FilteredResult.EXACT, est.count, est.exact);
        }
        SearchResult graph = index.searchFiltered(query, k, wideEf, filter);
        int want = est.exact ? Math.min(k, est.count) : k;
        if (graph.size() >= want) {
            return new FilteredResult(graph, FilteredResult.GRAPH, est.count, est.exact);
        }
        SearchResult exact = index.searchExact(query, k, filter);
        SearchResult merged = new SearchResult(exact.ids(), exact.distances(), graph.visited() + exact.visited(),
                exact.reranked());
        return new FilteredResult(merged, FilteredResult.GRAPH_THEN_EXACT, est.count, est.exact);
    }
}
