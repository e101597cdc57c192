package dev.teavec.core.index;

import dev.teavec.core.store.VectorStorageFactory;

/**
 * AUTO's switch from its flat index to HNSW, a bounded number of vectors at a time (so that no single
 * call builds the whole graph): the flat index stays the one that answers (exactly) while a new HNSW
 * index is built beside it from the flat index's ordinals in order, under the same ids; once every
 * ordinal was handed over, the HNSW index takes over ({@link #finish}).
 *
 * <p>Writes made meanwhile go to the flat index first. A delete of an id already handed over is applied to
 * the HNSW copy too. An update moves the id to a later flat ordinal, where the cursor finds it: an id not
 * handed over yet is added then, one handed over before is updated then (its old node becomes a tombstone).
 * So the HNSW index receives the live vectors in the flat index's ordinal order, whenever the switch ran: a
 * switch started over after a load (snapshots see only the flat index; the partial graph is not saved)
 * graphs the same live vectors in the same order, and after a compaction both give the same graph.
 *
 * <p>Ownership: owns the HNSW index until {@link #finish} hands it over, or {@link #abandon} releases it.
 */
final class HnswHandover {
    private final ManagedIndex flat;
    private final ManagedIndex hnsw;
    /** Flat ordinals below it were handed over (or skipped: deleted, or in already). */
    private int cursor;

    private HnswHandover(ManagedIndex flat, ManagedIndex hnsw) {
        this.flat = flat;
        this.hnsw = hnsw;
    }

    /** A handover of {@code flat}'s vectors to a new HNSW index of {@code hnswConfig}; nothing is handed yet. */
    static HnswHandover start(ManagedIndex flat, IndexConfig hnswConfig, VectorStorageFactory storage) {
        return new HnswHandover(flat, ManagedIndex.create(HnswType.INSTANCE, hnswConfig, storage));
    }

    /** Hands over up to {@code maxVectors} more vectors; true once every flat ordinal was handed over. */
    boolean advance(int maxVectors) {
        cursor = flat.copyLiveTo(hnsw, cursor, maxVectors);
        return done();
    }

    boolean done() {
        return cursor == flat.ordinals();
    }

    /** Vectors in the HNSW index so far (graph nodes, updated ones' old nodes included). */
    int graphed() {
        return hnsw.ordinals();
    }

    /** Flat ordinals not handed over yet (deleted ones included: an upper bound of the vectors left). */
    int pending() {
        return flat.ordinals() - cursor;
    }

    /** {@code id} was just deleted from the flat index. */
    void deleted(int id) {
        if (hnsw.holdsLive(id)) {
            hnsw.delete(id);
        }
    }

    /** The HNSW index, complete: the flat one is released (nothing may read it afterwards). */
    ManagedIndex finish() {
        assert done() : "the handover is not complete";
        hnsw.reserveIds(flat.idLimit());
        flat.release();
        return hnsw;
    }

    /** Drops the partial HNSW index; the flat one stays as it was. */
    void abandon() {
        hnsw.release();
    }

    long memoryBytes() {
        return hnsw.memoryBytes();
    }

    long storageBytes() {
        return hnsw.storageBytes();
    }

    /** The HNSW copy holds exactly the flat index's live ids that the cursor has passed, or that moved on after it. */
    void checkIntegrity() {
        hnsw.checkIntegrity();
        int handed = 0;
        boolean sound = cursor >= 0 && cursor <= flat.ordinals();
        for (int ord = 0; sound && ord < flat.ordinals(); ord++) {
            boolean live = flat.isLiveOrdinal(ord);
            boolean copied = live && hnsw.holdsLive(flat.idOfOrdinal(ord));
            handed += copied ? 1 : 0;
            sound = copied || !live || ord >= cursor;
        }
        if (!sound || handed != hnsw.liveCount()) {
            // One message for every case: the browser build pays for each string concatenation in code size.
            throw new IllegalStateException("AUTO handover: the HNSW copy disagrees with the flat index at cursor " + cursor);
        }
    }
}
