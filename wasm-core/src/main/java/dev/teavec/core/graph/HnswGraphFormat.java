package dev.teavec.core.graph;

import dev.teavec.core.codec.SectionInput;
import dev.teavec.core.codec.SectionOutput;
import dev.teavec.core.number.Decimal;

/**
 * An HNSW graph and the builder state that later inserts depend on, as a snapshot holds them (the
 * {@code hnsw} index type's state, format versions 1 and 2; section HNSW_GRAPH in snapshot format
 * versions 1 and 2). Node levels first (so memory is known before anything is built), then the anchor
 * tree, then every neighbour list with its keys (the builder prunes by them; recomputing would differ
 * after SQ8 re-calibration). Version 2 is a lean graph's ({@link HnswGraph#level0Keys} false): the same
 * with no keys in level-0 lists; version 1 is written by every other graph, so their bytes did not change.
 * Reading checks what searches and inserts rely on, each list as it is read into the graph's own arrays: what
 * {@link HnswIntegrity#check} checks (ids in range, lists within capacity, no duplicates or self-links, levels
 * consistent, the entry point on the top level, every node reachable from it), sorted keys, the anchor
 * invariants. A graph read here has passed HnswIntegrity's checks.
 */
public final class HnswGraphFormat {
    /** The state's format version a keyed graph writes: level-0 lists with their keys. */
    public static final int KEYED_VERSION = 1;
    /** A lean graph's ({@link HnswGraph#level0Keys} false): no keys in level-0 lists. The newest version. */
    public static final int LEAN_VERSION = 2;

    private HnswGraphFormat() {
    }

    public static long size(HnswGraph g) {
        long size = 4 + 8 + 4 + 8 + 5L * g.size();
        for (int node = 0; node < g.size(); node++) {
            for (int level = 0; level <= g.level(node); level++) {
                size += 2 + (level > 0 || g.level0Keys() ? 8L : 4L) * g.neighbourCount(node, level);
            }
        }
        return size;
    }

    public static void write(SectionOutput out, HnswGraph g, HnswBuilder builder, int m, int m0) {
        int n = g.size();
        out.i32(n);
        out.i32(m);
        out.i32(m0);
        out.i32(g.entryPoint());
        out.i64(builder.levelState());
        for (int node = 0; node < n; node++) {
            out.u8(g.level(node));
        }
        for (int node = 0; node < n; node++) {
            out.i32(builder.anchorOf(node));
        }
        for (int node = 0; node < n; node++) {
            for (int level = 0; level <= g.level(node); level++) {
                int count = g.neighbourCount(node, level);
                out.u16(count);
                int[] ids = g.idsArray(node, level);
                int ib = g.idsBase(node, level) + 1;
                for (int i = 0; i < count; i++) {
                    out.i32(ids[ib + i]);
                }
                float[] keys = g.keysArray(node, level);
                if (keys != null) {
                    out.floats(keys, g.keysBase(node, level), count);
                }
            }
        }
    }

    /** The decoded graph and builder state. */
    public static final class Decoded {
        public final HnswGraph graph;
        public final long levelState;
        public final int[] anchors;

        Decoded(HnswGraph graph, long levelState, int[] anchors) {
            this.graph = graph;
            this.levelState = levelState;
            this.anchors = anchors;
        }
    }

    /**
     * Reads a graph of {@code count} nodes built with {@code m} and {@code m0} written at {@code version} (1 or
     * 2: a lean graph); the caller checks the payload's end.
     */
    public static Decoded read(SectionInput in, int version, int m, int m0, int count) {
        boolean keysStored = version == KEYED_VERSION;
        in.expect("node count", count);
        in.expect("m", m);
        in.expect("m0", m0);
        int epAt = in.position();
        int ep = in.i32("entry point");
        long levelState = in.i64("level generator state");
        if (count == 0 ? ep != -1 : ep < 0 || ep >= count) {
            throw in.corrupt(epAt, "entry point " + ep + " is not a node of " + count);
        }
        in.need(5L * count, "node levels and anchors");
        byte[] levels = new byte[count];
        int levelsAt = in.position();
        in.readBytes(levels, 0, count, "node levels");
        long upperLists = 0;
        int top = -1;
        for (int node = 0; node < count; node++) {
            int level = levels[node] & 0xFF;
            if (level > LevelGenerator.MAX_LEVEL) {
                throw in.corrupt(levelsAt + node, "node " + node + " is on level " + level + ", above " + LevelGenerator.MAX_LEVEL);
            }
            levels[node] = (byte) level;
            upperLists += level;
            top = Math.max(top, level);
        }
        if (count > 0 && levels[ep] != top) {
            throw in.corrupt(epAt, "entry point " + ep + " is on level " + levels[ep] + ", the top level is " + top);
        }
        // Each list takes at least its 2-byte count, so the lists announced must fit in what is left.
        in.need(4L * count + 2 * (count + upperLists), "anchors and neighbour lists");
        in.charge(HnswGraph.estimateBytes(m, m0, keysStored, count, upperLists) + 12L * count, "the HNSW graph");
        int[] anchors = new int[count];
        int anchorsAt = in.position();
        in.readInts(anchors, 0, count, "anchors");
        for (int node = 0; node < count; node++) {
            int a = anchors[node];
            if (a < -1 || a >= count || a == node) {
                throw in.corrupt(anchorsAt + 4 * node, "anchor " + a + " of node " + node + " is not another node");
            }
        }
        // The whole graph at once, then each list read straight into its place and checked there: every check of
        // HnswIntegrity#check is made once, on the bytes as they arrive (ids in range, no self-link, no duplicate,
        // each neighbour on the list's level; the levels and entry point above), reachability after the last list.
        HnswGraph graph = HnswGraph.withNodes(m, m0, keysStored, levels, count);
        int[] seen = new int[count];
        int stamp = 0;
        int[] keyBits = new int[m0];
        for (int node = 0; node < count; node++) {
            for (int level = 0; level <= levels[node]; level++) {
                int at = in.position();
                int n = in.u16("neighbour count");
                if (n > graph.capacity(level)) {
                    throw in.corrupt(at, "node " + node + " has " + n + " neighbours on level " + level
                            + ", capacity " + graph.capacity(level));
                }
                boolean keyed = level > 0 || keysStored;
                in.need((keyed ? 8L : 4L) * n, "neighbour list");
                int[] ids = graph.idsArray(node, level);
                int ib = graph.idsBase(node, level) + 1;
                int idsAt = in.position();
                in.readInts(ids, ib, n, "neighbours");
                stamp++;
                for (int i = 0; i < n; i++) {
                    String problem = HnswIntegrity.linkProblem(graph, node, level, ids[ib + i], seen, stamp);
                    if (problem != null) {
                        throw in.corrupt(idsAt + 4 * i, "node " + node + " level " + level + " " + problem);
                    }
                }
                ids[ib - 1] = n;
                if (!keyed) {
                    continue;
                }
                int keysAt = in.position();
                in.readInts(keyBits, 0, n, "neighbour keys");
                float[] keys = graph.keysArray(node, level);
                int kb = graph.keysBase(node, level);
                float previous = Float.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    float key = Float.intBitsToFloat(keyBits[i]);
                    if (!(key >= previous)) {
                        throw in.corrupt(keysAt + 4 * i, "node " + node + " level " + level + ": key "
                                + Decimal.formatFloat(key) + " is NaN or out of order");
                    }
                    keys[kb + i] = key;
                    previous = key;
                }
            }
        }
        if (count > 0) {
            graph.setEntryPoint(ep, top);
            String unreached = HnswIntegrity.reachabilityProblem(graph, ep);
            if (unreached != null) {
                throw in.corrupt(epAt, unreached);
            }
        }
        checkAnchors(in, graph, anchors, m0);
        return new Decoded(graph, levelState, anchors);
    }

    /** Each anchor links to its node on level 0 and anchors at most m0 - 1 nodes, as the builder keeps them. */
    private static void checkAnchors(SectionInput in, HnswGraph graph, int[] anchors, int m0) {
        int[] anchored = new int[anchors.length];
        for (int node = 0; node < anchors.length; node++) {
            int a = anchors[node];
            if (a < 0) {
                continue;
            }
            if (++anchored[a] > m0 - 1) {
                throw in.corrupt(in.position(), "node " + a + " anchors more than m0 - 1 = " + (m0 - 1) + " nodes");
            }
            boolean linked = false;
            for (int i = 0, c = graph.neighbourCount(a, 0); i < c && !linked; i++) {
                linked = graph.neighbour(a, 0, i) == node;
            }
            if (!linked) {
                throw in.corrupt(in.position(), "anchor " + a + " of node " + node + " does not link to it");
            }
        }
    }
}
