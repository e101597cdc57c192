package dev.teavec.core.index;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.graph.OrdinalFilter;
import dev.teavec.core.score.FloatScorer;
import dev.teavec.core.score.FloatVectorValues;
import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.vector.Metric;
import dev.teavec.core.vector.VectorChecks;

/**
 * Exact nearest-neighbour search by scanning every live vector. It is the oracle the approximate
 * indexes are tested against, and the fastest choice for small indexes (see {@link IndexType#AUTO}).
 * It owns its vectors and its scorer, and releases them when compaction replaces them (in the browser
 * build they hold Wasm linear memory, which nothing else reclaims while the index lives).
 */
public final class FlatIndex extends TombstonedIndex {
    /** Vectors scored per kernel call in a scan: one crossing into the SIMD kernels per batch. */
    private static final int SCAN_BATCH = 256;

    private final Metric metric;
    private final int dimensions;
    private final double compactionThreshold;
    private FloatVectorValues vectors;
    private FloatScorer scorer;
    private final int[] scanOrds = new int[SCAN_BATCH];
    private final float[] scanKeys = new float[SCAN_BATCH];

    public FlatIndex(int dimensions, Metric metric) {
        this(dimensions, metric, IndexConfig.DEFAULT_COMPACTION_THRESHOLD, VectorStorageFactory.HEAP);
    }

    public FlatIndex(IndexConfig config) {
        this(config, VectorStorageFactory.HEAP);
    }

    /** An index keeping its vectors where {@code storage} says (the browser build: Wasm linear memory). */
    public FlatIndex(IndexConfig config, VectorStorageFactory storage) {
        this(config.dimensions(), config.metric(), config.compactionThreshold(), storage);
    }

    private FlatIndex(int dimensions, Metric metric, double compactionThreshold, VectorStorageFactory storage) {
        this(metric, compactionThreshold, new FloatVectorValues(checkDimensions(dimensions), checkMetric(metric), storage));
    }

    private FlatIndex(Metric metric, double compactionThreshold, FloatVectorValues vectors) {
        this.metric = metric;
        this.dimensions = vectors.dimensions();
        this.compactionThreshold = compactionThreshold;
        this.vectors = vectors;
        this.scorer = vectors.newScorer();
    }

    private static Metric checkMetric(Metric metric) {
        if (metric == null) {
            throw new TeaVecException(ErrorCode.INVALID_CONFIG, "metric must not be null");
        }
        return metric;
    }

    /**
     * A flat index holding {@code vectors} (deleted ones included) under the ids of {@code ids}: how a
     * snapshot is loaded. The caller has validated both and that they agree in count and dimensions.
     */
    public static FlatIndex restore(IndexConfig config, FloatVectorValues vectors, SavedIds ids) {
        assert vectors.dimensions() == config.dimensions() && vectors.size() == ids.count() : "snapshot parts disagree";
        FlatIndex index = new FlatIndex(config.metric(), config.compactionThreshold(), vectors);
        index.ids = LiveIds.restore(ids);
        return index;
    }

    /** The settings this index applies, as a config of type FLAT (snapshots). */
    public IndexConfig config() {
        return IndexConfig.builder(dimensions, metric).indexType(IndexType.FLAT).compactionThreshold(compactionThreshold).build();
    }

    /** The stored vectors by ordinal, deleted ones included (snapshots; read-only by convention). */
    public FloatVectorValues vectorValues() {
        return vectors;
    }

    static int checkDimensions(int dimensions) {
        if (dimensions <= 0 || dimensions > 65536) {
            throw new TeaVecException(ErrorCode.INVALID_CONFIG,
                    "dimensions must be an integer in 1..65536, got " + dimensions);
        }
        return dimensions;
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    @Override
    public Metric metric() {
        return metric;
    }

    @Override
    public int add(float[] vector) {
        VectorChecks.checkVector(vector, dimensions, metric, "vector");
        vectors.add(vector);
        return ids.appendNext();
    }

    @Override
    public void update(int id, float[] vector) {
        VectorChecks.checkVector(vector, dimensions, metric, "vector");
        ids.liveOrd(id);
        vectors.add(vector);
        ids.moveToNextOrdinal(id);
    }

    @Override
    public int idLimit() {
        return ids.nextId();
    }

    /** Stores a validated vector under a given id (at least the next id): for AUTO's hand-over. */
    void addWithId(int id, float[] vector) {
        vectors.add(vector);
        ids.append(id);
    }

    @Override
    public SearchResult search(float[] query, int k) {
        VectorChecks.checkVector(query, dimensions, metric, "query");
        VectorChecks.checkK(k);
        return scan(query, k, ids.filter());
    }

    @Override
    public SearchResult searchExact(float[] query, int k, IdFilter filter) {
        VectorChecks.checkVector(query, dimensions, metric, "query");
        VectorChecks.checkK(k);
        return scan(query, k, ids.accepting(filter));
    }

    @Override
    public SearchResult searchFiltered(float[] query, int k, int efSearch, IdFilter filter) {
        HnswIndex.checkEfSearch(efSearch);
        return searchExact(query, k, filter);
    }

    @Override
    public boolean isApproximate() {
        return false;
    }

    /** Scores every ordinal {@code filter} accepts (null: all); visited = how many were scored. */
    private SearchResult scan(float[] query, int k, OrdinalFilter filter) {
        int live = ids.live();
        TopK top = new TopK(Math.min(k, Math.max(live, 1)));
        scorer.setQuery(query);
        int n = vectors.size();
        int scored = 0;
        int ord = 0;
        while (ord < n) {
            int count = 0;
            for (; ord < n && count < SCAN_BATCH; ord++) {
                if (filter == null || filter.accept(ord)) {
                    scanOrds[count++] = ord;
                }
            }
            scorer.score(scanOrds, count, scanKeys);
            scored += count;
            for (int i = 0; i < count; i++) {
                top.offer(ids.id(scanOrds[i]), scanKeys[i]);
            }
        }
        return TopK.toResult(top, metric, scored, 0);
    }

    @Override
    public SearchResult search(float[] query, int k, int efSearch) {
        HnswIndex.checkEfSearch(efSearch);
        return search(query, k);
    }

    @Override
    public float[] get(int id) {
        float[] out = new float[dimensions];
        vectors.decode(ids.liveOrd(id), out);
        return out;
    }

    @Override
    public long memoryBytes() {
        return vectors.bytesUsed() + ids.bytesUsed();
    }

    @Override
    public void compact() {
        if (ids.deleted() == 0) {
            return;
        }
        int[] live = ids.liveOrdinals();
        FloatVectorValues kept = vectors.copyOf(live, live.length);
        release();
        vectors = kept;
        scorer = vectors.newScorer();
        ids = ids.compacted(live);
    }

    /** Returns the scorer's buffers, then the vectors; the index must not be used afterwards (but by compact). */
    void release() {
        scorer.release();
        vectors.release();
    }

    @Override
    public long storageBytes() {
        return vectors.storageBytes() + scorer.kernelBytes();
    }

    @Override
    public void checkIntegrity() {
        if (vectors.size() != ids.ordinals()) {
            throw new IllegalStateException("flat index: " + vectors.size() + " vectors but " + ids.ordinals() + " ids");
        }
        ids.checkIntegrity();
    }

    /** Stored ordinals (deleted included), for AUTO's hand-over to HNSW. */
    int ordinals() {
        return vectors.size();
    }

    boolean isLiveOrd(int ord) {
        return !ids.isDeletedOrd(ord);
    }

    int idOf(int ord) {
        return ids.id(ord);
    }

    void decode(int ord, float[] out) {
        vectors.decode(ord, out);
    }

    int nextId() {
        return ids.nextId();
    }

    @Override
    protected double compactionThreshold() {
        return compactionThreshold;
    }
}
