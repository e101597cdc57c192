package dev.teavec.core.index;

import dev.teavec.core.codec.SectionInput;
import dev.teavec.core.codec.SectionOutput;
import dev.teavec.core.encoding.StoredVectors;
import dev.teavec.core.encoding.VectorEncodings;
import dev.teavec.core.graph.OrdinalFilter;
import dev.teavec.core.score.QueryScorer;
import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.vector.Metric;
import dev.teavec.core.vector.VectorChecks;

/**
 * What every index shares, around the {@link IndexStructure} its {@link StructureType} makes: input
 * checks, ids and tombstones ({@link LiveIds}: external ids map to dense ordinals, deletes are O(1)
 * marks), the stored vectors in the config's encoding ({@link StoredVectors}, which trains and
 * re-calibrates itself), exact scans ({@link ExactScan}, also when the structure comes back short),
 * re-ranking of a structure's candidates ({@link IndexContext#rank}), and compaction: the live vectors
 * are copied (codes as they are), then a new structure is built over them; ids do not change.
 *
 * <p>Ownership: this index owns its stored vectors, its exact scorer and its structure (which owns the
 * scorers it makes). Whoever replaces one releases the old one once nothing reads it (scorers before the
 * vectors they read): in the browser build they hold Wasm linear memory, which nothing else reclaims.
 */
public final class ManagedIndex implements VectorIndex {
    private final StructureType type;
    private final IndexConfig config;
    private final VectorStorageFactory storage;
    private final Metric metric;
    private final int dim;
    private final Context context = new Context();
    private final ExactScan scan = new ExactScan();
    private final PendingLinks pending = new PendingLinks();
    /** Replaced wholesale by compaction, as are the vectors and the structure. */
    private LiveIds ids;
    private StoredVectors vectors;
    private QueryScorer exactScorer;
    private IndexStructure structure;

    private ManagedIndex(StructureType type, IndexConfig config, VectorStorageFactory storage, LiveIds ids,
            StoredVectors vectors) {
        this.type = type;
        this.config = config;
        this.storage = storage;
        this.metric = config.metric();
        this.dim = config.dimensions();
        this.ids = ids;
        this.vectors = vectors;
        this.exactScorer = vectors.exactVectors().newScorer();
    }

    /** A new empty index of {@code type}. */
    static ManagedIndex create(StructureType type, IndexConfig config, VectorStorageFactory storage) {
        StoredVectors vectors = VectorEncodings.BUILT_IN.forQuantization(config.encoding()).create(config, storage);
        ManagedIndex index = new ManagedIndex(type, config, storage, new LiveIds(), vectors);
        try {
            index.structure = type.newStructure(index.context);
        } catch (RuntimeException e) {
            index.exactScorer.release();
            vectors.release();
            throw e;
        }
        return index;
    }

    /** The index a snapshot holds; {@code ids} and {@code vectors} were validated and agree in count. */
    static ManagedIndex restore(StructureType type, IndexConfig config, int version, SavedIds ids, StoredVectors vectors,
            SectionInput state, VectorStorageFactory storage) {
        if (!vectors.encoding().name().equals(config.encoding())) {
            throw state.corrupt(state.position(), "index type '" + type.name() + "' with quantization '" + config.encoding()
                    + "' cannot hold vectors encoded as '" + vectors.encoding().name() + "'");
        }
        assert vectors.size() == ids.count() : "snapshot parts disagree";
        ManagedIndex index = new ManagedIndex(type, config, storage, LiveIds.restore(ids), vectors);
        index.structure = type.readStructure(index.context, version, state);
        return index;
    }

    @Override
    public IndexConfig config() {
        return config;
    }

    /** The type that made this index's structure. */
    public StructureType type() {
        return type;
    }

    /** The stored vectors (read-only by convention: tests and diagnostics look at the encoding's state). */
    public StoredVectors storedVectors() {
        return vectors;
    }

    @Override
    public IndexParts parts() {
        // A snapshot holds the whole structure: what is pending is linked first.
        linkPending(Integer.MAX_VALUE);
        IndexStructure s = structure;
        return new IndexParts(config, s.stateVersion(type.formatVersion()), ids.save(), vectors, new IndexParts.State() {
            @Override
            public long size() {
                return s.stateSize();
            }

            @Override
            public void write(SectionOutput out) {
                s.writeState(out);
            }
        });
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
    public int size() {
        return ids.live();
    }

    @Override
    public int add(float[] vector) {
        VectorChecks.checkVector(vector, dim, metric, "vector");
        int id = ids.nextId();
        addWithId(id, vector);
        return id;
    }

    /** An HNSW graph that links each add at once (not deferring): where a batch's order makes a difference. */
    boolean linksAtOnce() {
        return structure instanceof HnswStructure && !pending.deferring();
    }

    /**
     * Adds validated vectors in {@code order} (a permutation of their positions) under ids increasing in the
     * batch's order: the ids are reserved first, then each vector is stored and linked under its own.
     */
    int[] addInOrder(float[][] batch, int[] order) {
        int first = ids.nextId();
        ids.reserve(first + batch.length);
        int[] out = new int[batch.length];
        for (int i : order) {
            out[i] = first + i;
            addWithId(first + i, batch[i]);
        }
        return out;
    }

    /** Stores a validated vector under {@code id} (at least the next id): also AUTO's hand-over. */
    void addWithId(int id, float[] vector) {
        vectors.add(vector);
        ids.append(id);
        if (pending.deferring()) {
            linkOverCap();
            maintain();
            return;
        }
        try {
            structure.add(id, vector);
        } catch (RuntimeException e) {
            // Only a user's structure can fail here: the vector stays, deleted, so that nothing disagrees.
            ids.delete(id);
            throw e;
        }
        maintain();
    }

    @Override
    public void update(int id, float[] vector) {
        VectorChecks.checkVector(vector, dim, metric, "vector");
        ids.liveOrd(id);
        vectors.add(vector);
        ids.moveToNextOrdinal(id);
        structure.remove(id);
        if (pending.deferring()) {
            linkOverCap();
        } else {
            structure.add(id, vector);
        }
        maintain();
    }

    /** Links the oldest pending ordinals while more than the cap are pending. */
    private void linkOverCap() {
        int over = pending.count(vectors.size()) - PendingLinks.CAP;
        if (over > 0) {
            linkPending(over);
        }
    }

    @Override
    public int deferLinking(boolean on) {
        // Deferral is HNSW's: its graph links stored ordinals in order, so pending ones are a range at the end.
        if (structure instanceof HnswStructure) {
            if (!on) {
                linkPending(Integer.MAX_VALUE);
            }
            pending.setDeferring(on, vectors.size());
        }
        return pending.count(vectors.size());
    }

    /** Links up to {@code max} of the oldest pending ordinals; returns how many remain pending. */
    int linkPending(int max) {
        int n = vectors.size();
        for (int done = 0; done < max && pending.count(n) > 0; done++) {
            ((HnswStructure) structure).addOrdinal(pending.linked(n));
            pending.advanced();
        }
        return pending.count(n);
    }

    /** Links pending ordinals: the work deferred adds left. */
    @Override
    public int advanceBuild(int maxVectors) {
        return linkPending(maxVectors);
    }

    /** After adds: lets the encoding train or re-calibrate, and swaps every scorer over what it replaced. */
    private void maintain() {
        if (vectors.maintain()) {
            structure.vectorsChanged();
            exactScorer.release();
            exactScorer = vectors.exactVectors().newScorer();
            vectors.releaseRetired();
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

    @Override
    public SearchResult search(float[] query, int k) {
        return search(query, k, config.efSearch());
    }

    @Override
    public SearchResult search(float[] query, int k, int efSearch) {
        return search(query, k, efSearch, 0);
    }

    @Override
    public SearchResult search(float[] query, int k, int efSearch, int rerankK) {
        checkQuery(query, k);
        VectorChecks.checkEfSearch(efSearch);
        VectorChecks.checkRerankK(rerankK);
        if (!structure.approximate()) {
            return exact(query, k, ids.filter());
        }
        int live = ids.live();
        if (live == 0) {
            return new SearchResult(new int[0], new float[0], 0);
        }
        SearchResult found = structure.search(query, k, Math.max(Math.max(efSearch, rerankK), k), rerankK, null);
        int want = Math.min(k, live);
        if (found.size() >= want) {
            return found;
        }
        // The structure could not supply enough live vectors (a graph cut off by deletes): answer exactly.
        TopK top = new TopK(want);
        exactScorer.setQuery(query);
        int visited = found.visited() + scan.scan(exactScorer, 0, vectors.size(), ids.filter(), ids, top);
        return TopK.toResult(top, metric, visited, 0);
    }

    @Override
    public SearchResult searchFiltered(float[] query, int k, int efSearch, IdFilter filter) {
        checkQuery(query, k);
        VectorChecks.checkEfSearch(efSearch);
        if (!structure.approximate()) {
            return exact(query, k, ids.accepting(filter));
        }
        if (ids.live() == 0) {
            return new SearchResult(new int[0], new float[0], 0);
        }
        return structure.search(query, k, Math.max(efSearch, k), filter);
    }

    @Override
    public SearchResult searchExact(float[] query, int k, IdFilter filter) {
        checkQuery(query, k);
        return exact(query, k, ids.accepting(filter));
    }

    @Override
    public boolean isApproximate() {
        return structure.approximate();
    }

    private void checkQuery(float[] query, int k) {
        VectorChecks.checkVector(query, dim, metric, "query");
        VectorChecks.checkK(k);
    }

    /** Scores every ordinal {@code filter} accepts (null: all) on the most exact vectors held; visited = how many. */
    private SearchResult exact(float[] query, int k, OrdinalFilter filter) {
        TopK top = new TopK(Math.min(k, Math.max(ids.live(), 1)));
        exactScorer.setQuery(query);
        int scored = scan.scan(exactScorer, 0, vectors.size(), filter, ids, top);
        return TopK.toResult(top, metric, scored, 0);
    }

    @Override
    public float[] get(int id) {
        float[] out = new float[dim];
        vectors.exactVectors().decode(ids.liveOrd(id), out);
        return out;
    }

    @Override
    public long memoryBytes() {
        return vectors.bytesUsed() + structure.bytesUsed() + ids.bytesUsed();
    }

    /** Bytes held by vector data alone (codes or floats, per-vector terms, kept floats). */
    public long vectorBytes() {
        return vectors.bytesUsed();
    }

    @Override
    public long storageBytes() {
        return vectors.storageBytes() + exactScorer.kernelBytes() + structure.kernelBytes();
    }

    @Override
    public void delete(int id) {
        ids.delete(id);
        structure.remove(id);
    }

    @Override
    public boolean isDeleted(int id) {
        return ids.isDeleted(id);
    }

    @Override
    public int liveCount() {
        return ids.live();
    }

    @Override
    public int deletedCount() {
        return ids.deleted();
    }

    @Override
    public double tombstoneRatio() {
        return ids.tombstoneRatio();
    }

    @Override
    public boolean needsCompaction() {
        return ids.deleted() > 0 && ids.tombstoneRatio() >= config.compactionThreshold();
    }

    @Override
    public void compact() {
        if (ids.deleted() == 0) {
            // Renumbered for memory locality instead, where the engine holds that (LocalityReorder).
            IndexReorder reorder = LocalityReorder.available();
            if (reorder != null) {
                reorder.apply(this);
            }
            return;
        }
        int[] live = ids.liveOrdinals();
        StoredVectors kept = vectors.copyOf(live, live.length);
        // The old vectors, the structure and every scorer over them are garbage from here on.
        release();
        vectors = kept;
        ids = ids.compacted(live);
        exactScorer = vectors.exactVectors().newScorer();
        structure = type.newStructure(context);
        float[] v = new float[dim];
        for (int ord = 0; ord < live.length; ord++) {
            vectors.exactVectors().decode(ord, v);
            structure.add(ids.id(ord), v);
        }
        pending.allLinked(vectors.size());
    }

    /**
     * Renumbers the ordinals by {@code order} (new → old, a permutation of every stored ordinal, none deleted, all
     * linked): vectors, ids and the structure alike; ids do not change. See {@link LocalityReorder}.
     */
    void renumber(int[] order) {
        StoredVectors kept = vectors.copyOf(order, order.length);
        IndexStructure old = structure;
        release();
        vectors = kept;
        ids = ids.compacted(order);
        exactScorer = vectors.exactVectors().newScorer();
        structure = old.renumbered(order);
    }

    /** The structure (read-only by convention), for {@link LocalityReorder}. */
    IndexStructure structure() {
        return structure;
    }

    /**
     * Hands live vectors from ordinal {@code from} on, in ordinal order and under their ids, to {@code target}
     * (AUTO's switch), until {@code max} were handed over or the ordinals run out; returns the ordinal to go on
     * from. An id {@code target} holds already (handed over, then updated here) is updated there.
     */
    int copyLiveTo(ManagedIndex target, int from, int max) {
        float[] v = new float[dim];
        int ord = from;
        for (int handed = 0; ord < vectors.size() && handed < max; ord++) {
            if (!ids.isDeletedOrd(ord)) {
                vectors.exactVectors().decode(ord, v);
                int id = ids.id(ord);
                if (target.holdsLive(id)) {
                    target.update(id, v);
                } else {
                    target.addWithId(id, v);
                }
                handed++;
            }
        }
        return ord;
    }

    /** Stored ordinals, deleted ones included. */
    int ordinals() {
        return ids.ordinals();
    }

    /** The ordinal holding live {@code id}, or -1. */
    int liveOrdinal(int id) {
        return ids.liveOrdOrNone(id);
    }

    int idOfOrdinal(int ord) {
        return ids.id(ord);
    }

    boolean isLiveOrdinal(int ord) {
        return !ids.isDeletedOrd(ord) && ids.liveOrdOrNone(ids.id(ord)) == ord;
    }

    /** True when {@code id} is live here. */
    boolean holdsLive(int id) {
        return id >= 0 && id < ids.nextId() && ids.liveOrdOrNone(id) >= 0;
    }

    /**
     * Returns what this index holds outside the Java heap (the structure's scorers, the exact scorer,
     * then the vectors); it must not be used afterwards (but by compaction, which replaces them all).
     */
    void release() {
        structure.release();
        exactScorer.release();
        vectors.release();
    }

    @Override
    public void checkIntegrity() {
        structure.checkIntegrity();
        if (vectors.size() != ids.ordinals()) {
            throw new IllegalStateException(type.name() + " index: " + vectors.size() + " vectors but "
                    + ids.ordinals() + " ids");
        }
        ids.checkIntegrity();
        vectors.checkIntegrity();
    }

    /** The engine's side of the structure's contract. */
    private final class Context implements IndexContext {
        @Override
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
        public int liveCount() {
            return ids.live();
        }

        @Override
        public StoredVectors vectors() {
            return vectors;
        }

        @Override
        public int ordinalOf(int id) {
            return ids.liveOrdOrNone(id);
        }

        @Override
        public int idOf(int ord) {
            return ids.id(ord);
        }

        @Override
        public int linkedOrdinals() {
            return pending.linked(vectors.size());
        }

        @Override
        public int scanPending(float[] query, OrdinalFilter filter, TopK top) {
            int n = vectors.size();
            int from = pending.linked(n);
            if (from == n) {
                return 0;
            }
            exactScorer.setQuery(query);
            return scan.scan(exactScorer, from, n, filter, ids, top);
        }

        @Override
        public OrdinalFilter liveOrdinals(IdFilter filter) {
            return filter == null ? ids.filter() : ids.accepting(filter);
        }

        @Override
        public QueryScorer exactScorer() {
            return exactScorer;
        }

        @Override
        public SearchResult rank(float[] query, int[] candidates, int count, int k, IdFilter filter, int visited) {
            exactScorer.setQuery(query);
            return scan.rank(exactScorer, candidates, count, k, filter, ids, metric, visited);
        }
    }
}
