package dev.teavec.core.index;

import dev.teavec.core.codec.SectionInput;
import dev.teavec.core.codec.SectionOutput;
import dev.teavec.core.encoding.StoredVectors;
import dev.teavec.core.encoding.VectorEncodings;
import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.vector.Metric;

/**
 * The {@code auto} index type, the default: an exact {@code flat} index while small, an {@code hnsw}
 * one from {@link IndexConfig#autoThreshold()} live vectors on. The first add after the threshold was reached
 * starts the switch ({@link HnswHandover}): the live vectors move to a new HNSW index under the same ids, at
 * most {@link #HANDOVER_PER_ADD} of them per add (or per {@link #advanceBuild} step), so that no single call
 * builds the whole graph; the flat index answers, exactly, until every vector was handed over, then
 * the HNSW index takes over. SQ8 calibrates on the first threshold vectors handed over, after the
 * graph over them was built on exact floats. It never switches back, even when deletes shrink it: flipping
 * would rebuild again and again around the threshold. The flat index is released once its vectors are
 * handed over (the delegate is owned here; its storage shares the one factory). A snapshot taken during
 * the switch holds the flat phase: the switch starts over after a load, at the next add or build step.
 *
 * <p>Snapshot state, format version 1: {@code u8 phase} (0 flat, 1 HNSW), {@code u16} the delegate
 * type's format version, then the delegate's own state. Version 2 (written only while flat with
 * {@link IndexConfig#leanGraph()}, which CONFIG does not hold) puts {@code u8 flags} after the phase, bit 0 the
 * lean graph the switch will build: without it a reloaded flat index would switch to a keyed graph.
 */
public final class AutoIndex implements VectorIndex {
    static final int FORMAT_VERSION = 2;
    private static final int WITHOUT_FLAGS = 1;
    private static final int LEAN_FLAG = 1;
    private static final int FLAT_PHASE = 0;
    private static final int HNSW_PHASE = 1;
    /**
     * Vectors handed over to the HNSW index per add during the switch: a few graph inserts per call, and
     * the backlog shrinks by this minus one per add, so the switch of a {@code threshold}-vector index ends
     * after about threshold / (HANDOVER_PER_ADD - 1) adds.
     */
    static final int HANDOVER_PER_ADD = 4;

    private final IndexConfig config;
    private final VectorStorageFactory storage;
    /** The index that answers: flat until the handover is complete, then HNSW. */
    private ManagedIndex delegate;
    /** Non-null while switching. */
    private HnswHandover handover;
    /** Deferred linking asked for ({@link #deferLinking}), applied to the HNSW index once it answers. */
    private boolean deferLinks;

    AutoIndex(IndexConfig config, VectorStorageFactory storage) {
        this(config, storage, ManagedIndex.create(FlatType.INSTANCE, flatConfig(config), storage));
    }

    private AutoIndex(IndexConfig config, VectorStorageFactory storage, ManagedIndex delegate) {
        this.config = config;
        this.storage = storage;
        this.delegate = delegate;
    }

    /** What the flat phase runs on: float32, whatever the AUTO config's quantization. */
    public static IndexConfig flatConfig(IndexConfig config) {
        return config.toBuilder().indexType(IndexTypes.FLAT).quantization(VectorEncodings.NONE)
                .keepFloatsForRerank(false).build();
    }

    /** What the HNSW phase runs on: AUTO's settings, SQ8 trained once {@code trainingSize} vectors are stored. */
    static IndexConfig hnswConfig(IndexConfig config, int trainingSize) {
        return config.toBuilder().indexType(IndexTypes.HNSW).sq8TrainingSize(trainingSize).build();
    }

    /**
     * An AUTO index over a delegate loaded from a snapshot of format version 1 or 2: a flat index made
     * with {@link #flatConfig}, or an HNSW one (the phase is the delegate's type).
     */
    public static AutoIndex restore(IndexConfig config, VectorIndex delegate, VectorStorageFactory storage) {
        return new AutoIndex(config, storage, (ManagedIndex) delegate);
    }

    /** The index a snapshot of format version 1 or 2 holds (see the class comment). */
    static AutoIndex restore(IndexConfig saved, int formatVersion, SavedIds ids, StoredVectors vectors,
            SectionInput state, VectorStorageFactory storage) {
        int at = state.position();
        int phase = state.u8("phase");
        if (phase > HNSW_PHASE) {
            throw state.corrupt(at, "phase " + phase + " is neither 0 (flat) nor 1 (HNSW)");
        }
        IndexConfig config = saved;
        if (formatVersion > WITHOUT_FLAGS) {
            int flagsAt = state.position();
            int flags = state.u8("flags");
            if (flags > LEAN_FLAG) {
                throw state.corrupt(flagsAt, "flags " + flags + " has bits other than 1 (lean graph) set");
            }
            config = saved.toBuilder().leanGraph(flags == LEAN_FLAG).build();
        }
        StructureType type = phase == FLAT_PHASE ? FlatType.INSTANCE : HnswType.INSTANCE;
        int versionAt = state.position();
        int version = state.u16("delegate format version");
        if (version < 1) {
            throw state.corrupt(versionAt, "the " + type.name() + " delegate's format version is 0");
        }
        if (version > type.formatVersion()) {
            throw state.tooNew(versionAt, "the " + type.name() + " delegate has format version " + version
                    + "; this TeaVec reads " + type.name() + " format 1.." + type.formatVersion());
        }
        IndexConfig inner = phase == FLAT_PHASE ? flatConfig(config)
                : HnswType.restoredConfig(hnswConfig(config, config.sq8TrainingSize()), version);
        return new AutoIndex(config, storage, ManagedIndex.restore(type, inner, version, ids, vectors, state, storage));
    }

    @Override
    public IndexConfig config() {
        return config;
    }

    /** True once the index searches with HNSW. */
    public boolean usesHnsw() {
        return delegate.type() == HnswType.INSTANCE;
    }

    /** The HNSW index every add goes to once switched, else null (while flat, adds also advance the switch). */
    ManagedIndex hnswDelegate() {
        return usesHnsw() ? delegate : null;
    }

    @Override
    public IndexParts parts() {
        IndexParts inner = delegate.parts();
        int phase = usesHnsw() ? HNSW_PHASE : FLAT_PHASE;
        boolean flags = phase == FLAT_PHASE && config.leanGraph();
        return new IndexParts(config, flags ? FORMAT_VERSION : WITHOUT_FLAGS, inner.ids(), inner.vectors(),
                new IndexParts.State() {
            @Override
            public long size() {
                return (flags ? 4 : 3) + inner.state().size();
            }

            @Override
            public void write(SectionOutput out) {
                out.u8(phase);
                if (flags) {
                    out.u8(LEAN_FLAG);
                }
                out.u16(inner.formatVersion());
                inner.state().write(out);
            }
        });
    }

    @Override
    public int add(float[] vector) {
        // The switch goes on (or starts, once an earlier add reached the threshold) before this add: a step
        // that fails then leaves the vector unstored, and the caller sees an add that changed nothing.
        if (!usesHnsw()) {
            advanceBuild(HANDOVER_PER_ADD);
        }
        return delegate.add(vector);
    }

    /**
     * Does up to {@code maxVectors} of the switch to HNSW (starting it if the index reached the threshold,
     * e.g. one loaded from a snapshot taken during the switch); returns the vectors still to hand over
     * (an upper bound), 0 when there is no switch under way.
     */
    @Override
    public int advanceBuild(int maxVectors) {
        if (handover == null) {
            if (usesHnsw()) {
                return delegate.advanceBuild(maxVectors);
            }
            if (delegate.liveCount() < config.autoThreshold()) {
                return 0;
            }
            startHandover();
        }
        boolean done;
        try {
            done = handover.advance(maxVectors);
        } catch (RuntimeException e) {
            // The flat index stays the delegate; the half-built one must not strand its memory.
            handover.abandon();
            handover = null;
            throw e;
        }
        if (!done) {
            return handover.pending();
        }
        delegate = handover.finish();
        handover = null;
        // The handover linked every vector (it is complete); deferral applies to the adds from here on.
        delegate.deferLinking(deferLinks);
        return 0;
    }

    @Override
    public int deferLinking(boolean on) {
        deferLinks = on;
        return delegate.deferLinking(on);
    }

    /** The index that answers now (tests look at its pending ordinals). */
    ManagedIndex delegate() {
        return delegate;
    }

    /** True while the switch to HNSW is under way (the flat index still answers). */
    public boolean switching() {
        return handover != null;
    }

    /** Graph nodes of the switch under way (0 when none): tests bound the work per call with it. */
    int handedOver() {
        return handover == null ? 0 : handover.graphed();
    }

    private void startHandover() {
        // SQ8 calibrates on the first threshold vectors handed over (a better sample than the default size),
        // after the graph over them was built on exact floats: the same count whenever the switch starts.
        int training = Math.max(config.sq8TrainingSize(), config.autoThreshold());
        handover = HnswHandover.start(delegate, hnswConfig(config, training), storage);
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
        return delegate.search(query, k, config.efSearch());
    }

    @Override
    public SearchResult search(float[] query, int k, int efSearch) {
        return delegate.search(query, k, efSearch);
    }

    @Override
    public SearchResult search(float[] query, int k, int efSearch, int rerankK) {
        return delegate.search(query, k, efSearch, rerankK);
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
        // During a switch the update moves the id to a later flat ordinal, where the handover finds it.
        delegate.update(id, vector);
    }

    @Override
    public float[] get(int id) {
        return delegate.get(id);
    }

    @Override
    public long memoryBytes() {
        return delegate.memoryBytes() + (handover == null ? 0 : handover.memoryBytes());
    }

    @Override
    public long storageBytes() {
        return delegate.storageBytes() + (handover == null ? 0 : handover.storageBytes());
    }

    @Override
    public void delete(int id) {
        delegate.delete(id);
        if (handover != null) {
            handover.deleted(id);
        }
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
        if (handover != null) {
            // Compaction renumbers the flat ordinals the handover walks, and rebuilds a graph anyway: finish first.
            advanceBuild(Integer.MAX_VALUE);
        }
        delegate.compact();
    }

    @Override
    public void checkIntegrity() {
        delegate.checkIntegrity();
        if (handover != null) {
            handover.checkIntegrity();
        }
    }
}
