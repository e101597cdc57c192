package dev.teavec.core.index;

/**
 * The id bookkeeping of an index as plain data, for snapshots: the id of each stored ordinal
 * (strictly increasing), the next id to hand out, and the deleted ordinals (strictly increasing).
 * Arrays are owned by this object; callers must not modify them.
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
     * Ids strictly increase, lie in 0..nextId-1, and deleted ordinals strictly increase within 0..count-1.
     */
    public String problem() {
        if (count < 0 || count > ids.length || deletedCount < 0 || deletedCount > count || deletedCount > deleted.length) {
            return "counts out of range";
        }
        if (nextId < count || nextId == Integer.MAX_VALUE) {
            return "next id " + nextId + " cannot follow " + count + " stored ids";
        }
        int previous = -1;
        for (int ord = 0; ord < count; ord++) {
            if (ids[ord] <= previous || ids[ord] >= nextId) {
                return "id " + ids[ord] + " of ordinal " + ord + " is not above " + previous + " and below the next id " + nextId;
            }
            previous = ids[ord];
        }
        previous = -1;
        for (int i = 0; i < deletedCount; i++) {
            if (deleted[i] <= previous || deleted[i] >= count) {
                return "deleted ordinal " + deleted[i] + " is not above " + previous + " and below " + count;
            }
            previous = deleted[i];
        }
        return null;
    }
}
