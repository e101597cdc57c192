package dev.teavec.core.index;

import dev.teavec.core.vector.Metric;

/**
 * Keeps the k smallest keys seen, as a binary max-heap in two parallel primitive arrays so that a
 * scan allocates nothing per candidate. Ties are broken by the smaller id, which makes results
 * deterministic across runtimes.
 */
public final class TopK {
    private final int k;
    private final int[] ids;
    private final float[] keys;
    private int size;

    public TopK(int k) {
        assert k > 0 : "k must be positive: " + k;
        this.k = k;
        this.ids = new int[k];
        this.keys = new float[k];
    }

    public int size() {
        return size;
    }

    /** The k this heap keeps. */
    public int capacity() {
        return k;
    }

    public boolean isFull() {
        return size == k;
    }

    /** The worst key kept, or +infinity while not full: a candidate must beat it to enter. */
    public float threshold() {
        return size == k ? keys[0] : Float.POSITIVE_INFINITY;
    }

    public void offer(int id, float key) {
        if (size < k) {
            ids[size] = id;
            keys[size] = key;
            siftUp(size++);
        } else if (worse(ids[0], keys[0], id, key)) {
            ids[0] = id;
            keys[0] = key;
            siftDown(0);
        }
    }

    /** Drains into ids and keys sorted best first. Leaves this heap empty. */
    public void drainSorted(int[] outIds, float[] outKeys) {
        assert outIds.length == size && outKeys.length == size : "output arrays must have length " + size;
        for (int i = size - 1; i >= 0; i--) {
            outIds[i] = ids[0];
            outKeys[i] = keys[0];
            size--;
            if (size > 0) {
                ids[0] = ids[size];
                keys[0] = keys[size];
                siftDown(0);
            }
        }
    }

    /** Drains {@code top} into a result, turning ranking keys into the metric's distances. */
    static SearchResult toResult(TopK top, Metric metric, int visited, int reranked) {
        int found = top.size();
        int[] ids = new int[found];
        float[] keys = new float[found];
        top.drainSorted(ids, keys);
        for (int i = 0; i < found; i++) {
            keys[i] = metric.toDistance(keys[i]);
        }
        return new SearchResult(ids, keys, visited, reranked);
    }

    /** True when (idA, keyA) ranks after (idB, keyB). */
    private static boolean worse(int idA, float keyA, int idB, float keyB) {
        return keyA > keyB || (keyA == keyB && idA > idB);
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!worse(ids[i], keys[i], ids[parent], keys[parent])) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int left = 2 * i + 1;
            if (left >= size) {
                return;
            }
            int worst = left;
            int right = left + 1;
            if (right < size && worse(ids[right], keys[right], ids[left], keys[left])) {
                worst = right;
            }
            if (!worse(ids[worst], keys[worst], ids[i], keys[i])) {
                return;
            }
            swap(i, worst);
            i = worst;
        }
    }

    private void swap(int a, int b) {
        int id = ids[a];
        ids[a] = ids[b];
        ids[b] = id;
        float key = keys[a];
        keys[a] = keys[b];
        keys[b] = key;
    }
}
