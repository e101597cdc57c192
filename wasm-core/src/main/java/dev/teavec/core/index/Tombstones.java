package dev.teavec.core.index;

import dev.teavec.core.graph.OrdinalFilter;

/** Deleted ordinals as a bit set: O(1) delete and test; a search filters them out of its results. */
public final class Tombstones implements OrdinalFilter {
    private long[] bits = new long[1];
    private int count;

    public boolean isDeleted(int ord) {
        int word = ord >>> 6;
        return word < bits.length && (bits[word] & (1L << ord)) != 0;
    }

    public void delete(int ord) {
        assert !isDeleted(ord) : "ordinal " + ord + " is already deleted";
        int word = ord >>> 6;
        if (word >= bits.length) {
            long[] grown = new long[Math.max(word + 1, bits.length * 2)];
            System.arraycopy(bits, 0, grown, 0, bits.length);
            bits = grown;
        }
        bits[word] |= 1L << ord;
        count++;
    }

    public int count() {
        return count;
    }

    @Override
    public boolean accept(int ord) {
        return !isDeleted(ord);
    }

    public long bytesUsed() {
        return 8L * bits.length;
    }
}
