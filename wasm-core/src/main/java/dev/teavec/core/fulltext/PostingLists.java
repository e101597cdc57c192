package dev.teavec.core.fulltext;

/**
 * Each term's postings as one int array of (document, term frequency) pairs, in no particular order:
 * adding appends, removing moves the last pair into the hole (the caller re-points that document's
 * slot). Scoring visits every posting of a term, so order does not matter; snapshots sort.
 */
final class PostingLists {
    private static final int[] EMPTY = new int[0];
    private int[][] lists = new int[64][];
    private int[] counts = new int[64];

    /** Appends (doc, tf) to {@code term}'s list; returns its slot. */
    int add(int term, int doc, int tf) {
        if (term >= lists.length) {
            int size = Math.max(term + 1, lists.length * 2);
            int[][] grownLists = new int[size][];
            System.arraycopy(lists, 0, grownLists, 0, lists.length);
            lists = grownLists;
            int[] grownCounts = new int[size];
            System.arraycopy(counts, 0, grownCounts, 0, counts.length);
            counts = grownCounts;
        }
        int[] list = lists[term] == null ? EMPTY : lists[term];
        int slot = counts[term];
        if (2 * slot + 2 > list.length) {
            // Most terms occur in one document: start exact, then grow by half (not double) to waste less.
            int[] grown = new int[Math.max(2 * slot + 2, (list.length + list.length / 2 + 1) & ~1)];
            System.arraycopy(list, 0, grown, 0, 2 * slot);
            list = grown;
            lists[term] = list;
        }
        list[2 * slot] = doc;
        list[2 * slot + 1] = tf;
        counts[term] = slot + 1;
        return slot;
    }

    /** Removes the posting at {@code slot}; returns the document whose posting moved into it, or -1. */
    int remove(int term, int slot) {
        int[] list = lists[term];
        int last = --counts[term];
        if (last == 0) {
            lists[term] = null;
            return -1;
        }
        if (slot == last) {
            shrinkIfSparse(term);
            return -1;
        }
        list[2 * slot] = list[2 * last];
        list[2 * slot + 1] = list[2 * last + 1];
        shrinkIfSparse(term);
        return list[2 * slot];
    }

    private void shrinkIfSparse(int term) {
        int[] list = lists[term];
        int used = 2 * counts[term];
        if (list.length >= 64 && used < list.length / 4) {
            int[] smaller = new int[list.length / 2];
            System.arraycopy(list, 0, smaller, 0, used);
            lists[term] = smaller;
        }
    }

    /** Document frequency: how many documents hold {@code term}. */
    int count(int term) {
        return term < counts.length ? counts[term] : 0;
    }

    /** The raw pairs of {@code term} (read-only; valid up to 2 × {@link #count}). */
    int[] pairs(int term) {
        return lists[term];
    }

    long bytesEstimate() {
        long bytes = 8L * lists.length;
        for (int[] list : lists) {
            if (list != null) {
                bytes += 16 + 4L * list.length;
            }
        }
        return bytes;
    }
}
