package dev.teavec.core.index;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.graph.OrdinalFilter;

/**
 * The id bookkeeping every index shares: the id ↔ ordinal map plus tombstones, with the counts and
 * the checks that turn a bad id into {@link ErrorCode#UNKNOWN_ID} before anything changes.
 */
final class LiveIds {
    private final IdMap map;
    private final Tombstones tombstones = new Tombstones();

    LiveIds() {
        this(new IdMap());
    }

    private LiveIds(IdMap map) {
        this.map = map;
    }

    /** Stored ordinals, deleted ones included. */
    int ordinals() {
        return map.ordinals();
    }

    int live() {
        return map.ordinals() - tombstones.count();
    }

    int deleted() {
        return tombstones.count();
    }

    double tombstoneRatio() {
        return map.ordinals() == 0 ? 0.0 : (double) tombstones.count() / map.ordinals();
    }

    int nextId() {
        return map.nextId();
    }

    /** Maps the next ordinal to a new id and returns it. */
    int appendNext() {
        int id = map.nextId();
        map.append(id);
        return id;
    }

    /** Maps the next ordinal to {@code id} (at least {@link #nextId()}): for moving vectors between indexes. */
    void append(int id) {
        map.append(id);
    }

    void reserve(int nextId) {
        map.reserve(nextId);
    }

    int id(int ord) {
        return map.id(ord);
    }

    boolean isDeletedOrd(int ord) {
        return tombstones.isDeleted(ord);
    }

    /** The filter a search applies, or null when nothing is deleted (the fast path). */
    Tombstones filter() {
        return tombstones.count() == 0 ? null : tombstones;
    }

    /** True when {@code id} was assigned and has since been deleted. */
    boolean isDeleted(int id) {
        if (id < 0 || id >= map.nextId()) {
            return false;
        }
        int ord = map.ord(id);
        return ord < 0 || tombstones.isDeleted(ord);
    }

    /** The ordinal of the live vector {@code id}, or -1. */
    int liveOrdOrNone(int id) {
        int ord = map.ord(id);
        return ord < 0 || tombstones.isDeleted(ord) ? -1 : ord;
    }

    /** The ordinal of the live vector {@code id}; UNKNOWN_ID otherwise. */
    int liveOrd(int id) {
        int ord = map.ord(id);
        if (ord < 0 || tombstones.isDeleted(ord)) {
            String why = id >= 0 && id < map.nextId() ? "it was deleted" : "ids are 0.." + (map.nextId() - 1);
            throw new TeaVecException(ErrorCode.UNKNOWN_ID, "no vector with id " + id + ": " + why);
        }
        return ord;
    }

    void delete(int id) {
        tombstones.delete(liveOrd(id));
    }

    /**
     * Moves the live {@code id} to the next ordinal (where the caller just stored its new vector)
     * and tombstones its old one: an in-place update that keeps the id.
     */
    void moveToNextOrdinal(int id) {
        int old = liveOrd(id);
        map.remap(id);
        tombstones.delete(old);
    }

    /** An ordinal its id has moved away from (an update's old vector) is always a tombstone. */
    void checkIntegrity() {
        map.checkIntegrity();
        for (int ord = 0; ord < map.ordinals(); ord++) {
            if (map.ord(map.id(ord)) != ord && !tombstones.isDeleted(ord)) {
                throw new IllegalStateException("ordinal " + ord + " is a stale copy of id " + map.id(ord)
                        + " but not deleted");
            }
        }
        if (tombstones.count() > map.ordinals()) {
            throw new IllegalStateException(tombstones.count() + " tombstones for " + map.ordinals() + " ordinals");
        }
    }

    /** An ordinal filter for live vectors whose ids {@code filter} accepts. */
    OrdinalFilter accepting(IdFilter filter) {
        IdMap m = map;
        Tombstones t = tombstones;
        return ord -> !t.isDeleted(ord) && filter.accept(m.id(ord));
    }

    /** Live ordinals in increasing order. */
    int[] liveOrdinals() {
        int[] out = new int[live()];
        int n = 0;
        for (int ord = 0; ord < map.ordinals(); ord++) {
            if (!tombstones.isDeleted(ord)) {
                out[n++] = ord;
            }
        }
        return out;
    }

    /** Only the live entries, renumbered; same ids, no tombstones. */
    LiveIds compacted(int[] liveOrds) {
        return new LiveIds(map.compacted(liveOrds, liveOrds.length));
    }

    /** The bookkeeping as plain data (snapshots). */
    SavedIds save() {
        int n = map.ordinals();
        int[] ordToId = new int[n];
        for (int ord = 0; ord < n; ord++) {
            ordToId[ord] = map.id(ord);
        }
        int[] deletedOrds = new int[tombstones.count()];
        int d = 0;
        for (int ord = 0; ord < n && d < deletedOrds.length; ord++) {
            if (tombstones.isDeleted(ord)) {
                deletedOrds[d++] = ord;
            }
        }
        return new SavedIds(ordToId, n, map.nextId(), deletedOrds, d);
    }

    /** Bookkeeping rebuilt from {@code saved}, which must be consistent ({@link SavedIds#problem()} null). */
    static LiveIds restore(SavedIds saved) {
        assert saved.problem() == null : saved.problem();
        LiveIds restored = new LiveIds();
        for (int ord = 0; ord < saved.count(); ord++) {
            int id = saved.id(ord);
            // A repeated id is an updated one: it moves on to its later ordinal, as update did.
            if (restored.map.ord(id) >= 0) {
                restored.map.remap(id);
            } else {
                restored.map.append(id);
            }
        }
        restored.map.reserve(saved.nextId());
        for (int i = 0; i < saved.deletedCount(); i++) {
            restored.tombstones.delete(saved.deletedOrd(i));
        }
        return restored;
    }

    long bytesUsed() {
        return map.bytesUsed() + tombstones.bytesUsed();
    }
}
