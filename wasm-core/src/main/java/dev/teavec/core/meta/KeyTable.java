package dev.teavec.core.meta;

import java.util.ArrayList;
import java.util.List;

/**
 * Interned metadata keys: each distinct key string is held once and records refer to it by a small
 * int, so a million vectors with the same five keys hold five key strings, not five million.
 * Keys are never removed (a key no record uses any more costs one string).
 */
public final class KeyTable {
    private final StringIds ids = new StringIds();
    private final List<String> names = new ArrayList<>();

    /** The id of {@code key}, or -1 when no record ever used it. */
    public int idOf(String key) {
        return ids.idOf(key);
    }

    public int intern(String key) {
        int id = ids.idOf(key);
        if (id >= 0) {
            return id;
        }
        int next = names.size();
        names.add(key);
        ids.put(key, next);
        return next;
    }

    public String name(int id) {
        return names.get(id);
    }

    public int size() {
        return names.size();
    }

    /** All key names by id: the table's whole state, for a snapshot. */
    public String[] names() {
        String[] out = new String[names.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = names.get(i);
        }
        return out;
    }

    /** A table holding {@code names} under ids 0..n-1 (from {@link #names()}). */
    public static KeyTable of(String[] names) {
        KeyTable t = new KeyTable();
        for (String n : names) {
            if (t.ids.idOf(n) >= 0) {
                throw new IllegalArgumentException("duplicate key name in a key table: " + n);
            }
            t.intern(n);
        }
        return t;
    }

    long bytesEstimate() {
        long b = 64 + ids.bytesEstimate();
        for (String n : names) {
            b += 40 + 2L * n.length();
        }
        return b;
    }
}
