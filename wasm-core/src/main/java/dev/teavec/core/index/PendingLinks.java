package dev.teavec.core.index;

/**
 * Deferred linking (an LSM memtable's idea, with read-your-writes kept): a {@link ManagedIndex} whose
 * structure links by ordinal ({@link IndexStructure#linksByOrdinal()}) may store a vector at once and link it
 * into the structure later. Stored ordinals from {@link #linked(int)} on are pending: held exactly as the others
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
            throw new IllegalStateException("pending links: " + linked + " of " + ordinals + " linked, cap " + cap);
        }
    }

    /**
     * The best {@code k} of two answers over disjoint ids (the structure's and the pending scan's), each
     * best first, by distance then id as a {@link TopK} ranks them; visited and re-ranked counts add up.
     */
    static SearchResult merge(SearchResult a, SearchResult b, int k) {
        int n = Math.min(k, a.size() + b.size());
        int[] ids = new int[n];
        float[] distances = new float[n];
        for (int i = 0, j = 0, out = 0; out < n; out++) {
            boolean takeA = j >= b.size() || (i < a.size() && !after(a.distance(i), a.id(i), b.distance(j), b.id(j)));
            SearchResult from = takeA ? a : b;
            int at = takeA ? i++ : j++;
            ids[out] = from.id(at);
            distances[out] = from.distance(at);
        }
        return new SearchResult(ids, distances, a.visited() + b.visited(), a.reranked() + b.reranked());
    }

    private static boolean after(float distanceA, int idA, float distanceB, int idB) {
        return distanceA > distanceB || (distanceA == distanceB && idA > idB);
    }
}
