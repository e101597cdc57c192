package dev.teavec.core.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.testkit.TestSeeds;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The node reorder: every order is a permutation, the renumbered graph is the same graph under new names (lists,
 * keys, levels, entry point), a search on it takes the same path, and the greedy order does put linked nodes close.
 */
class HnswReorderTest {
    @Test
    void ordersArePermutationsAndRenumberingKeepsTheGraph() {
        long seed = TestSeeds.forExactProperty();
        Random random = new Random(seed);
        for (int round = 0; round < 60; round++) {
            int n = 1 + random.nextInt(300);
            int m0 = 2 + random.nextInt(15);
            boolean keyed = random.nextBoolean();
            HnswGraph graph = randomGraph(random, n, m0, keyed);
            String what = "seed " + seed + ", round " + round + " (n " + n + ", m0 " + m0 + ", keyed " + keyed + ")";
            int[][] orders = {HnswReorder.breadthFirst(graph), HnswReorder.greedyWindow(graph, 1 + random.nextInt(16)),
                HnswReorder.localityOrder(graph)};
            for (int[] order : orders) {
                assertPermutation(order, n, what);
                int[] inverse = HnswReorder.inverse(order);
                HnswGraph renamed = HnswReorder.renumbered(graph, order);
                assertEquals(n, renamed.size(), what);
                assertEquals(inverse[graph.entryPoint()], renamed.entryPoint(), what + ": entry point");
                assertEquals(graph.maxLevel(), renamed.maxLevel(), what + ": top level");
                assertEquals(keyed, renamed.level0Keys(), what + ": lean stays lean");
                for (int i = 0; i < n; i++) {
                    int old = order[i];
                    assertEquals(graph.level(old), renamed.level(i), what + ": level of node " + old);
                    for (int level = 0; level <= graph.level(old); level++) {
                        int count = graph.neighbourCount(old, level);
                        assertEquals(count, renamed.neighbourCount(i, level), what + ": list of " + old + " on " + level);
                        float[] ka = graph.keysArray(old, level);
                        float[] kb = renamed.keysArray(i, level);
                        for (int j = 0; j < count; j++) {
                            assertEquals(inverse[graph.neighbour(old, level, j)], renamed.neighbour(i, level, j),
                                    what + ": neighbour " + j + " of " + old + " on level " + level);
                            if (ka != null) {
                                assertEquals(ka[graph.keysBase(old, level) + j], kb[renamed.keysBase(i, level) + j],
                                        what + ": key " + j + " of " + old + " on level " + level);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void searchOnTheRenumberedGraphReturnsTheSameNodes() {
        long seed = TestSeeds.forExactProperty();
        Random random = new Random(seed);
        HnswSearcher searcher = new HnswSearcher(null);
        for (int round = 0; round < 40; round++) {
            int n = 2 + random.nextInt(400);
            HnswGraph graph = randomGraph(random, n, 4 + random.nextInt(12), true);
            // Distinct keys: no tie broken by node number, so both walks make the same decisions.
            int[] keys = shuffled(random, n);
            int[] order = HnswReorder.localityOrder(graph);
            HnswGraph renamed = HnswReorder.renumbered(graph, order);
            int ef = 1 + random.nextInt(n);
            NodeQueue before = NodeQueue.maxQueue(4);
            searcher.search(graph, ord -> keys[ord], ef, null, before);
            int scored = searcher.visitedCount();
            NodeQueue after = NodeQueue.maxQueue(4);
            searcher.search(renamed, ord -> keys[order[ord]], ef, null, after);
            String what = "seed " + seed + ", round " + round + " (n " + n + ", ef " + ef + ")";
            assertEquals(scored, searcher.visitedCount(), what + ": nodes scored");
            assertEquals(before.size(), after.size(), what + ": result count");
            int[] a = new int[before.size()];
            int[] b = new int[after.size()];
            before.drainAscending(a, new float[a.length]);
            after.drainAscending(b, new float[b.length]);
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], order[b[i]], what + ": result " + i);
            }
        }
    }

    @Test
    void greedyOrderPutsLinkedNodesClose() {
        long seed = TestSeeds.forExactProperty();
        Random random = new Random(seed);
        // Points on a line, numbered at random, each linked to its 8 nearest: a good order is close to the line's.
        int n = 2000;
        int[] label = shuffled(random, n);
        HnswGraph graph = new HnswGraph(2, 8, false);
        for (int i = 0; i < n; i++) {
            graph.addNode(0);
        }
        graph.setEntryPoint(label[0], 0);
        int[] ids = new int[8];
        for (int p = 0; p < n; p++) {
            int c = 0;
            for (int d = 1; d <= 4; d++) {
                if (p - d >= 0) {
                    ids[c++] = label[p - d];
                }
                if (p + d < n) {
                    ids[c++] = label[p + d];
                }
            }
            graph.setNeighbours(label[p], 0, ids, null, c);
        }
        int[] identity = new int[n];
        for (int i = 0; i < n; i++) {
            identity[i] = i;
        }
        double before = meanLinkSpan(graph, identity);
        double after = meanLinkSpan(graph, HnswReorder.inverse(HnswReorder.localityOrder(graph)));
        assertTrue(after < 10 && after < before / 20, "seed " + seed + ": mean link span " + before + " → " + after);
    }

    @Test
    void renumberedAnchorsFollowTheirNodes() {
        long seed = TestSeeds.forExactProperty();
        Random random = new Random(seed);
        int n = 50;
        HnswGraph graph = new HnswGraph(4, 8, true);
        HnswBuilder builder = new HnswBuilder(graph, 4, 20, seed);
        int[] anchors = new int[n];
        for (int i = 0; i < n; i++) {
            graph.addNode(0);
            anchors[i] = i == 0 ? -1 : random.nextInt(i);
        }
        builder.restoreAnchors(anchors, n);
        int[] order = shuffled(random, n);
        int[] inverse = HnswReorder.inverse(order);
        int[] moved = HnswReorder.renumberedAnchors(builder, order);
        for (int i = 0; i < n; i++) {
            int old = anchors[order[i]];
            assertEquals(old < 0 ? -1 : inverse[old], moved[i], "seed " + seed + ": anchor of node " + order[i]);
        }
    }

    private static int[] shuffled(Random random, int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    private static double meanLinkSpan(HnswGraph graph, int[] position) {
        long span = 0;
        long links = 0;
        for (int node = 0; node < graph.size(); node++) {
            for (int j = 0; j < graph.neighbourCount(node, 0); j++) {
                span += Math.abs(position[node] - position[graph.neighbour(node, 0, j)]);
                links++;
            }
        }
        return (double) span / links;
    }

    private static void assertPermutation(int[] order, int n, String what) {
        assertEquals(n, order.length, what + ": order length");
        boolean[] seen = new boolean[n];
        for (int old : order) {
            assertTrue(old >= 0 && old < n && !seen[old], what + ": " + old + " placed twice or out of range");
            seen[old] = true;
        }
    }

    /**
     * n nodes on random levels (0 to 2), the top one's node the entry point; each list up to its capacity of distinct
     * random neighbours on that level, keys ascending; some nodes without links (unreachable ones too).
     */
    private static HnswGraph randomGraph(Random random, int n, int m0, boolean keyed) {
        int m = Math.max(2, m0 / 2);
        HnswGraph graph = new HnswGraph(m, m0, keyed);
        int top = -1;
        int ep = -1;
        for (int i = 0; i < n; i++) {
            int level = random.nextInt(10) == 0 ? 1 + random.nextInt(2) : 0;
            graph.addNode(level);
            if (level > top) {
                top = level;
                ep = i;
            }
        }
        graph.setEntryPoint(ep, top);
        int[] ids = new int[m0];
        float[] keys = new float[m0];
        for (int node = 0; node < n; node++) {
            for (int level = 0; level <= graph.level(node); level++) {
                int onLevel = 0;
                for (int i = 0; i < n; i++) {
                    onLevel += graph.level(i) >= level && i != node ? 1 : 0;
                }
                int count = random.nextInt(6) == 0 ? 0 : random.nextInt(Math.min(graph.capacity(level), onLevel) + 1);
                Set<Integer> chosen = new HashSet<>();
                int c = 0;
                while (c < count) {
                    int nb = random.nextInt(n);
                    if (nb != node && graph.level(nb) >= level && chosen.add(nb)) {
                        ids[c] = nb;
                        keys[c] = c == 0 ? random.nextFloat() : keys[c - 1] + random.nextFloat();
                        c++;
                    }
                }
                graph.setNeighbours(node, level, ids, keys, count);
            }
        }
        return graph;
    }
}
