package dev.teavec.core.index;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.graph.HnswBuilder;
import dev.teavec.core.graph.HnswGraph;
import dev.teavec.core.graph.HnswIntegrity;
import dev.teavec.core.graph.HnswSearcher;
import dev.teavec.core.graph.NodeQueue;
import dev.teavec.core.graph.OrdinalFilter;
import dev.teavec.core.score.FloatVectorValues;
import dev.teavec.core.score.QueryScorer;
import dev.teavec.core.score.ScoringVectors;
import dev.teavec.core.score.Sq8VectorValues;
import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.vector.Metric;
import dev.teavec.core.vector.VectorChecks;

/**
 * Approximate search on an HNSW graph (see {@link HnswBuilder} for the algorithm), over float32
 * vectors or SQ8 codes.
 *
 * <p>With SQ8 the first {@link IndexConfig#sq8TrainingSize()} vectors are held as float32; then
 * the quantizer calibrates on them, every vector becomes codes and the floats are dropped, unless
 * {@link IndexConfig#keepFloatsForRerank()} keeps them to re-rank the ef candidates of each search
 * exactly. The graph built so far is kept. Re-calibration follows {@link Sq8VectorValues}.
 *
 * <p>Deletes are tombstones: the node stays in the graph as a waypoint but never enters results;
 * searches widen until they hold enough live results, and fall back to an exact scan of the live
 * vectors in the rare case that the reachable part of the graph cannot supply k of them.
 * {@link #compact()} rebuilds vectors and graph from the live vectors, keeping their ids.
 *
 * <p>Ownership: this index owns {@link #vectors}, {@link #exact} and its two query scorers; its
 * {@link HnswBuilder} owns the builder's scorers. Whoever replaces one of them releases the old one
 * once it is no longer read (scorers before the vectors they read): in the browser build they hold
 * Wasm linear memory, which nothing else reclaims while the index lives.
 */
public final class HnswIndex extends TombstonedIndex {
    private final IndexConfig config;
    private final VectorStorageFactory storage;
    private final Metric metric;
    private final int dim;
    /** The vectors the graph is scored on: float32, or SQ8 codes once trained. */
    private ScoringVectors vectors;
    /** Same object as {@link #vectors} once SQ8 is trained, else null. */
    private Sq8VectorValues sq8;
    /** Exact floats kept for re-ranking next to SQ8 codes, else null. */
    private FloatVectorValues exact;
    private HnswGraph graph;
    private HnswBuilder builder;
    private final HnswSearcher searcher = new HnswSearcher();
    private final NodeQueue results;
    private QueryScorer queryScorer;
    private QueryScorer exactScorer;
    private int[] candIds;
    private float[] candKeys;
    /** Reused by every search of the same k (a search leaves it drained). */
    private TopK top;

    public HnswIndex(IndexConfig config) {
        this(config, VectorStorageFactory.HEAP);
    }

    /** An index keeping its vectors where {@code storage} says (the browser build: Wasm linear memory). */
    public HnswIndex(IndexConfig config, VectorStorageFactory storage) {
        this(config, storage, new HnswGraph(config.m(), config.m0()), config.seed(), null,
                new FloatVectorValues(config.dimensions(), config.metric(), storage), null);
    }

    /**
     * Builds the searching state once over the given parts; {@code anchors} is null for a new graph.
     * (A snapshot restore must not first build an empty graph and scorers only to replace them.)
     */
    private HnswIndex(IndexConfig config, VectorStorageFactory storage, HnswGraph graph, long builderState,
            int[] anchors, ScoringVectors vectors, FloatVectorValues exact) {
        this.config = config;
        this.storage = storage;
        this.metric = config.metric();
        this.dim = config.dimensions();
        this.results = NodeQueue.maxQueue(config.efSearch() + 1);
        this.candIds = new int[config.efSearch() + 1];
        this.candKeys = new float[config.efSearch() + 1];
        this.graph = graph;
        this.builder = new HnswBuilder(graph, config.m(), config.efConstruction(), builderState);
        if (anchors != null) {
            builder.restoreAnchors(anchors, graph.size());
        }
        this.exact = exact;
        useVectors(vectors);
    }

    private void newGraph(ScoringVectors v) {
        builder.release();
        graph = new HnswGraph(config.m(), config.m0());
        builder = new HnswBuilder(graph, config.m(), config.efConstruction(), config.seed());
        useVectors(v);
    }

    /** Scores on {@code v} (and {@link #exact}) from now on; the scorers made for the previous ones are released. */
    private void useVectors(ScoringVectors v) {
        releaseQueryScorers();
        vectors = v;
        sq8 = v instanceof Sq8VectorValues ? (Sq8VectorValues) v : null;
        builder.setVectors(v);
        queryScorer = v.newScorer();
        exactScorer = exact != null ? exact.newScorer() : null;
    }

    private void releaseQueryScorers() {
        if (queryScorer != null) {
            queryScorer.release();
            queryScorer = null;
        }
        if (exactScorer != null) {
            exactScorer.release();
            exactScorer = null;
        }
    }

    /**
     * Returns what this index holds outside the Java heap (scorers, then vectors); it must not be used
     * afterwards. For an index dropped while its owner lives on (AUTO's failed hand-over).
     */
    void release() {
        releaseQueryScorers();
        builder.release();
        vectors.release();
        if (exact != null) {
            exact.release();
        }
    }

    /**
     * Bytes of its vector storages and kernel buffers: with nothing stranded, what its
     * VectorStorageFactory holds ({@link VectorStorageFactory#bytesHeld()}).
     */
    @Override
    public long storageBytes() {
        long bytes = vectors.storageBytes() + builder.kernelBytes() + queryScorer.kernelBytes();
        if (exact != null) {
            bytes += exact.storageBytes() + exactScorer.kernelBytes();
        }
        return bytes;
    }

    /**
     * An index made of parts loaded from a snapshot, validated by the caller: {@code vectors} (float32,
     * or SQ8 codes once trained), the kept floats for re-ranking (or null), the graph over the same
     * ordinals with its builder state (level generator state and anchor tree), and the ids.
     */
    public static HnswIndex restore(IndexConfig config, ScoringVectors vectors, FloatVectorValues exact, HnswGraph graph,
            long levelState, int[] anchors, SavedIds ids, VectorStorageFactory storage) {
        HnswIndex index = new HnswIndex(config, storage, graph, levelState, anchors, vectors, exact);
        index.ids = LiveIds.restore(ids);
        return index;
    }

    /** The vectors the graph is scored on: float32, or SQ8 codes once trained (snapshots; read-only). */
    public ScoringVectors scoringVectors() {
        return vectors;
    }

    /** The exact floats kept next to SQ8 codes for re-ranking, or null (snapshots; read-only). */
    public FloatVectorValues rerankFloats() {
        return exact;
    }

    /** The graph (snapshots; read-only by convention). */
    public HnswGraph graph() {
        return graph;
    }

    /** The builder's level generator state (snapshots). */
    public long levelState() {
        return builder.levelState();
    }

    /** The anchor of {@code node} in the builder's anchor tree, -1 for the root (snapshots). */
    public int anchorOf(int node) {
        return builder.anchorOf(node);
    }

    public IndexConfig config() {
        return config;
    }

    @Override
    public int dimensions() {
        return dim;
    }

    @Override
    public Metric metric() {
        return metric;
    }

    @Override
    public int add(float[] vector) {
        VectorChecks.checkVector(vector, dim, metric, "vector");
        int id = ids.nextId();
        addWithId(id, vector);
        return id;
    }

    /** Stores a validated vector under {@code id} (at least the next id) and links it into the graph. */
    void addWithId(int id, float[] vector) {
        int ord = vectors.add(vector);
        if (exact != null) {
            exact.add(vector);
        }
        ids.append(id);
        builder.insert(ord);
        if (config.quantization() == Quantization.SQ8) {
            maintainQuantization();
        }
    }

    @Override
    public void update(int id, float[] vector) {
        VectorChecks.checkVector(vector, dim, metric, "vector");
        ids.liveOrd(id);
        int ord = vectors.add(vector);
        if (exact != null) {
            exact.add(vector);
        }
        ids.moveToNextOrdinal(id);
        builder.insert(ord);
        if (config.quantization() == Quantization.SQ8) {
            maintainQuantization();
        }
    }

    @Override
    public int idLimit() {
        return ids.nextId();
    }

    /** Ids below {@code nextId} count as used (AUTO hands over ids of deleted vectors this way). */
    void reserveIds(int nextId) {
        ids.reserve(nextId);
    }

    private void maintainQuantization() {
        if (sq8 == null && vectors.size() >= config.sq8TrainingSize()) {
            FloatVectorValues floats = (FloatVectorValues) vectors;
            Sq8VectorValues trained = Sq8VectorValues.train(floats, storage);
            exact = config.keepFloatsForRerank() ? floats : null;
            useVectors(trained);
            if (exact == null) {
                // The codes replace the floats, whose scorers useVectors just released.
                floats.release();
            }
        } else if (sq8 != null && sq8.needsRecalibration()) {
            sq8.recalibrate(exact);
            useVectors(sq8);
        }
    }

    /** Whether vectors are stored as SQ8 codes (false before training). */
    public boolean isQuantized() {
        return sq8 != null;
    }

    /** Calibrations the SQ8 codes went through (0 before training). */
    public int calibrations() {
        return sq8 == null ? 0 : sq8.calibrations();
    }

    @Override
    public SearchResult search(float[] query, int k) {
        return search(query, k, config.efSearch());
    }

    /** A search with its own beam width (at least k is used), to trade recall for speed per query. */
    @Override
    public SearchResult search(float[] query, int k, int efSearch) {
        checkQuery(query, k);
        checkEfSearch(efSearch);
        return graphSearch(query, k, efSearch, ids.filter(), true);
    }

    @Override
    public SearchResult searchFiltered(float[] query, int k, int efSearch, IdFilter filter) {
        checkQuery(query, k);
        checkEfSearch(efSearch);
        return graphSearch(query, k, efSearch, ids.accepting(filter), false);
    }

    @Override
    public SearchResult searchExact(float[] query, int k, IdFilter filter) {
        checkQuery(query, k);
        TopK top = new TopK(Math.min(k, Math.max(ids.live(), 1)));
        int scored = scanLive(query, ids.accepting(filter), top);
        return TopK.toResult(top, metric, scored, 0);
    }

    @Override
    public boolean isApproximate() {
        return true;
    }

    private void checkQuery(float[] query, int k) {
        VectorChecks.checkVector(query, dim, metric, "query");
        VectorChecks.checkK(k);
    }

    /**
     * Beam search returning accepted ordinals only. With {@code fallback}, a search that found
     * fewer than min(k, live) answers exactly instead (the filter is then the tombstones alone).
     */
    private SearchResult graphSearch(float[] query, int k, int efSearch, OrdinalFilter filter, boolean fallback) {
        int live = ids.live();
        if (live == 0) {
            return new SearchResult(new int[0], new float[0], 0);
        }
        int ef = Math.max(efSearch, k);
        queryScorer.setQuery(query);
        searcher.search(graph, queryScorer, ef, filter, results);
        int visited = searcher.visitedCount();
        int want = Math.min(k, live);
        if (top == null || top.capacity() != want) {
            top = new TopK(want);
        }
        assert top.size() == 0 : "the reused top-k was left full";
        if (fallback && results.size() < want) {
            // The reachable graph could not supply enough live nodes: answer exactly instead.
            visited += scanLive(query, filter, top);
            return TopK.toResult(top, metric, visited, 0);
        }
        if (candIds.length < results.size()) {
            candIds = new int[results.size()];
            candKeys = new float[results.size()];
        }
        int found = results.drainAscending(candIds, candKeys);
        int reranked = 0;
        if (exactScorer != null) {
            exactScorer.setQuery(query);
            exactScorer.score(candIds, found, candKeys);
            reranked = found;
        }
        for (int i = 0; i < found; i++) {
            top.offer(ids.id(candIds[i]), candKeys[i]);
        }
        return TopK.toResult(top, metric, visited, reranked);
    }

    static void checkEfSearch(int efSearch) {
        if (efSearch < 1) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "efSearch must be a positive integer, got " + efSearch);
        }
    }

    /** Scores every ordinal {@code filter} accepts (null: all), on exact floats when kept; returns how many. */
    private int scanLive(float[] query, OrdinalFilter filter, TopK top) {
        QueryScorer scorer = exactScorer != null ? exactScorer : queryScorer;
        scorer.setQuery(query);
        int n = vectors.size();
        int scanned = 0;
        for (int ord = 0; ord < n; ord++) {
            if (filter == null || filter.accept(ord)) {
                top.offer(ids.id(ord), scorer.score(ord));
                scanned++;
            }
        }
        return scanned;
    }

    @Override
    public float[] get(int id) {
        float[] out = new float[dim];
        (exact != null ? exact : vectors).decode(ids.liveOrd(id), out);
        return out;
    }

    @Override
    public long memoryBytes() {
        return vectorBytes() + graph.bytesUsed() + ids.bytesUsed();
    }

    /** Bytes held by vector data alone (codes or floats, per-vector norms, kept floats). */
    public long vectorBytes() {
        return vectors.bytesUsed() + (exact != null ? exact.bytesUsed() : 0);
    }

    @Override
    public void compact() {
        if (ids.deleted() == 0) {
            return;
        }
        int[] live = ids.liveOrdinals();
        // SQ8 codes are copied, not re-quantized: compaction adds no error.
        ScoringVectors kept = vectors.copyOf(live, live.length);
        FloatVectorValues keptExact = exact != null ? exact.copyOf(live, live.length) : null;
        // The old vectors and every scorer over them are garbage from here on.
        release();
        exact = keptExact;
        ids = ids.compacted(live);
        newGraph(kept);
        for (int ord = 0; ord < live.length; ord++) {
            builder.insert(ord);
        }
    }

    @Override
    public void checkIntegrity() {
        HnswIntegrity.check(graph);
        if (graph.size() != vectors.size() || ids.ordinals() != vectors.size()) {
            throw new IllegalStateException("HNSW index: " + graph.size() + " nodes, " + vectors.size()
                    + " vectors, " + ids.ordinals() + " ids");
        }
        ids.checkIntegrity();
        if (exact != null && exact.size() != vectors.size()) {
            throw new IllegalStateException("HNSW index: " + exact.size() + " kept floats for " + vectors.size() + " codes");
        }
    }

    @Override
    protected double compactionThreshold() {
        return config.compactionThreshold();
    }
}
