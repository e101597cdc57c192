package dev.teavec.core.graph;

import dev.teavec.core.score.QueryScorer;
import dev.teavec.core.score.ScoringVectors;

/**
 * Inserts nodes into an {@link HnswGraph} (Malkov and Yashunin, Algorithm 1), seeing vectors only
 * through scorers over ordinals.
 *
 * <p>A new node draws its level from a seeded {@link LevelGenerator} (the same seed and insertion
 * order give the same graph), descends greedily from the entry point, then on each of its levels
 * runs a beam search of width efConstruction (in the engine with every encoding, stopping early once settled:
 * {@link SettledBeamStop}) and keeps up to m neighbours chosen by the heuristic of
 * Algorithm 4: a candidate, taken closest first, is kept only if it is closer to the new node than to
 * every neighbour already kept. Ties count as closer, so that exact duplicates still link to each other
 * (the strict rule leaves clusters of duplicates unreachable). Each kept neighbour gets the reverse
 * link; when its list is full, one entry is dropped: the farthest entry the newcomer made redundant
 * (closer to the newcomer than to the list's owner), else the newcomer if it is redundant, else the
 * farthest entry. Only pairs involving the newcomer are scored, as in Lucene's "unchecked" pruning.
 *
 * <p>Reachability is kept by construction rather than repaired. The first node is the root and the
 * permanent entry point: when a new node draws a level above the root's, the root is raised to that
 * level. Each later node gets one protected level-0 in-link, its anchor: from the closest kept
 * neighbour that has anchored fewer than m0 - 1 nodes (else the closest such node; see chooseAnchor).
 * The anchor is an earlier node, and pruning never drops an anchored entry, so the anchors form a
 * tree from the entry point over every node. (Plain HNSW pruning can leave a node, or a pair linking only to each other,
 * with no way in.)
 *
 * <p>In a lean graph (no level-0 keys, {@link HnswGraph#level0Keys}) a level-0 list's keys are recomputed
 * from its owner's side whenever a node links into it. The stored keys of a keyed graph were scored from
 * either side (the owner's when it was inserted, the newcomer's on a link back), so both graphs are the same
 * where the scorer is symmetric to the bit (float32 under l2 and dot); elsewhere (SQ8 rounds the query side's
 * weights, cosine multiplies the two inverse norms in query order) a key may differ in its last bits and a
 * tie between pruning candidates may then break the other way.
 */
public final class HnswBuilder {
    private final HnswGraph graph;
    private final int m;
    private final int efConstruction;
    private final LevelGenerator levels;
    private HnswSearcher searcher = new HnswSearcher(SettledBeamStop.available());
    private final NodeQueue results;
    private QueryScorer scorer;
    /**
     * One scorer per neighbour kept by {@link #selectDiverse}, anchored at it when it is kept: each
     * candidate is then scored against the kept ones without re-anchoring a scorer per candidate, which
     * under SQ8 costs a decode and a query preparation (up to efConstruction per level, now at most m).
     */
    private QueryScorer[] keptScorers;
    private int[] candIds;
    private float[] candKeys;
    private final int[] selIds;
    private final float[] selKeys;
    private final int[] listIds;
    private final float[] listKeys;
    /** The node holding each node's protected level-0 in-link; -1 for the root. */
    private int[] anchor = new int[16];
    /** How many nodes each node anchors: at most m0 - 1, so a full list always has an entry to drop. */
    private int[] anchored = new int[16];
    private final int[] one = new int[1];
    private final float[] oneKey = new float[1];

    public HnswBuilder(HnswGraph graph, int m, int efConstruction, long seed) {
        assert efConstruction > 0 : "efConstruction must be positive";
        this.graph = graph;
        this.m = m;
        this.efConstruction = efConstruction;
        this.levels = new LevelGenerator(m, seed);
        this.results = NodeQueue.maxQueue(efConstruction + 1);
        this.candIds = new int[efConstruction + 1];
        this.candKeys = new float[efConstruction + 1];
        int cap = Math.max(graph.capacity(0), m) + 1;
        this.selIds = new int[cap];
        this.selKeys = new float[cap];
        this.listIds = new int[cap];
        this.listKeys = new float[cap];
    }

    /** From now on each beam runs to the plain stop rule only (experiments compare the two). */
    void plainBeams() {
        searcher = new HnswSearcher(null);
    }

    /** The level generator's state: a builder created with it as seed draws the same levels next (snapshots). */
    public long levelState() {
        return levels.state();
    }

    /** The node holding {@code node}'s protected level-0 in-link, -1 for the root (snapshots). */
    public int anchorOf(int node) {
        return anchor[node];
    }

    /**
     * Restores the anchor tree of a graph of {@code count} nodes loaded from a snapshot (validated by
     * the caller: each anchor is -1 or another node that links to it on level 0, at most m0 - 1 each).
     */
    public void restoreAnchors(int[] anchors, int count) {
        int cap = Math.max(16, count);
        anchor = new int[cap];
        anchored = new int[cap];
        for (int node = 0; node < count; node++) {
            anchor[node] = anchors[node];
            if (anchors[node] >= 0) {
                anchored[anchors[node]]++;
            }
        }
    }

    /**
     * Scores come from {@code vectors} from now on; call again whenever the encoding changes. The
     * builder owns the scorers it makes: the previous ones are released here.
     */
    public void setVectors(ScoringVectors vectors) {
        release();
        this.scorer = vectors.newScorer();
        this.keptScorers = new QueryScorer[m];
        for (int i = 0; i < m; i++) {
            keptScorers[i] = vectors.newScorer();
        }
    }

    /** Releases the builder's scorers (their kernel buffers); again is a no-op. The graph is untouched. */
    public void release() {
        if (scorer == null) {
            return;
        }
        scorer.release();
        for (QueryScorer kept : keptScorers) {
            kept.release();
        }
        scorer = null;
        keptScorers = null;
    }

    /** Bytes of its scorers' kernel buffers outside the Java heap. */
    public long kernelBytes() {
        if (scorer == null) {
            return 0;
        }
        long bytes = scorer.kernelBytes();
        for (QueryScorer kept : keptScorers) {
            bytes += kept.kernelBytes();
        }
        return bytes;
    }

    /** Adds node {@code node} (its vector is stored under that ordinal) to the graph. */
    public void insert(int node) {
        assert scorer != null : "setVectors first";
        assert node == graph.size() : "nodes are inserted in ordinal order: " + node + " vs " + graph.size();
        int level = levels.nextLevel();
        graph.addNode(level);
        if (node == anchor.length) {
            int[] grown = new int[anchor.length * 2];
            System.arraycopy(anchor, 0, grown, 0, node);
            anchor = grown;
            grown = new int[anchored.length * 2];
            System.arraycopy(anchored, 0, grown, 0, node);
            anchored = grown;
        }
        anchor[node] = -1;
        int ep = graph.entryPoint();
        if (ep < 0) {
            graph.setEntryPoint(node, level);
            return;
        }
        if (level > graph.maxLevel()) {
            graph.raiseLevel(ep, level);
            graph.setEntryPoint(ep, level);
        }
        int top = graph.maxLevel();
        scorer.setQueryFromOrdinal(node);
        float epKey = scorer.score(ep);
        for (int l = top; l > level; l--) {
            ep = searcher.greedy(graph, scorer, l, ep, epKey);
            epKey = searcher.lastGreedyKey();
        }
        one[0] = ep;
        oneKey[0] = epKey;
        int[] entries = one;
        float[] entryKeys = oneKey;
        int entryCount = 1;
        for (int l = Math.min(level, top); l >= 0; l--) {
            searcher.searchLayer(graph, scorer, l, efConstruction, entries, entryKeys, entryCount, null, results);
            int found = results.drainAscending(candIds, candKeys);
            assert found == 0 || candIds[0] != node : "a new node cannot be reached before it is linked";
            int kept = selectDiverse(candIds, candKeys, found, m);
            graph.setNeighbours(node, l, selIds, selKeys, kept);
            if (l == 0) {
                chooseAnchor(node, kept, found);
            }
            for (int i = 0; i < kept; i++) {
                linkBack(selIds[i], node, selKeys[i], l);
            }
            entries = candIds;
            entryKeys = candKeys;
            entryCount = found;
        }
    }

    /**
     * Picks the anchor among the kept neighbours, closest first; when all are saturated, links the
     * node from the closest other candidate that is not; when the search found none (a tiny
     * efConstruction finds few candidates), from the closest unsaturated node of the whole graph.
     * One always exists: the node - 1 anchors so far fill fewer than the (node) × (m0 - 1) slots.
     */
    private void chooseAnchor(int node, int kept, int found) {
        int limit = graph.capacity(0) - 1;
        for (int i = 0; i < kept; i++) {
            if (anchored[selIds[i]] < limit) {
                anchor[node] = selIds[i];
                anchored[selIds[i]]++;
                return;
            }
        }
        for (int i = 0; i < found; i++) {
            int c = candIds[i];
            if (anchored[c] < limit && !contains(selIds, kept, c)) {
                anchor[node] = c;
                anchored[c]++;
                linkBack(c, node, candKeys[i], 0);
                return;
            }
        }
        int best = -1;
        float bestKey = 0;
        for (int c = 0; c < node; c++) {
            if (anchored[c] < limit) {
                float key = scorer.score(c);
                if (best < 0 || key < bestKey) {
                    best = c;
                    bestKey = key;
                }
            }
        }
        assert best >= 0 : "no node can anchor node " + node;
        anchor[node] = best;
        anchored[best]++;
        linkBack(best, node, bestKey, 0);
    }

    private static boolean contains(int[] ids, int count, int id) {
        for (int i = 0; i < count; i++) {
            if (ids[i] == id) {
                return true;
            }
        }
        return false;
    }

    /** Whether pruning may drop {@code entry} from the list of {@code owner} on {@code level}. */
    private boolean droppable(int owner, int entry, int level) {
        return level > 0 || anchor[entry] != owner;
    }

    /** Distance from the node being inserted (the scorer's query) to {@code other}. */
    private float newcomerTo(int node, int other) {
        assert node == graph.size() - 1 : "only the node being inserted is a newcomer";
        return scorer.score(other);
    }

    /**
     * Algorithm 4 over candidates sorted closest first; writes the kept ones to selIds/selKeys. A
     * candidate's distance to a kept neighbour is scored from the kept one's side (its anchored scorer).
     */
    private int selectDiverse(int[] ids, float[] keys, int count, int max) {
        assert max <= keptScorers.length : "at most m neighbours are selected";
        int kept = 0;
        for (int i = 0; i < count && kept < max; i++) {
            int c = ids[i];
            float toNode = keys[i];
            boolean diverse = true;
            for (int j = 0; j < kept; j++) {
                if (keptScorers[j].score(c) < toNode) {
                    diverse = false;
                    break;
                }
            }
            if (diverse) {
                selIds[kept] = c;
                selKeys[kept] = toNode;
                keptScorers[kept].setQueryFromOrdinal(c);
                kept++;
            }
        }
        return kept;
    }

    /** Adds {@code node} (at distance {@code key}) to the list of {@code owner} on {@code level}. */
    private void linkBack(int owner, int node, float key, int level) {
        int[] ia = graph.idsArray(owner, level);
        int ib = graph.idsBase(owner, level);
        float[] ka = graph.keysArray(owner, level);
        int count = ia[ib];
        System.arraycopy(ia, ib + 1, listIds, 0, count);
        if (ka == null) {
            // A lean graph keeps no level-0 keys: score the list from the owner's side. keptScorers[0] is free
            // here (selectDiverse re-anchors it before its next use); scorer stays on the newcomer for pickDrop.
            keptScorers[0].setQueryFromOrdinal(owner);
            keptScorers[0].score(listIds, count, listKeys);
        } else {
            System.arraycopy(ka, graph.keysBase(owner, level), listKeys, 0, count);
        }
        // Merge the newcomer into the sorted copy.
        int pos = count;
        while (pos > 0 && listKeys[pos - 1] > key) {
            listIds[pos] = listIds[pos - 1];
            listKeys[pos] = listKeys[pos - 1];
            pos--;
        }
        listIds[pos] = node;
        listKeys[pos] = key;
        int total = count + 1;
        if (total > graph.capacity(level)) {
            int drop = pickDrop(owner, level, pos, total);
            System.arraycopy(listIds, drop + 1, listIds, drop, total - drop - 1);
            System.arraycopy(listKeys, drop + 1, listKeys, drop, total - drop - 1);
            total--;
        }
        graph.setNeighbours(owner, level, listIds, listKeys, total);
    }

    /**
     * Which entry of the over-full list (newcomer at {@code pos}) to drop; see the class comment. The
     * newcomer is the node being inserted, so {@link #scorer} is still anchored at it.
     */
    private int pickDrop(int owner, int level, int pos, int total) {
        int node = listIds[pos];
        for (int i = total - 1; i > pos; i--) {
            if (droppable(owner, listIds[i], level) && newcomerTo(node, listIds[i]) < listKeys[i]) {
                return i;
            }
        }
        if (droppable(owner, node, level)) {
            for (int j = 0; j < pos; j++) {
                if (newcomerTo(node, listIds[j]) < listKeys[pos]) {
                    return pos;
                }
            }
        }
        for (int i = total - 1; i >= 0; i--) {
            if (droppable(owner, listIds[i], level)) {
                return i;
            }
        }
        throw new AssertionError("every entry of node " + owner + " is anchored: the anchor limit was broken");
    }
}
