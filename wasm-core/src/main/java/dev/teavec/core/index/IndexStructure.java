package dev.teavec.core.index;

import dev.teavec.core.codec.SectionOutput;

/**
 * What a pluggable index implements: the part that differs between index types (a graph, inverted
 * lists, nothing at all for an exact scan). The engine keeps everything else in the {@link ManagedIndex}
 * around it: it validates input, hands out ids, keeps tombstones and the stored vectors (for
 * {@code get}, exact scans and re-ranking), answers exactly when a search comes back short, and
 * compacts by building a new structure over the live vectors. Structures are made by their
 * {@link StructureType} with the engine's {@link IndexContext}.
 *
 * <p>Ids are the engine's external ids: stable for an index's life. Methods get validated input only
 * and should not throw; if {@link #add} throws, the engine stores the vector as deleted (its id is
 * spent) and rethrows. Not thread-safe.
 */
public interface IndexStructure {
    /**
     * {@code id}'s vector was just stored (a copy: the structure may keep it). An update of {@code id} is
     * {@link #remove} then add with the new vector.
     */
    void add(int id, float[] vector);

    /** {@code id} was deleted (or is being updated). The engine never returns a deleted id, whatever search says. */
    void remove(int id);

    /**
     * Up to {@code k} nearest live ids that {@code filter} accepts (null: every live id), nearest first,
     * with their distances ({@link IndexContext#rank} turns candidate ids into such a result), and the
     * vectors scored as {@link SearchResult#visited()}. {@code budget} (at least k) is the effort to spend,
     * the beam width of a graph. Fewer than min(k, matches) results is allowed: an unfiltered search is
     * then answered again by an exact scan, a filtered one by the filtered-search planner.
     */
    SearchResult search(float[] query, int k, int budget, IdFilter filter);

    /**
     * As {@link #search(float[], int, int, IdFilter)}, re-scoring only the best {@code rerankK} candidates (at least
     * k) on the exact tier where the stored vectors re-rank; 0: every candidate of the beam. Others ignore it.
     */
    default SearchResult search(float[] query, int k, int budget, int rerankK, IdFilter filter) {
        return search(query, k, budget, filter);
    }

    /** False for a structure that cannot beat an exact scan: the engine then scans and never calls {@link #search}. */
    default boolean approximate() {
        return true;
    }

    /**
     * The stored vectors changed form (SQ8 trained or re-calibrated): scorers made over
     * {@link IndexContext#vectors()} before must be released and made again now.
     */
    default void vectorsChanged() {
    }

    /** Bytes {@link #writeState} writes: the snapshot's INDEX_STATE payload for this structure. */
    default long stateSize() {
        return 0;
    }

    /** Writes the state {@link StructureType#readStructure} reads back (at {@link #stateVersion}). */
    default void writeState(SectionOutput out) {
    }

    /** The format version {@link #writeState} writes: the type's newest, {@code newest}, unless it writes an older one. */
    default int stateVersion(int newest) {
        return newest;
    }

    /** Bytes of memory held, beyond the engine's stored vectors. */
    default long bytesUsed() {
        return 0;
    }

    /** Bytes of scorer kernel buffers held (allocated by the index's VectorStorageFactory). */
    default long kernelBytes() {
        return 0;
    }

    /** Returns what the structure holds outside the Java heap (scorers); it is not used afterwards. */
    default void release() {
    }

    /**
     * An order of the stored ordinals (new → old) that keeps what a search reads together close in memory, or
     * null when this structure has none to offer; the engine then calls {@link #renumbered} (see compaction).
     */
    default int[] localityOrder() {
        return null;
    }

    /**
     * This structure over the same ordinals renumbered by {@code order} (new → old, from {@link #localityOrder}),
     * made once the engine's vectors and ids were renumbered; this one was released before. Only called when
     * {@link #localityOrder} gave an order.
     */
    default IndexStructure renumbered(int[] order) {
        return null;
    }

    /** Throws {@link IllegalStateException} describing the first inconsistency found. */
    default void checkIntegrity() {
    }
}
