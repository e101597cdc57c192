package dev.teavec.core.fulltext;

/**
 * Terms ↔ dense int ids, in an open-addressing table of ids (linear probing, at most half full) over
 * the names array: no boxed Integer and no map entry per term, which in a HashMap cost more than the
 * term itself. A term whose last posting goes is released and its id reused, so that churn through
 * unique words (ids, timestamps) does not grow the dictionary without bound.
 */
final class TermDictionary {
    private String[] names = new String[64];
    /** Slot → id + 1 (0: empty). Its length is a power of two, at least twice the live terms. */
    private int[] slots = new int[128];
    private int[] free = new int[16];
    private int freeCount;
    private int limit;
    private int size;

    /** The id of {@code term}, or -1. */
    int idOf(String term) {
        int mask = slots.length - 1;
        for (int s = term.hashCode() & mask; slots[s] != 0; s = (s + 1) & mask) {
            if (names[slots[s] - 1].equals(term)) {
                return slots[s] - 1;
            }
        }
        return -1;
    }

    /** The id of {@code term}, assigned now if it has none. */
    int intern(String term) {
        int known = idOf(term);
        if (known >= 0) {
            return known;
        }
        int id;
        if (freeCount > 0) {
            id = free[--freeCount];
        } else {
            id = limit++;
            if (id == names.length) {
                String[] grown = new String[names.length * 2];
                System.arraycopy(names, 0, grown, 0, names.length);
                names = grown;
            }
        }
        names[id] = term;
        if (2 * (size + 1) > slots.length) {
            rehash(slots.length * 2);
        }
        place(id);
        size++;
        return id;
    }

    void release(int id) {
        assert names[id] != null : "term " + id + " is not in use";
        int mask = slots.length - 1;
        int s = names[id].hashCode() & mask;
        while (slots[s] != id + 1) {
            s = (s + 1) & mask;
        }
        // Backward-shift deletion: move later entries of the probe run into the hole when their home allows.
        int hole = s;
        for (int next = (hole + 1) & mask; slots[next] != 0; next = (next + 1) & mask) {
            int home = names[slots[next] - 1].hashCode() & mask;
            if (((next - home) & mask) >= ((next - hole) & mask)) {
                slots[hole] = slots[next];
                hole = next;
            }
        }
        slots[hole] = 0;
        names[id] = null;
        size--;
        if (freeCount == free.length) {
            int[] grown = new int[free.length * 2];
            System.arraycopy(free, 0, grown, 0, free.length);
            free = grown;
        }
        free[freeCount++] = id;
    }

    private void place(int id) {
        int mask = slots.length - 1;
        int s = names[id].hashCode() & mask;
        while (slots[s] != 0) {
            s = (s + 1) & mask;
        }
        slots[s] = id + 1;
    }

    private void rehash(int capacity) {
        slots = new int[capacity];
        for (int id = 0; id < limit; id++) {
            if (names[id] != null) {
                place(id);
            }
        }
    }

    /** The term of a live id, or null for a released one. */
    String name(int id) {
        return names[id];
    }

    /** One past the highest id ever assigned: live ids are below it. */
    int limit() {
        return limit;
    }

    int size() {
        return size;
    }

    long bytesEstimate() {
        long bytes = 4L * names.length + 4L * slots.length + 4L * free.length;
        for (int i = 0; i < limit; i++) {
            if (names[i] != null) {
                bytes += 40 + 2L * names[i].length();
            }
        }
        return bytes;
    }
}
