package dev.teavec.core.graph;

/**
 * Structural checks of an {@link HnswGraph}, for tests and for callers that want to verify a graph
 * (for instance after loading a snapshot). Every list: count within capacity, ids in range, no
 * self-loop, no duplicate, each neighbour present on that level. Whole graph: the entry point is on
 * the top level (which no node is above, by construction), and every node is reachable from the entry point (descending through the levels,
 * then along level-0 links), which is what a search relies on.
 */
public final class HnswIntegrity {
    private HnswIntegrity() {
    }

    /** Throws {@link IllegalStateException} naming the first problem found. */
    public static void check(HnswGraph graph) {
        int n = graph.size();
        if (n == 0) {
            require(graph.entryPoint() == -1, "an empty graph has an entry point");
            return;
        }
        int ep = graph.entryPoint();
        require(ep >= 0 && ep < n, "entry point " + ep + " out of range 0.." + (n - 1));
        require(graph.level(ep) == graph.maxLevel(), "entry point " + ep + " is on level " + graph.level(ep)
                + " but the top level is " + graph.maxLevel());
        int[] seen = new int[n];
        int stamp = 0;
        for (int node = 0; node < n; node++) {
            // No level is above the entry point's: the builder raises the root, the snapshot reader takes the top as the maximum.
            for (int level = 0; level <= graph.level(node); level++) {
                stamp++;
                int count = graph.neighbourCount(node, level);
                if (count < 0 || count > graph.capacity(level)) {
                    fail(node, level, "has " + count + " neighbours, capacity " + graph.capacity(level));
                }
                for (int i = 0; i < count; i++) {
                    String problem = linkProblem(graph, node, level, graph.neighbour(node, level, i), seen, stamp);
                    if (problem != null) {
                        fail(node, level, problem);
                    }
                }
            }
        }
        String unreached = reachabilityProblem(graph, ep);
        require(unreached == null, unreached);
    }

    /**
     * What is wrong with the link of {@code node} on {@code level} to {@code nb} (out of range, to itself, a second
     * time in the list, to a node not on that level), or null, marking {@code nb} seen in the list with
     * {@code stamp}. Shared with the snapshot reader (HnswGraphFormat), which checks each list as it reads it; the
     * message is built only on failure: this runs over every edge.
     */
    static String linkProblem(HnswGraph graph, int node, int level, int nb, int[] seen, int stamp) {
        if (nb < 0 || nb >= graph.size()) {
            return "links to " + nb + ", not a node (out of range)";
        }
        if (nb == node) {
            return "links to itself";
        }
        if (seen[nb] == stamp) {
            return "links to " + nb + " twice";
        }
        if (graph.level(nb) < level) {
            return "links to " + nb + ", which is not on that level";
        }
        seen[nb] = stamp;
        return null;
    }

    /** How many nodes cannot be reached from {@code ep}, said as a problem, or null when every node can. */
    static String reachabilityProblem(HnswGraph graph, int ep) {
        int n = graph.size();
        int reached = reachable(graph, ep);
        return reached == n ? null : (n - reached) + " of " + n + " nodes are unreachable from the entry point " + ep;
    }

    /**
     * Nodes reachable from {@code ep} over the links of all levels (ids in range assumed: checked first). Walks
     * the lists where they lie: a snapshot's load runs this over every edge.
     */
    private static int reachable(HnswGraph graph, int ep) {
        boolean[] seen = new boolean[graph.size()];
        int[] stack = new int[graph.size()];
        int top = 0;
        stack[top++] = ep;
        seen[ep] = true;
        int reached = 1;
        while (top > 0) {
            int node = stack[--top];
            for (int level = 0, nodeLevel = graph.level(node); level <= nodeLevel; level++) {
                int[] ids = graph.idsArray(node, level);
                int base = graph.idsBase(node, level);
                for (int i = base + 1, end = base + 1 + ids[base]; i < end; i++) {
                    int nb = ids[i];
                    if (!seen[nb]) {
                        seen[nb] = true;
                        reached++;
                        stack[top++] = nb;
                    }
                }
            }
        }
        return reached;
    }

    private static void fail(int node, int level, String problem) {
        throw new IllegalStateException("HNSW integrity: node " + node + " on level " + level + " " + problem);
    }

    private static void require(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalStateException("HNSW integrity: " + problem);
        }
    }
}
