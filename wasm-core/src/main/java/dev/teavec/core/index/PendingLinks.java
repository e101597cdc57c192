package dev.teavec.core.index;

/**
 * Deferred linking (an LSM memtable's idea, with read-your-writes kept): a {@link ManagedIndex} over an HNSW
 * graph ({@link HnswStructure}, whose nodes are the stored ordinals, linked in order) may store a vector at once
 * and link it into the graph later. Stored ordinals from {@link #linked(int)} on are pending: held exactly as the others
 * (vectors, ids, tombstones) but not in the structure, so every search scans them exactly and merges that with
 * the structure's answer. They are linked oldest first (structures insert in ordinal order): by
 * {@link ManagedIndex#linkPending}, and synchronously by an add that leaves more than {@link #CAP} pending,
 * which keeps the scan short (the structure calls {@link IndexContext#scanPending} in each search; its
 * checkIntegrity checks the range and the cap). A pending ordinal deleted or superseded (an update stores the
 * new vector at a new ordinal) is still linked in its turn, as a tombstoned waypoint, as without deferral.
 *
 * <p>Off unless the owner turns it on: in-memory indexes and builds link at once, as before.
 */
final class PendingLinks {
    /**
     * Ordinals left pending before an add links the oldest itself. Every search scans the pending ones exactly:
     * at 384 dimensions 1,024 float32 vectors cost about what a graph search of ef 100 costs.
     */
    static final int CAP = 1024;
    private boolean deferring;
    /** Ordinals below this are in the structure (meaningful while deferring). */
    private int linked;

    boolean deferring() {
        return deferring;
    }

    /** Turns deferral on over {@code ordinals} stored ordinals, all linked; or off, once all are linked. */
    void setDeferring(boolean on, int ordinals) {
        assert on || count(ordinals) == 0 : "turning deferral off with ordinals pending";
        if (!deferring) {
            linked = ordinals;
        }
        deferring = on;
    }

    /** Ordinals below this are linked into the structure. */
    int linked(int ordinals) {
        return deferring ? linked : ordinals;
    }

    /** Pending ordinals (deleted ones included) among {@code ordinals} stored. */
    int count(int ordinals) {
        return ordinals - linked(ordinals);
    }

    /** Links the next pending ordinal ({@link #linked(int)}): the caller linked it. */
    void advanced() {
        linked++;
    }

    /** After a rebuild of the structure over every stored ordinal (compaction). */
    void allLinked(int ordinals) {
        linked = ordinals;
    }
}
