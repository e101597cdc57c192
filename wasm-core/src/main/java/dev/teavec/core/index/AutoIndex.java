package dev.teavec.core.index;

import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.vector.Metric;

/**
 * The default index: an exact {@link FlatIndex} while small, an {@link HnswIndex} from
 * {@link IndexConfig#autoThreshold()} live vectors on. The switch happens inside the add that
 * reaches the threshold: the live vectors move to a new HNSW index under the same ids (one build,
 * about threshold / build rate seconds, once). It never switches back, even when deletes shrink it:
 * flipping would rebuild again and again around the threshold. The flat index is released once its
 * vectors are handed over (the delegate is owned here; its storage shares the one factory).
 */
public final class AutoIndex implements VectorIndex {
    private final IndexConfig config;
    private final VectorStorageFactory storage;
    private VectorIndex delegate;

    public AutoIndex(IndexConfig config) {
        this(config, VectorStorageFactory.HEAP);
    }

    /** An index keeping its vectors where {@code storage} says (the browser build: Wasm linear memory). */
    public AutoIndex(IndexConfig config, VectorStorageFactory storage) {
        this(config, storage, new FlatIndex(config, storage));
    }

    private AutoIndex(IndexConfig config, VectorStorageFactory storage, VectorIndex delegate) {
        this.config = config;
        this.storage = storage;
        this.delegate = delegate;
    }

    /** An AUTO index over a delegate loaded from a snapshot (a {@link FlatIndex} or an {@link HnswIndex}). */
    public static AutoIndex restore(IndexConfig config, VectorIndex delegate, VectorStorageFactory storage) {
        assert delegate instanceof FlatIndex || delegate instanceof HnswIndex : "unknown delegate";
        return new AutoIndex(config, storage, delegate);
    }

    public IndexConfig config() {
        return config;
    }

    /** The index answering now: flat, then HNSW (snapshots). */
    public VectorIndex delegate() {
        return delegate;
    }

    /** True once the index searches with HNSW. */
    public boolean usesHnsw() {
        return delegate instanceof HnswIndex;
    }

    @Override
    public int add(float[] vector) {
        int id = delegate.add(vector);
        if (delegate instanceof FlatIndex && delegate.liveCount() >= config.autoThreshold()) {
            delegate = toHnsw((FlatIndex) delegate);
        }
        return id;
    }

    private HnswIndex toHnsw(FlatIndex flat) {
        // SQ8 calibrates on every vector handed over (a better sample than the default size), after
        // the graph over them was built on exact floats.
        int training = Math.max(config.sq8TrainingSize(), flat.liveCount());
        HnswIndex hnsw = new HnswIndex(config.toBuilder().indexType(IndexType.HNSW).sq8TrainingSize(training).build(),
                storage);
        float[] v = new float[flat.dimensions()];
        try {
            for (int ord = 0; ord < flat.ordinals(); ord++) {
                if (flat.isLiveOrd(ord)) {
                    flat.decode(ord, v);
                    hnsw.addWithId(flat.idOf(ord), v);
                }
            }
        } catch (RuntimeException e) {
            // The flat index stays the delegate; the half-built one must not strand its memory.
            hnsw.release();
            throw e;
        }
        hnsw.reserveIds(flat.nextId());
        flat.release();
        return hnsw;
    }

    @Override
    public int dimensions() {
        return delegate.dimensions();
    }

    @Override
    public Metric metric() {
        return delegate.metric();
    }

    @Override
    public int size() {
        return delegate.size();
    }

    @Override
    public SearchResult search(float[] query, int k) {
        return delegate.search(query, k);
    }

    @Override
    public SearchResult search(float[] query, int k, int efSearch) {
        return delegate.search(query, k, efSearch);
    }

    @Override
    public SearchResult searchExact(float[] query, int k, IdFilter filter) {
        return delegate.searchExact(query, k, filter);
    }

    @Override
    public SearchResult searchFiltered(float[] query, int k, int efSearch, IdFilter filter) {
        return delegate.searchFiltered(query, k, efSearch, filter);
    }

    @Override
    public boolean isApproximate() {
        return delegate.isApproximate();
    }

    @Override
    public int idLimit() {
        return delegate.idLimit();
    }

    /** An update never switches to HNSW: the live count does not change. */
    @Override
    public void update(int id, float[] vector) {
        delegate.update(id, vector);
    }

    @Override
    public float[] get(int id) {
        return delegate.get(id);
    }

    @Override
    public long memoryBytes() {
        return delegate.memoryBytes();
    }

    @Override
    public long storageBytes() {
        return delegate.storageBytes();
    }

    @Override
    public void delete(int id) {
        delegate.delete(id);
    }

    @Override
    public boolean isDeleted(int id) {
        return delegate.isDeleted(id);
    }

    @Override
    public int liveCount() {
        return delegate.liveCount();
    }

    @Override
    public int deletedCount() {
        return delegate.deletedCount();
    }

    @Override
    public double tombstoneRatio() {
        return delegate.tombstoneRatio();
    }

    @Override
    public boolean needsCompaction() {
        return delegate.needsCompaction();
    }

    @Override
    public void compact() {
        delegate.compact();
    }

    @Override
    public void checkIntegrity() {
        delegate.checkIntegrity();
    }
}
