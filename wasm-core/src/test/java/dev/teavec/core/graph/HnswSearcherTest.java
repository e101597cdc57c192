package dev.teavec.core.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teavec.core.score.RandomVectorScorer;
import dev.teavec.core.testkit.TestSeeds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The searcher's layer search (visited bits tested and set inline, branch-free) against the algorithm written
 * plainly: a HashSet of visited nodes and two PriorityQueues ordered by (key, node), neighbours taken in list
 * order. Same decisions expected to the node: same results, same keys, same count of scored nodes.
 */
class HnswSearcherTest {
    private static final Comparator<long[]> CLOSEST = Comparator.<long[]>comparingDouble(e -> Float.intBitsToFloat((int) e[1]))
            .thenComparingLong(e -> e[0]);

    @Test
    void layerSearchMakesTheSameDecisionsAsThePlainAlgorithm() {
        long seed = TestSeeds.forExactProperty();
        Random random = new Random(seed);
        HnswSearcher searcher = new HnswSearcher(null);
        for (int round = 0; round < 200; round++) {
            // Sizes around word edges (multiples of 32), ef from 1 to past the graph's size (every node visited: the
            // visited set's every word dirty), ties in keys, and sometimes a filter that rejects most nodes.
            int n = 1 + random.nextInt(4) * 32 + random.nextInt(3) - 1;
            n = Math.max(1, n);
            int m0 = 2 + random.nextInt(11);
            HnswGraph graph = randomGraph(random, n, m0);
            float[] keys = new float[n];
            for (int i = 0; i < n; i++) {
                keys[i] = random.nextInt(3 * n / 2 + 1) - n / 4;
            }
            RandomVectorScorer scorer = ord -> keys[ord];
            int ef = 1 + random.nextInt(n + 8);
            OrdinalFilter filter = random.nextInt(3) == 0 ? null : randomFilter(random, n);
            int entries = 1 + random.nextInt(Math.min(3, n));
            int[] entryIds = new int[entries];
            float[] entryKeys = new float[entries];
            for (int i = 0; i < entries; i++) {
                entryIds[i] = random.nextInt(n);
                entryKeys[i] = keys[entryIds[i]];
            }
            NodeQueue results = NodeQueue.maxQueue(4);
            searcher.searchLayer(graph, scorer, 0, ef, entryIds, entryKeys, entries, filter, results);
            int scored = searcher.visitedCount();
            int[] ids = new int[results.size()];
            float[] got = new float[results.size()];
            results.drainAscending(ids, got);

            List<long[]> want = new ArrayList<>();
            int wantScored = plainSearch(graph, keys, ef, entryIds, entries, filter, want);
            String what = "seed " + seed + ", round " + round + " (n " + n + ", m0 " + m0 + ", ef " + ef + ")";
            assertEquals(wantScored, scored, what + ": nodes scored");
            assertEquals(want.size(), ids.length, what + ": result count");
            for (int i = 0; i < ids.length; i++) {
                assertEquals(want.get(i)[0], ids[i], what + ": result " + i);
                assertEquals(Float.intBitsToFloat((int) want.get(i)[1]), got[i], what + ": key " + i);
            }
        }
    }

    /** Beam search of width ef as in Malkov and Yashunin's Algorithm 2, with the searcher's filter rule. */
    private static int plainSearch(HnswGraph graph, float[] keys, int ef, int[] entries, int entryCount, OrdinalFilter filter,
            List<long[]> out) {
        Set<Integer> visited = new HashSet<>();
        PriorityQueue<long[]> candidates = new PriorityQueue<>(CLOSEST);
        PriorityQueue<long[]> results = new PriorityQueue<>(CLOSEST.reversed());
        for (int i = 0; i < entryCount; i++) {
            int node = entries[i];
            if (visited.add(node)) {
                candidates.add(entry(node, keys[node]));
                if (filter == null || filter.accept(node)) {
                    results.add(entry(node, keys[node]));
                    if (results.size() > ef) {
                        results.poll();
                    }
                }
            }
        }
        int scored = 0;
        while (!candidates.isEmpty()) {
            long[] best = candidates.peek();
            if (results.size() >= ef && key(best) > key(results.peek())) {
                break;
            }
            int node = (int) candidates.poll()[0];
            List<Integer> fresh = new ArrayList<>();
            for (int i = 0; i < graph.neighbourCount(node, 0); i++) {
                int nb = graph.neighbour(node, 0, i);
                if (visited.add(nb)) {
                    fresh.add(nb);
                }
            }
            scored += fresh.size();
            for (int nb : fresh) {
                boolean full = results.size() >= ef;
                if (!full || keys[nb] < key(results.peek())) {
                    candidates.add(entry(nb, keys[nb]));
                    if (filter == null || filter.accept(nb)) {
                        results.add(entry(nb, keys[nb]));
                        if (results.size() > ef) {
                            results.poll();
                        }
                    }
                }
            }
        }
        while (!results.isEmpty()) {
            out.add(0, results.poll());
        }
        return scored;
    }

    private static long[] entry(int node, float key) {
        return new long[] {node, Float.floatToIntBits(key)};
    }

    private static float key(long[] e) {
        return Float.intBitsToFloat((int) e[1]);
    }

    /** n nodes on level 0, each with up to m0 distinct random neighbours (not itself), in random order. */
    private static HnswGraph randomGraph(Random random, int n, int m0) {
        HnswGraph graph = new HnswGraph(2, m0, true);
        for (int i = 0; i < n; i++) {
            graph.addNode(0);
        }
        graph.setEntryPoint(0, 0);
        int[] ids = new int[m0];
        float[] keys = new float[m0];
        for (int node = 0; node < n; node++) {
            int count = random.nextInt(Math.min(m0, n - 1) + 1);
            Set<Integer> chosen = new HashSet<>();
            int c = 0;
            while (c < count) {
                int nb = random.nextInt(n);
                if (nb != node && chosen.add(nb)) {
                    ids[c++] = nb;
                }
            }
            graph.setNeighbours(node, 0, ids, keys, count);
        }
        return graph;
    }

    private static OrdinalFilter randomFilter(Random random, int n) {
        boolean[] accept = new boolean[n];
        int percent = random.nextInt(101);
        for (int i = 0; i < n; i++) {
            accept[i] = random.nextInt(100) < percent;
        }
        return ord -> accept[ord];
    }
}
