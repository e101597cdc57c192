package dev.teavec.core.index;

/**
 * Deferred linking (an LSM memtable's idea, with read-your-writes kept): a {@link ManagedIndex} over an HNSW
 * graph ({@link HnswStructure}, whose nodes are the stored ordinals, linked in order) may store a vector at once
 * and link it into the graph later. Stored ordinals from {@link #linked(int)} on are pending: held exactly as the others
 * (vectors, ids, tombstones) but not in the structure, so every search scans them exactly and merges that with
 * the structure's answer. They are linked oldest first (structures insert in ordinal order): by
 * {@link ManagedIndex#linkPending}, and synchronously by an add that leaves more than the cap pending, which
 * keeps the scan short. A pending ordinal deleted or superseded (an update stores the new vector at a new
 * ordinal) is still linked in its turn, as a tombstoned waypoint, as it would have been without deferral.
 *
 * <p>Off (cap 0) unless the owner turns it on: in-memory indexes and builds link at once, as before.
 */
final class PendingLinks {
    /** The largest cap accepted: a pending scan over more than this would cost more than the links it saves. */
    static final int MAX_CAP = 1 << 16;
    private int cap;
    /** Ordinals below this are in the structure (meaningful while deferring). */
    private int linked;

    /** Pending ordinals allowed before an add links the oldest; 0: off. */
    int cap() {
        return cap;
    }

    boolean deferring() {
        return cap > 0;
    }

    /** Turns deferral on ({@code cap} > 0) over {@code ordinals} stored ordinals, all linked; or off (0) once all are linked. */
    void setCap(int cap, int ordinals) {
        assert cap >= 0 && cap <= MAX_CAP : "cap " + cap;
        if (this.cap == 0) {
            linked = ordinals;
        }
        assert cap > 0 || linked == ordinals : "turning deferral off with ordinals pending";
        this.cap = cap;
    }

    /** Ordinals below this are linked into the structure. */
    int linked(int ordinals) {
        return deferring() ? linked : ordinals;
    }

    /** Pending ordinals (deleted ones included) among {@code ordinals} stored. */
    int count(int ordinals) {
        return deferring() ? ordinals - linked : 0;
    }

    /** The ordinal to link next: the caller links it, then calls {@link #advanced}. */
    int next() {
        return linked;
    }

    void advanced() {
        linked++;
    }

    /** After a rebuild of the structure over every stored ordinal (compaction). */
    void allLinked(int ordinals) {
        linked = ordinals;
    }

    /** Throws {@link IllegalStateException} when the pending range is not within the stored ordinals and the cap. */
    void checkIntegrity(int ordinals) {
        if (deferring() && (linked < 0 || linked > ordinals || ordinals - linked > cap)) {
            throw new IllegalStateException("pending links out of range or over the cap");
        }
    }

    /**
     * The best {@code k} of two answers over disjoint ids (the structure's and the pending scan's), by distance
     * then id as a {@link TopK} ranks keys; visited and re-ranked counts add up.
     */
    static SearchResult merge(SearchResult a, SearchResult b, int k) {
        TopK top = new TopK(Math.max(1, Math.min(k, a.size() + b.size())));
        offer(top, a);
        offer(top, b);
        int[] ids = new int[top.size()];
        float[] distances = new float[top.size()];
        top.drainSorted(ids, distances);
        return new SearchResult(ids, distances, a.visited() + b.visited(), a.reranked() + b.reranked());
    }

    private static void offer(TopK top, SearchResult r) {
        for (int i = 0; i < r.size(); i++) {
            top.offer(r.id(i), r.distance(i));
        }
    }
}
