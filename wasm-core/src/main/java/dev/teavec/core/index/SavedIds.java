package dev.teavec.core.index;

/**
 * The id bookkeeping of an index as plain data, for snapshots: the id of each stored ordinal, the
 * next id to hand out, and the deleted ordinals (strictly increasing). Ids are in no particular order
 * (compaction keeps ordinal order, and an in-place update maps its id to a new ordinal), and an id
 * updated in place also sits on its former ordinals, which are tombstones: an id belongs to the last
 * ordinal holding it. Arrays are owned by this object; callers must not modify them.
 */
public final class SavedIds {
    private final int[] ids;
    private final int count;
    private final int nextId;
    private final int[] deleted;
    private final int deletedCount;

    public SavedIds(int[] ids, int count, int nextId, int[] deleted, int deletedCount) {
        this.ids = ids;
        this.count = count;
        this.nextId = nextId;
        this.deleted = deleted;
        this.deletedCount = deletedCount;
    }

    /** Stored ordinals, deleted ones included. */
    public int count() {
        return count;
    }

    public int id(int ord) {
        return ids[ord];
    }

    public int nextId() {
        return nextId;
    }

    public int deletedCount() {
        return deletedCount;
    }

    /** The i-th deleted ordinal, ascending. */
    public int deletedOrd(int i) {
        return deleted[i];
    }

    /**
     * Checks what a restored index relies on; returns null when consistent, else what is wrong.
     * Ids lie in 0..nextId-1; deleted ordinals strictly increase within 0..count-1; an id held by
     * several ordinals belongs to the last of them, and every earlier one must be deleted (a former
     * ordinal of an updated id), so no id is ever held by two live ordinals. Allocates a bit per id.
     */
    public String problem() {
        if (count < 0 || count > ids.length || deletedCount < 0 || deletedCount > count || deletedCount > deleted.length) {
            return "counts out of range";
        }
        if (nextId < 0 || nextId == Integer.MAX_VALUE) {
            return "next id " + nextId + " out of range";
        }
        int previous = -1;
        for (int i = 0; i < deletedCount; i++) {
            if (deleted[i] <= previous || deleted[i] >= count) {
                return "deleted ordinal " + deleted[i] + " is not above " + previous + " and below " + count;
            }
            previous = deleted[i];
        }
        // Walking back from the last ordinal, an id seen before sits on a later ordinal: this one must be deleted.
        long[] seen = new long[(nextId + 63) >>> 6];
        int d = deletedCount - 1;
        for (int ord = count - 1; ord >= 0; ord--) {
            int id = ids[ord];
            if (id < 0 || id >= nextId) {
                return "id " + id + " of ordinal " + ord + " is not below the next id " + nextId;
            }
            while (d >= 0 && deleted[d] > ord) {
                d--;
            }
            boolean isDeleted = d >= 0 && deleted[d] == ord;
            if ((seen[id >>> 6] & 1L << id) != 0 && !isDeleted) {
                return "id " + id + " is held by live ordinal " + ord + " and again by a later one";
            }
            seen[id >>> 6] |= 1L << id;
        }
        return null;
    }
}
