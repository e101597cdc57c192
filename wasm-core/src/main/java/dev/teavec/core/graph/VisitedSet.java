package dev.teavec.core.graph;

/**
 * Which nodes a search has seen. Each search gets a new generation number, so resetting is O(1)
 * instead of clearing an array the size of the graph; the array is wiped only when the counter wraps.
 */
public final class VisitedSet {
    private int[] marks = new int[0];
    private int generation;

    /** Forgets all nodes and makes room for ordinals below {@code capacity}. */
    public void reset(int capacity) {
        if (marks.length < capacity) {
            int[] grown = new int[Math.max(capacity, marks.length + (marks.length >> 1))];
            System.arraycopy(marks, 0, grown, 0, marks.length);
            marks = grown;
        }
        generation++;
        if (generation == 0) {
            for (int i = 0; i < marks.length; i++) {
                marks[i] = 0;
            }
            generation = 1;
        }
    }

    /**
     * The marks array, for loops that test and set marks inline: a node is visited when its mark
     * equals {@link #generation()}. Valid until the next {@link #reset}.
     */
    int[] marks() {
        return marks;
    }

    int generation() {
        return generation;
    }

    /** Marks {@code node}; true if it was not seen before in this generation. */
    public boolean visit(int node) {
        if (marks[node] == generation) {
            return false;
        }
        marks[node] = generation;
        return true;
    }
}
