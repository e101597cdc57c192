package dev.teavec.core.index;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;

/**
 * External id ↔ internal ordinal. Ids are handed out in increasing order and never reused, so they
 * stay stable across compaction, which renumbers ordinals. The id → ordinal table is indexed by id
 * (4 bytes per id ever assigned): simple, O(1), and small next to the vectors.
 */
final class IdMap {
    private int[] ordToId = new int[16];
    private int[] idToOrd = new int[16];
    private int ords;
    private int nextId;

    int nextId() {
        return nextId;
    }

    int ordinals() {
        return ords;
    }

    /**
     * Maps the next ordinal to {@code id}: a new id (at least {@link #nextId()}), or a reserved id
     * that has no ordinal (AUTO's hand-over and compaction move vectors in ordinal order, and after
     * in-place updates ordinal order is no longer id order).
     */
    void append(int id) {
        if (id >= nextId) {
            if (id == Integer.MAX_VALUE) {
                throw new TeaVecException(ErrorCode.CAPACITY_EXCEEDED, "no ids left");
            }
            reserve(id + 1);
        } else {
            assert id >= 0 && idToOrd[id] == -1 : "id " + id + " already has ordinal " + idToOrd[id];
        }
        link(id);
    }

    /**
     * Points the live id {@code id} at a new ordinal (the next one); its old ordinal keeps the id so
     * that a tombstone on it still reads as that id's former vector.
     */
    void remap(int id) {
        assert ord(id) >= 0 : "only a mapped id can move: " + id;
        link(id);
    }

    private void link(int id) {
        if (ords == ordToId.length) {
            int[] grown = new int[ords * 2];
            System.arraycopy(ordToId, 0, grown, 0, ords);
            ordToId = grown;
        }
        ordToId[ords] = id;
        idToOrd[id] = ords++;
    }

    /** Marks ids below {@code next} as used, so they are never handed out again. */
    void reserve(int next) {
        if (next > idToOrd.length) {
            int[] grown = new int[Math.max(next, idToOrd.length * 2)];
            System.arraycopy(idToOrd, 0, grown, 0, nextId);
            idToOrd = grown;
        }
        for (int id = nextId; id < next; id++) {
            idToOrd[id] = -1;
        }
        nextId = Math.max(nextId, next);
    }

    /** The ordinal of {@code id}, or -1 when the id was never assigned or was compacted away. */
    int ord(int id) {
        return id >= 0 && id < nextId ? idToOrd[id] : -1;
    }

    int id(int ord) {
        assert ord >= 0 && ord < ords : "ordinal out of range: " + ord;
        return ordToId[ord];
    }

    /** A map holding only {@code liveOrds[0..count)}, renumbered 0..count-1; same ids. */
    IdMap compacted(int[] liveOrds, int count) {
        IdMap copy = new IdMap();
        for (int i = 0; i < count; i++) {
            copy.append(ordToId[liveOrds[i]]);
        }
        copy.reserve(nextId);
        return copy;
    }

    /**
     * Every ordinal's id is below {@link #nextId()}, and every mapped id points at an ordinal that
     * maps back to it. (Several ordinals may hold one id: a moved id's old ordinals.)
     */
    void checkIntegrity() {
        for (int ord = 0; ord < ords; ord++) {
            int id = ordToId[ord];
            if (id < 0 || id >= nextId) {
                throw new IllegalStateException("ordinal " + ord + " holds id " + id + " outside 0.." + (nextId - 1));
            }
        }
        for (int id = 0; id < nextId; id++) {
            int ord = idToOrd[id];
            if (ord != -1 && (ord < 0 || ord >= ords || ordToId[ord] != id)) {
                throw new IllegalStateException("id " + id + " maps to ordinal " + ord + " which does not map back");
            }
        }
    }

    long bytesUsed() {
        return 4L * (ordToId.length + idToOrd.length);
    }
}
