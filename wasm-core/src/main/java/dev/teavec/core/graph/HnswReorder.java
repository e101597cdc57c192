package dev.teavec.core.graph;

/**
 * Renumbers a graph's nodes so that neighbours sit close together in memory (Coleman et al., "Graph
 * reordering for cache-efficient near neighbor search", 2022). A search scores a few hundred to a few
 * thousand nodes, each a row of codes (and a list) in memory the size of the index: in insertion order
 * those rows are scattered, and a search waits on one memory line after another. Placed so that nodes that link
 * to each other sit within a few rows ({@link #greedyWindow}), a search touches fewer pages and lines: at
 * 100k × 768 SQ8, 4 KiB pages of codes per query ~1,500 in insertion order, ~1,000 breadth-first, ~890 greedy.
 *
 * <p>An order is an array new → old ordinal, a permutation of 0..size-1; the engine renumbers every
 * per-ordinal part with it (vectors, ids, the graph, the builder's anchors).
 *
 * <p>The engine calls it from compaction without tombstones (index/LocalityReorder), which the core engine's build
 * leaves out.
 */
public final class HnswReorder {
    /** Neighbourhood window of {@link #greedyWindow}: 8 placed nodes (paper: 5; 4 to 32 gave within 1% the same pages). */
    static final int WINDOW = 8;

    private HnswReorder() {
    }

    /** The order the engine uses: {@link #greedyWindow} over {@link #WINDOW} nodes. */
    public static int[] localityOrder(HnswGraph graph) {
        return greedyWindow(graph, WINDOW);
    }

    /** The builder's anchor tree renumbered by {@code order} (-1, the root's, stays). */
    public static int[] renumberedAnchors(HnswBuilder builder, int[] order) {
        int[] inverse = inverse(order);
        int[] anchors = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            int a = builder.anchorOf(order[i]);
            anchors[i] = a < 0 ? a : inverse[a];
        }
        return anchors;
    }

    /** Breadth-first order over level 0 from the entry point, lists closest first; unreachable nodes last, in old order. */
    public static int[] breadthFirst(HnswGraph graph) {
        int n = graph.size();
        int[] order = new int[n];
        if (n == 0) {
            return order;
        }
        boolean[] placed = new boolean[n];
        int tail = 0;
        int ep = graph.entryPoint();
        order[tail++] = ep;
        placed[ep] = true;
        int unplaced = 0;
        for (int head = 0; head < n; head++) {
            if (head == tail) {
                // Not reachable from what came before (HnswIntegrity says a built graph has none): next unplaced node.
                while (placed[unplaced]) {
                    unplaced++;
                }
                order[tail++] = unplaced;
                placed[unplaced] = true;
            }
            int node = order[head];
            int[] ids = graph.idsArray(node, 0);
            int base = graph.idsBase(node, 0);
            for (int i = base + 1, end = base + ids[base]; i <= end; i++) {
                int nb = ids[i];
                if (!placed[nb]) {
                    placed[nb] = true;
                    order[tail++] = nb;
                }
            }
        }
        return order;
    }

    /**
     * A Gorder-like greedy order (Wei et al. 2016, simplified): the next node is the unplaced one with the most
     * level-0 links to or from the last {@code window} nodes placed, so that nodes that link to each other sit
     * within a few rows; when none is linked, the next unplaced node in breadth-first order.
     */
    public static int[] greedyWindow(HnswGraph graph, int window) {
        int n = graph.size();
        int[] order = new int[n];
        if (n == 0) {
            return order;
        }
        // In-links as a compressed adjacency (offsets, then sources), so that links both ways count.
        int[] inStart = new int[n + 1];
        for (int node = 0; node < n; node++) {
            int[] ids = graph.idsArray(node, 0);
            int base = graph.idsBase(node, 0);
            for (int i = base + 1, end = base + ids[base]; i <= end; i++) {
                inStart[ids[i] + 1]++;
            }
        }
        for (int i = 0; i < n; i++) {
            inStart[i + 1] += inStart[i];
        }
        int[] inLinks = new int[inStart[n]];
        int[] fill = new int[n];
        for (int node = 0; node < n; node++) {
            int[] ids = graph.idsArray(node, 0);
            int base = graph.idsBase(node, 0);
            for (int i = base + 1, end = base + ids[base]; i <= end; i++) {
                int t = ids[i];
                inLinks[inStart[t] + fill[t]++] = node;
            }
        }
        int[] fallback = breadthFirst(graph);
        int fallbackAt = 0;
        boolean[] placed = new boolean[n];
        int[] score = new int[n];
        // A max-heap of (score, node) packed in a long; entries whose score moved on are skipped when popped.
        long[] heap = new long[1024];
        int heapSize = 0;
        for (int at = 0; at < n; at++) {
            int next = -1;
            while (heapSize > 0) {
                long top = heap[0];
                heap[0] = heap[--heapSize];
                siftDown(heap, heapSize, 0);
                int node = (int) top;
                int s = (int) (top >>> 32);
                if (placed[node]) {
                    continue;
                }
                if (s == score[node] && s > 0) {
                    next = node;
                    break;
                }
                if (s > score[node] && score[node] > 0) {
                    // Its score fell as nodes left the window: queue it again at what it is now.
                    heapSize = push(heap, heapSize, score[node], node);
                }
            }
            if (next < 0) {
                while (placed[fallback[fallbackAt]]) {
                    fallbackAt++;
                }
                next = fallback[fallbackAt];
            }
            order[at] = next;
            placed[next] = true;
            int pushes = graph.capacity(0) + inStart[next + 1] - inStart[next];
            if (heap.length - heapSize < pushes) {
                long[] grown = new long[2 * heap.length + pushes];
                System.arraycopy(heap, 0, grown, 0, heapSize);
                heap = grown;
            }
            heapSize = adjust(graph, inStart, inLinks, next, 1, placed, score, heap, heapSize);
            if (at >= window) {
                heapSize = adjust(graph, inStart, inLinks, order[at - window], -1, placed, score, heap, heapSize);
            }
        }
        return order;
    }

    private static int adjust(HnswGraph graph, int[] inStart, int[] inLinks, int node, int delta, boolean[] placed,
            int[] score, long[] heap, int heapSize) {
        int[] ids = graph.idsArray(node, 0);
        int base = graph.idsBase(node, 0);
        for (int i = base + 1, end = base + ids[base]; i <= end; i++) {
            heapSize = bump(ids[i], delta, placed, score, heap, heapSize);
        }
        for (int i = inStart[node]; i < inStart[node + 1]; i++) {
            heapSize = bump(inLinks[i], delta, placed, score, heap, heapSize);
        }
        return heapSize;
    }

    private static int bump(int node, int delta, boolean[] placed, int[] score, long[] heap, int heapSize) {
        if (placed[node]) {
            return heapSize;
        }
        score[node] += delta;
        return delta > 0 ? push(heap, heapSize, score[node], node) : heapSize;
    }

    private static int push(long[] heap, int heapSize, int score, int node) {
        int i = heapSize;
        heap[i] = ((long) score << 32) | node;
        while (i > 0 && heap[(i - 1) >> 1] < heap[i]) {
            long t = heap[i];
            heap[i] = heap[(i - 1) >> 1];
            heap[(i - 1) >> 1] = t;
            i = (i - 1) >> 1;
        }
        return heapSize + 1;
    }

    private static void siftDown(long[] heap, int size, int i) {
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                return;
            }
            int c = l + 1 < size && heap[l + 1] > heap[l] ? l + 1 : l;
            if (heap[c] <= heap[i]) {
                return;
            }
            long t = heap[i];
            heap[i] = heap[c];
            heap[c] = t;
            i = c;
        }
    }

    /** old → new, the inverse of {@code order}. */
    public static int[] inverse(int[] order) {
        int[] inv = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            inv[order[i]] = i;
        }
        return inv;
    }

    /** A new graph: node {@code i} is {@code graph}'s node {@code order[i]}, with the same lists (renumbered) and keys. */
    public static HnswGraph renumbered(HnswGraph graph, int[] order) {
        int[] inverse = inverse(order);
        int n = graph.size();
        HnswGraph out = new HnswGraph(graph.capacity(1), graph.capacity(0), graph.level0Keys());
        for (int i = 0; i < n; i++) {
            out.addNode(graph.level(order[i]));
        }
        int cap = Math.max(graph.capacity(0), graph.capacity(1));
        int[] ids = new int[cap];
        float[] keys = new float[cap];
        for (int i = 0; i < n; i++) {
            int old = order[i];
            for (int level = 0; level <= graph.level(old); level++) {
                int[] ia = graph.idsArray(old, level);
                int ib = graph.idsBase(old, level);
                int count = ia[ib];
                for (int j = 0; j < count; j++) {
                    ids[j] = inverse[ia[ib + 1 + j]];
                }
                float[] ka = graph.keysArray(old, level);
                if (ka != null) {
                    System.arraycopy(ka, graph.keysBase(old, level), keys, 0, count);
                }
                out.setNeighbours(i, level, ids, keys, count);
            }
        }
        if (n > 0) {
            out.setEntryPoint(inverse[graph.entryPoint()], graph.maxLevel());
        }
        return out;
    }
}
