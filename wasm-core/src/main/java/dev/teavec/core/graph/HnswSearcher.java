package dev.teavec.core.graph;

import dev.teavec.core.score.RandomVectorScorer;

/**
 * Walks an {@link HnswGraph}: greedy descent through the upper levels, then a best-first beam search
 * of width ef on one level (Malkov and Yashunin, Algorithm 2). Holds its scratch (candidate queue,
 * visited set, neighbour batch) for reuse, so a search allocates nothing once warm. The unvisited
 * neighbours of a node are scored in one batch call: one crossing into the SIMD kernels per expanded
 * node instead of one per neighbour. Not thread-safe.
 *
 * <p>With a filter, rejected nodes (tombstones) are traversed but never enter the results, and the
 * stop rule ("the closest candidate is farther than the worst of ef results") applies only once ef
 * accepted nodes were found: the search widens by itself until it has enough live results or has
 * seen every reachable node. A builder's searcher may carry a further {@link BeamStop}.
 */
public final class HnswSearcher {
    private final NodeQueue candidates = NodeQueue.minQueue(64);
    private final VisitedSet visited = new VisitedSet();
    private final int[] entry = new int[1];
    private final float[] entryKey = new float[1];
    /** Neighbours of the node being expanded and their keys, scored as one batch. */
    private int[] batch = new int[0];
    private float[] batchKeys = new float[0];
    private int visitedCount;
    private float lastKey;
    /** Sum of the look-ahead loads in {@link #searchLayer}: kept so that no compiler drops them. */
    private int lookAhead;
    /** A stop rule besides the plain one, or null. */
    private final BeamStop stop;

    /** A searcher whose beams also stop by {@code stop}; null for the plain rule only (queries). */
    public HnswSearcher(BeamStop stop) {
        this.stop = stop;
    }

    /** Nodes scored by the last call (descent and layer search). */
    public int visitedCount() {
        return visitedCount;
    }

    /**
     * Full search: descends from the entry point to level 0 and fills {@code results} (a max-queue,
     * cleared first) with up to {@code ef} accepted nodes. {@code filter} may be null.
     */
    public void search(HnswGraph graph, RandomVectorScorer scorer, int ef, OrdinalFilter filter, NodeQueue results) {
        results.clear();
        visitedCount = 0;
        int ep = graph.entryPoint();
        if (ep < 0) {
            return;
        }
        float key = scorer.score(ep);
        visitedCount++;
        for (int level = graph.maxLevel(); level > 0; level--) {
            ep = greedy(graph, scorer, level, ep, key);
            key = lastKey;
        }
        entry[0] = ep;
        entryKey[0] = key;
        int descent = visitedCount;
        searchLayer(graph, scorer, 0, ef, entry, entryKey, 1, filter, results);
        visitedCount += descent;
    }

    /** Moves to the closest neighbour while that improves; returns the local minimum (key in lastKey). */
    public int greedy(HnswGraph graph, RandomVectorScorer scorer, int level, int start, float startKey) {
        ensureBatch(graph);
        int current = start;
        float best = startKey;
        boolean moved = true;
        while (moved) {
            moved = false;
            int[] ids = graph.idsArray(current, level);
            int base = graph.idsBase(current, level);
            int count = ids[base];
            System.arraycopy(ids, base + 1, batch, 0, count);
            scorer.score(batch, count, batchKeys);
            visitedCount += count;
            int next = current;
            for (int i = 0; i < count; i++) {
                int nb = batch[i];
                float key = batchKeys[i];
                if (key < best || (key == best && nb < next)) {
                    best = key;
                    next = nb;
                }
            }
            if (next != current) {
                current = next;
                moved = true;
            }
        }
        lastKey = best;
        return current;
    }

    /** The key of the node returned by the last {@link #greedy} call. */
    public float lastGreedyKey() {
        return lastKey;
    }

    /**
     * Beam search of width {@code ef} on one level from the given entries, into {@code results}
     * (cleared first). Counts its scored nodes into {@link #visitedCount()} (reset here).
     */
    public void searchLayer(HnswGraph graph, RandomVectorScorer scorer, int level, int ef, int[] entries,
            float[] entryKeys, int entryCount, OrdinalFilter filter, NodeQueue results) {
        assert ef > 0 : "ef must be positive: " + ef;
        ensureBatch(graph);
        results.clear();
        candidates.clear();
        visited.reset(graph.size());
        visitedCount = 0;
        for (int i = 0; i < entryCount; i++) {
            int node = entries[i];
            if (!visited.visit(node)) {
                continue;
            }
            candidates.push(node, entryKeys[i]);
            if (filter == null || filter.accept(node)) {
                offer(results, node, entryKeys[i], ef);
            }
        }
        // The hot loop: the worst kept key is tracked here rather than decoded from the queue per
        // neighbour, and the visited bits are tested and set inline (VisitedSet.visit, spelled out).
        // Same decisions as the plain algorithm.
        boolean full = results.size() >= ef;
        float worst = full ? results.topKey() : Float.POSITIVE_INFINITY;
        int[] words = visited.words;
        int[] dirty = visited.dirty;
        int dirtyCount = visited.dirtyCount;
        if (stop != null) {
            stop.begin(graph.capacity(level));
        }
        boolean stops = false;
        while (candidates.size() > 0 && !stops) {
            if (full && candidates.topKey() > worst) {
                break;
            }
            int node = candidates.pop();
            int[] ids = graph.idsArray(node, level);
            int base = graph.idsBase(node, level);
            int end = base + ids[base];
            int fresh = 0;
            for (int i = base + 1; i <= end; i++) {
                int nb = ids[i];
                int w = nb >>> 5;
                int word = words[w];
                int bit = 1 << nb;
                if ((word & bit) == 0) {
                    if (word == 0) {
                        dirty[dirtyCount++] = w;
                    }
                    words[w] = word | bit;
                    batch[fresh++] = nb;
                }
            }
            // Stored per node, not once at the end: a scorer or filter that throws leaves a set whose
            // next reset still clears every bit set so far.
            visited.dirtyCount = dirtyCount;
            if (fresh == 0) {
                continue;
            }
            if (candidates.size() > 0) {
                // Look-ahead: read the list head of the best remaining candidate, often the next node
                // expanded, so that its cache miss overlaps the scoring below instead of following it.
                int next = candidates.topNode();
                lookAhead += graph.idsArray(next, level)[graph.idsBase(next, level)];
            }
            scorer.score(batch, fresh, batchKeys);
            visitedCount += fresh;
            stops = stop != null && stop.stopsAfter(batch, batchKeys, fresh);
            for (int i = 0; i < fresh; i++) {
                float key = batchKeys[i];
                if (!full || key < worst) {
                    int nb = batch[i];
                    candidates.push(nb, key);
                    if (filter == null || filter.accept(nb)) {
                        if (full) {
                            // key < worst: the new entry evicts the current worst.
                            results.replaceTop(nb, key);
                        } else {
                            results.push(nb, key);
                            full = results.size() >= ef;
                        }
                        if (full) {
                            worst = results.topKey();
                        }
                    }
                }
            }
        }
    }

    private void ensureBatch(HnswGraph graph) {
        int cap = Math.max(graph.capacity(0), graph.capacity(1));
        if (batch.length < cap) {
            batch = new int[cap];
            batchKeys = new float[cap];
        }
    }

    private static void offer(NodeQueue results, int node, float key, int ef) {
        results.push(node, key);
        if (results.size() > ef) {
            results.pop();
        }
    }
}
