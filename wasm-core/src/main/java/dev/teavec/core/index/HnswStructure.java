package dev.teavec.core.index;

import dev.teavec.core.codec.SectionOutput;
import dev.teavec.core.graph.HnswBuilder;
import dev.teavec.core.graph.HnswGraph;
import dev.teavec.core.graph.HnswGraphFormat;
import dev.teavec.core.graph.HnswIntegrity;
import dev.teavec.core.graph.HnswReorder;
import dev.teavec.core.graph.HnswSearcher;
import dev.teavec.core.graph.NodeQueue;
import dev.teavec.core.graph.OrdinalFilter;
import dev.teavec.core.score.QueryScorer;
import dev.teavec.core.score.ScoringVectors;

/**
 * The {@code hnsw} index type's structure: approximate search on an HNSW graph (see {@link HnswBuilder}
 * for the algorithm) over the engine's stored vectors, in whatever form their encoding scores them
 * (float32, or SQ8 codes once trained: the graph built so far is kept and scored on the codes from then
 * on). Graph nodes are the engine's ordinals. When the encoding keeps floats for re-ranking, the ef
 * candidates of a search are re-scored exactly.
 *
 * <p>Deletes are the engine's tombstones: a deleted node stays in the graph as a waypoint but never
 * enters results; searches widen until they hold enough live results, and the engine answers exactly
 * when the reachable graph cannot supply them. Compaction builds a new structure over the live vectors.
 *
 * <p>Ownership: this structure owns its query scorer; its {@link HnswBuilder} owns the builder's scorers.
 */
final class HnswStructure implements IndexStructure {
    private final IndexContext context;
    private final IndexConfig config;
    private final HnswGraph graph;
    private final HnswBuilder builder;
    private final HnswSearcher searcher = new HnswSearcher(null);
    private final NodeQueue results;
    private QueryScorer queryScorer;
    private int[] candIds;
    private float[] candKeys;
    /** Reused by every search of the same k (a search leaves it drained). */
    private TopK top;
    /**
     * The graph is as a snapshot's reader left it, which made every check of {@link HnswIntegrity} while reading
     * (HnswGraphFormat#read): the load's own checkIntegrity need not walk every edge a second time. An insert clears it.
     */
    private boolean graphCheckedByReader;

    /** A structure over {@code graph}; {@code anchors} is null for a new graph, else the builder's saved anchor tree. */
    HnswStructure(IndexContext context, HnswGraph graph, long builderState, int[] anchors) {
        this(context, graph, builderState, anchors, false);
    }

    /** As above; {@code checkedByReader}: {@code graph} comes from HnswGraphFormat#read, its checks all passed. */
    HnswStructure(IndexContext context, HnswGraph graph, long builderState, int[] anchors, boolean checkedByReader) {
        this.graphCheckedByReader = checkedByReader;
        this.context = context;
        this.config = context.config();
        this.graph = graph;
        this.results = NodeQueue.maxQueue(config.efSearch() + 1);
        this.candIds = new int[config.efSearch() + 1];
        this.candKeys = new float[config.efSearch() + 1];
        this.builder = new HnswBuilder(graph, config.m(), config.efConstruction(), builderState);
        if (anchors != null) {
            builder.restoreAnchors(anchors, graph.size());
        }
        useVectors();
    }

    /** Scores on the stored vectors' current form from now on; the scorers made for the previous one are released. */
    private void useVectors() {
        if (queryScorer != null) {
            queryScorer.release();
        }
        ScoringVectors v = context.vectors().scoringVectors();
        builder.setVectors(v);
        queryScorer = v.newScorer();
    }

    @Override
    public void add(int id, float[] vector) {
        addOrdinal(context.ordinalOf(id));
    }

    /** Links stored ordinal {@code ord}, the next not linked yet, whatever became of its id since (deleted, updated). */
    void addOrdinal(int ord) {
        assert ord == graph.size() : "graph nodes are the stored ordinals: node " + graph.size() + ", ordinal " + ord;
        graphCheckedByReader = false;
        builder.insert(ord);
    }

    @Override
    public void remove(int id) {
        // The node stays a waypoint; the engine's tombstones keep it out of results.
    }

    /** Beam search of width {@code budget} returning accepted ordinals only, re-ranked when exact floats are kept. */
    @Override
    public SearchResult search(float[] query, int k, int budget, IdFilter filter) {
        return search(query, k, budget, 0, filter);
    }

    @Override
    public SearchResult search(float[] query, int k, int budget, int rerankK, IdFilter filter) {
        int live = context.liveCount();
        if (live == 0) {
            return new SearchResult(new int[0], new float[0], 0);
        }
        OrdinalFilter accept = context.liveOrdinals(filter);
        queryScorer.setQuery(query);
        searcher.search(graph, queryScorer, budget, accept, results);
        int visited = searcher.visitedCount();
        int want = Math.min(k, live);
        if (top == null || top.capacity() != want) {
            top = new TopK(want);
        }
        assert top.size() == 0 : "the reused top-k was left full";
        if (candIds.length < results.size()) {
            candIds = new int[results.size()];
            candKeys = new float[results.size()];
        }
        int found = results.drainAscending(candIds, candKeys);
        int reranked = 0;
        if (context.vectors().reranks()) {
            // Candidates come best first by the codes' estimate: only the best rerankK compete once re-scored.
            if (rerankK > 0) {
                found = Math.min(found, Math.max(rerankK, want));
            }
            QueryScorer exact = context.exactScorer();
            exact.setQuery(query);
            exact.score(candIds, found, candKeys);
            reranked = found;
        }
        for (int i = 0; i < found; i++) {
            top.offer(context.idOf(candIds[i]), candKeys[i]);
        }
        // Vectors stored but not linked yet compete exactly (read-your-writes under deferred linking).
        visited += context.scanPending(query, accept, top);
        return TopK.toResult(top, context.metric(), visited, reranked);
    }

    @Override
    public int[] localityOrder() {
        return HnswReorder.localityOrder(graph);
    }

    @Override
    public IndexStructure renumbered(int[] order) {
        return new HnswStructure(context, HnswReorder.renumbered(graph, order), builder.levelState(),
                HnswReorder.renumberedAnchors(builder, order));
    }

    @Override
    public void vectorsChanged() {
        useVectors();
    }

    @Override
    public long stateSize() {
        return HnswGraphFormat.size(graph);
    }

    @Override
    public int stateVersion(int newest) {
        return graph.level0Keys() ? HnswGraphFormat.KEYED_VERSION : HnswGraphFormat.LEAN_VERSION;
    }

    @Override
    public void writeState(SectionOutput out) {
        HnswGraphFormat.write(out, graph, builder, config.m(), config.m0());
    }

    @Override
    public long bytesUsed() {
        return graph.bytesUsed();
    }

    @Override
    public long kernelBytes() {
        return builder.kernelBytes() + queryScorer.kernelBytes();
    }

    @Override
    public void release() {
        queryScorer.release();
        builder.release();
    }

    @Override
    public void checkIntegrity() {
        if (!graphCheckedByReader) {
            HnswIntegrity.check(graph);
        }
        // Nodes are the linked ordinals; the rest (deferred linking) are at most PendingLinks.CAP.
        int linked = context.linkedOrdinals();
        int stored = context.vectors().size();
        if (graph.size() != linked || linked > stored || stored - linked > PendingLinks.CAP) {
            throw new IllegalStateException("HNSW index: " + graph.size() + " nodes, " + stored + " vectors");
        }
    }
}
