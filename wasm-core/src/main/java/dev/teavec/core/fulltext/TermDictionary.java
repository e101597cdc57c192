package dev.teavec.core.fulltext;

import java.util.HashMap;

/**
 * Terms ↔ dense int ids. A term whose last posting goes is released and its id reused, so that
 * churn through unique words (ids, timestamps) does not grow the dictionary without bound.
 */
final class TermDictionary {
    private final HashMap<String, Integer> ids = new HashMap<>();
    private String[] names = new String[64];
    private int[] free = new int[16];
    private int freeCount;
    private int limit;

    /** The id of {@code term}, or -1. */
    int idOf(String term) {
        Integer id = ids.get(term);
        return id == null ? -1 : id;
    }

    /** The id of {@code term}, assigned now if it has none. */
    int intern(String term) {
        Integer known = ids.get(term);
        if (known != null) {
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
        ids.put(term, id);
        return id;
    }

    void release(int id) {
        assert names[id] != null : "term " + id + " is not in use";
        ids.remove(names[id]);
        names[id] = null;
        if (freeCount == free.length) {
            int[] grown = new int[free.length * 2];
            System.arraycopy(free, 0, grown, 0, free.length);
            free = grown;
        }
        free[freeCount++] = id;
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
        return ids.size();
    }

    long bytesEstimate() {
        long bytes = 4L * names.length + 4L * free.length + 48L * ids.size();
        for (int i = 0; i < limit; i++) {
            if (names[i] != null) {
                bytes += 40 + 2L * names[i].length();
            }
        }
        return bytes;
    }
}
