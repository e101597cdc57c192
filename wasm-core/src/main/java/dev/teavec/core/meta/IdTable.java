package dev.teavec.core.meta;

/**
 * Values indexed by vector id (dense ints, never reused), in one growable array: no per-entry
 * map node. Absent entries are null.
 */
public final class IdTable<T> {
    private Object[] slots = new Object[16];
    private int count;

    @SuppressWarnings("unchecked")
    public T get(int id) {
        return id >= 0 && id < slots.length ? (T) slots[id] : null;
    }

    /** Sets (or with null clears) the entry of {@code id}; returns the previous value. */
    @SuppressWarnings("unchecked")
    public T put(int id, T value) {
        assert id >= 0 : "ids are non-negative: " + id;
        if (id >= slots.length) {
            if (value == null) {
                return null;
            }
            Object[] grown = new Object[Math.max(id + 1, slots.length * 2)];
            System.arraycopy(slots, 0, grown, 0, slots.length);
            slots = grown;
        }
        T old = (T) slots[id];
        slots[id] = value;
        count += (value != null ? 1 : 0) - (old != null ? 1 : 0);
        return old;
    }

    public T remove(int id) {
        return put(id, null);
    }

    /** Number of non-null entries. */
    public int count() {
        return count;
    }

    /** One past the highest id that may hold an entry: iterate ids below it with {@link #get}. */
    public int idLimit() {
        return slots.length;
    }

    /** The ids holding an entry, ascending: with {@link #get}, the table's whole state for a snapshot. */
    public int[] ids() {
        int[] out = new int[count];
        int n = 0;
        for (int id = 0; id < slots.length && n < count; id++) {
            if (slots[id] != null) {
                out[n++] = id;
            }
        }
        return out;
    }

    public void clear() {
        slots = new Object[16];
        count = 0;
    }

    long slotBytes() {
        return 4L * slots.length;
    }
}
