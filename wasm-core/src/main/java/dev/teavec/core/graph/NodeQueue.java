package dev.teavec.core.graph;

/**
 * A binary heap of (node, key) pairs packed into longs, as in Lucene's NeighborQueue: the key's
 * order-preserving int bits go in the high half and the node in the low half, so one long compare
 * orders by key and then by node, and nothing is boxed. A min-queue pops the closest first; a
 * max-queue pops the farthest first (ties: the larger node), which is what a bounded result set evicts.
 */
public final class NodeQueue {
    private final boolean max;
    private long[] heap;
    private int size;

    private NodeQueue(boolean max, int initialCapacity) {
        this.max = max;
        this.heap = new long[Math.max(1, initialCapacity)];
    }

    public static NodeQueue minQueue(int initialCapacity) {
        return new NodeQueue(false, initialCapacity);
    }

    public static NodeQueue maxQueue(int initialCapacity) {
        return new NodeQueue(true, initialCapacity);
    }

    public int size() {
        return size;
    }

    public void clear() {
        size = 0;
    }

    public void push(int node, float key) {
        if (size == heap.length) {
            long[] grown = new long[heap.length * 2];
            System.arraycopy(heap, 0, grown, 0, size);
            heap = grown;
        }
        long e = encode(node, key);
        // Negating turns the min-heap below into a max-heap of the same pairs.
        heap[size] = max ? -e : e;
        siftUp(size++);
    }

    public int topNode() {
        assert size > 0 : "empty queue";
        return (int) raw(heap[0]);
    }

    public float topKey() {
        assert size > 0 : "empty queue";
        return decodeKey(raw(heap[0]));
    }

    /** Removes the top and returns its node. */
    public int pop() {
        assert size > 0 : "empty queue";
        int node = (int) raw(heap[0]);
        heap[0] = heap[--size];
        siftDown(0);
        return node;
    }

    /**
     * Replaces the top by (node, key) and restores the heap: a push followed by a pop of the top in
     * one sift, for a bounded result set taking an entry that ranks before its current top.
     */
    public void replaceTop(int node, float key) {
        assert size > 0 : "empty queue";
        long e = encode(node, key);
        heap[0] = max ? -e : e;
        siftDown(0);
    }

    /**
     * For a max-queue holding the closest {@code limit} entries seen: adds (node, key) while fewer are held, else puts
     * it in place of the top when strictly closer; whether it entered.
     */
    public boolean keep(int node, float key, int limit) {
        if (size < limit) {
            push(node, key);
        } else if (key < topKey()) {
            replaceTop(node, key);
        } else {
            return false;
        }
        return true;
    }

    /** Drains into arrays sorted closest first (ties: smaller node first). Only for max-queues. */
    public int drainAscending(int[] nodes, float[] keys) {
        assert max : "drainAscending needs a max-queue";
        int n = size;
        for (int i = n - 1; i >= 0; i--) {
            keys[i] = topKey();
            nodes[i] = pop();
        }
        return n;
    }

    private long raw(long stored) {
        return max ? -stored : stored;
    }

    static long encode(int node, float key) {
        int bits = Float.floatToIntBits(key);
        bits ^= (bits >> 31) & 0x7fffffff;
        return ((long) bits << 32) | (node & 0xFFFFFFFFL);
    }

    static float decodeKey(long e) {
        int bits = (int) (e >> 32);
        bits ^= (bits >> 31) & 0x7fffffff;
        return Float.intBitsToFloat(bits);
    }

    private void siftUp(int i) {
        long e = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heap[parent] <= e) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = e;
    }

    private void siftDown(int i) {
        if (size == 0) {
            return;
        }
        long e = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && heap[child + 1] < heap[child]) {
                child++;
            }
            if (heap[child] >= e) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = e;
    }
}
