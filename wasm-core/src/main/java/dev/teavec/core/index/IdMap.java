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

    /** Maps the next ordinal to {@code id}, which must be at least {@link #nextId()}. */
    void append(int id) {
        assert id >= nextId : "ids only grow: " + id + " < " + nextId;
        if (id == Integer.MAX_VALUE) {
            throw new TeaVecException(ErrorCode.CAPACITY_EXCEEDED, "no ids left");
        }
        reserve(id + 1);
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

    long bytesUsed() {
        return 4L * (ordToId.length + idToOrd.length);
    }
}
