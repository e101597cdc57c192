package dev.teavec.core.index;

import dev.teavec.core.vector.VectorChecks;

import dev.teavec.core.vector.Metric;

/**
 * An index as the engine uses it, whatever its type. Ids are assigned by {@link #add(float[])} in
 * increasing order and never reused; they survive {@link #compact()}. Every method that takes input
 * validates it first and throws a {@code TeaVecException} before changing anything. Not thread-safe.
 *
 * <p>Index types (registered by name in {@link IndexTypes}) do not implement this: most implement the
 * much smaller {@link IndexStructure}, which {@link ManagedIndex} wraps with what every index shares
 * (ids, tombstones, stored vectors, exact scans, re-ranking, compaction).
 */
public interface VectorIndex {
    /** The config the index was made with; its {@link IndexConfig#indexType()} names its type. */
    IndexConfig config();

    /** The index as a snapshot holds it (docs/format.md): ids, stored vectors and its type's state. */
    IndexParts parts();

    int dimensions();

    Metric metric();

    /** Number of live vectors: the same as {@link #liveCount()}. */
    int size();

    /** Validates and stores a copy of {@code vector}; returns its id. Throws before changing anything. */
    int add(float[] vector);

    /**
     * The k nearest live ids with their distances, best first; fewer only when fewer than k are
     * live. Deleted ids are never returned.
     */
    SearchResult search(float[] query, int k);

    /**
     * As {@link #search(float[], int)} with a beam width for this query (HNSW uses max(efSearch, k));
     * an exact index checks it (INVALID_ARGUMENT when below 1) and otherwise ignores it.
     */
    SearchResult search(float[] query, int k, int efSearch);

    /**
     * As {@link #search(float[], int, int)}, where the stored vectors re-rank (a quantized encoding keeping floats):
     * the graph's beam is max(efSearch, rerankK, k) wide and its best {@code rerankK} candidates (at least k) are
     * re-scored exactly; 0: all of the beam, as the other overloads do. INVALID_ARGUMENT when negative.
     */
    default SearchResult search(float[] query, int k, int efSearch, int rerankK) {
        VectorChecks.checkRerankK(rerankK);
        return search(query, k, efSearch);
    }

    /** A copy of the stored vector (decoded, so approximate, for SQ8 without kept floats). */
    float[] get(int id);

    /** Bytes of memory held by vectors and index structures. */
    long memoryBytes();

    /**
     * Bytes of its vector storages and its scorers' kernel buffers: what its VectorStorageFactory
     * allocated for it and it still uses. Equal to the factory's {@code bytesHeld()} when nothing was
     * stranded (compaction, SQ8 training and AUTO's switch release what they replace): an integrity aid.
     */
    long storageBytes();

    /** Marks {@code id} deleted in O(1); UNKNOWN_ID if it is not a live id. */
    void delete(int id);

    /** True when {@code id} was assigned and then deleted. */
    boolean isDeleted(int id);

    int liveCount();

    /** Deleted vectors still held (tombstones), until {@link #compact()}. */
    int deletedCount();

    /** deletedCount / (liveCount + deletedCount), 0 when empty. */
    double tombstoneRatio();

    /** True when the tombstone ratio reached the configured compaction threshold. */
    boolean needsCompaction();

    /** Drops deleted vectors and rebuilds the structures over the live ones; ids do not change. */
    void compact();

    /** Every id handed out so far (deleted ones included) is below this. */
    int idLimit();

    /**
     * Replaces the vector of the live {@code id}, keeping the id: the new vector takes a new slot
     * and the old one becomes a tombstone (counted by {@link #deletedCount()}) until
     * {@link #compact()}. Validates both before changing anything (UNKNOWN_ID, vector errors).
     */
    void update(int id, float[] vector);

    /**
     * The exact k nearest among live vectors whose id {@code filter} accepts, best first (fewer
     * only when fewer match). {@link SearchResult#visited()} counts the vectors scored.
     */
    SearchResult searchExact(float[] query, int k, IdFilter filter);

    /**
     * A filtered search with beam width {@code efSearch}: on a graph index approximate, traversing
     * rejected vectors but returning only accepted ones, and possibly fewer than k even when k
     * match (callers fall back to {@link #searchExact}); on an exact index the same as searchExact.
     */
    SearchResult searchFiltered(float[] query, int k, int efSearch, IdFilter filter);

    /** True when {@link #searchFiltered} is approximate (a graph search). */
    boolean isApproximate();

    /** Throws {@link IllegalStateException} describing the first internal inconsistency found. */
    void checkIntegrity();

    /**
     * Work that adds left for later, done in bounded steps (the {@code auto} index's switch to HNSW hands
     * over up to {@code maxVectors} vectors per call); returns how much is left (vectors), 0 when none.
     * Results are the same before and after: it only makes later searches faster.
     */
    default int advanceBuild(int maxVectors) {
        return 0;
    }

    /**
     * Lets adds and updates leave graph linking for later (persistent databases: a write is acknowledged once
     * stored and logged): ids stay pending, stored but not linked, and every search scans them exactly beside
     * the graph; an add that leaves more than 1,024 pending links the oldest; {@link #advanceBuild} links them.
     * Off (the default) links at once, linking whatever is pending first. Returns the ids pending now (asked
     * again with the same {@code on}, only that). Exact indexes ignore it and return 0.
     */
    default int deferLinking(boolean on) {
        return 0;
    }
}
