package dev.teavec.core.graph;

import dev.teavec.core.score.FloatVectorValues;
import dev.teavec.core.score.QueryScorer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Not a test (issue #16, where the 1M walk loses recall): builds a float32 graph over a set written by
 * bench/graph-data.mjs and reports (1) reachability per level from the entry point, (2) how long the links of each
 * level are (cosine distance; in the Gaussian mixture, ≥ 0.75 is a link between clusters), (3) how many of a query's
 * other 9 true neighbours the nearest one links to on level 0, (4) per level, how far the greedy descent's end is from
 * the best node of that level (brute force), and (5) recall@10, zero-hit queries and distances per query when level 0
 * is entered by the plain descent, from the best node of level 1 or 2 (all scored), or at the true nearest neighbour
 * (an oracle: what it misses is lost near the answer, not on the way there). Truth files are shared with
 * {@link HnswQualityExperiment}.
 *   java -cp wasm-core/target/classes:wasm-core/target/test-classes dev.teavec.core.graph.HnswNavigationExperiment \
 *        /tmp/x.base.f32 /tmp/x.query.f32 n m efc efs(,)
 */
public final class HnswNavigationExperiment {
    private static final int K = 10;
    private static final int DIMS = 384;

    public static void main(String[] args) throws IOException {
        float[] base = HnswQualityExperiment.read(Path.of(args[0]));
        float[] queries = HnswQualityExperiment.read(Path.of(args[1]));
        int n = Integer.parseInt(args[2]);
        int m = Integer.parseInt(args[3]);
        int efc = Integer.parseInt(args[4]);
        int[] efs = Arrays.stream(args[5].split(",")).mapToInt(Integer::parseInt).toArray();
        int nq = queries.length / DIMS;
        int[][] truth = HnswQualityExperiment.truth(Path.of(args[1] + ".truth" + n), base, queries, n, DIMS);

        FloatVectorValues floats = HnswQualityExperiment.cosineFloats(base, n, DIMS);
        HnswGraph graph = new HnswGraph(m, 2 * m, false);
        HnswBuilder builder = new HnswBuilder(graph, m, efc, 42);
        builder.setVectors(floats);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            builder.insert(i);
        }
        System.out.printf("n %d M %d efc %d: build %.0f s, maxLevel %d%n", n, m, efc, (System.nanoTime() - t0) / 1e9,
                graph.maxLevel());
        QueryScorer ownerScorer = floats.newScorer();
        for (int level = graph.maxLevel(); level >= 0; level--) {
            int[] members = members(graph, level);
            int reach = reachable(graph, level);
            // Link length histogram (cosine distance), scored from the owner's side.
            int[] hist = new int[5];
            long links = 0;
            for (int node : members) {
                ownerScorer.setQueryFromOrdinal(node);
                for (int i = 0; i < graph.neighbourCount(node, level); i++) {
                    float d = ownerScorer.score(graph.neighbour(node, level, i));
                    hist[Math.min(4, (int) (d / 0.25f))]++;
                    links++;
                }
            }
            System.out.printf("level %d: %d nodes, %d reachable from the entry, %.1f links/node, length <.25 %.3f"
                    + " <.5 %.3f <.75 %.3f <1 %.3f >=1 %.3f%n", level, members.length, reach, links / (double) members.length,
                    hist[0] / (double) links, hist[1] / (double) links, hist[2] / (double) links, hist[3] / (double) links,
                    hist[4] / (double) links);
        }

        // Descent quality: greedy end vs the best node of each level.
        QueryScorer s = floats.newScorer();
        HnswSearcher searcher = new HnswSearcher(null);
        float[] q = new float[DIMS];
        int top = graph.maxLevel();
        double[] gap = new double[top + 1];
        int[] lost = new int[top + 1];
        float[] nnKey = new float[nq];
        for (int qi = 0; qi < nq; qi++) {
            System.arraycopy(queries, qi * DIMS, q, 0, DIMS);
            s.setQuery(q);
            nnKey[qi] = s.score(truth[qi][0]);
            int ep = graph.entryPoint();
            float key = s.score(ep);
            for (int level = top; level > 0; level--) {
                ep = searcher.greedy(graph, s, level, ep, key);
                key = searcher.lastGreedyKey();
                float best = Float.POSITIVE_INFINITY;
                for (int node : members(graph, level)) {
                    best = Math.min(best, s.score(node));
                }
                gap[level] += key - best;
                if (key - best > 0.2f) {
                    lost[level]++;
                }
            }
        }
        int linked = 0;
        int twoHops = 0;
        for (int qi = 0; qi < nq; qi++) {
            int nn = truth[qi][0];
            Set<Integer> one = new HashSet<>();
            Set<Integer> two = new HashSet<>();
            for (int i = 0; i < graph.neighbourCount(nn, 0); i++) {
                int a = graph.neighbour(nn, 0, i);
                one.add(a);
                two.add(a);
                for (int j = 0; j < graph.neighbourCount(a, 0); j++) {
                    two.add(graph.neighbour(a, 0, j));
                }
            }
            for (int t = 1; t < K; t++) {
                linked += one.contains(truth[qi][t]) ? 1 : 0;
                twoHops += two.contains(truth[qi][t]) ? 1 : 0;
            }
        }
        System.out.printf("the other 9 true neighbours: %.2f linked from the nearest on level 0, %.2f within two hops%n",
                linked / (double) nq, twoHops / (double) nq);
        StringBuilder line = new StringBuilder("greedy end minus best of level (mean gap, queries > 0.2):");
        for (int level = top; level > 0; level--) {
            line.append(String.format(" L%d %.3f %d |", level, gap[level] / nq, lost[level]));
        }
        System.out.println(line);

        for (int ef : efs) {
            report("greedy", ef, graph, floats, queries, truth, nnKey, -1);
            report("scan L1", ef, graph, floats, queries, truth, nnKey, 1);
            report("scan L2", ef, graph, floats, queries, truth, nnKey, 2);
            report("oracle", ef, graph, floats, queries, truth, nnKey, 0);
        }
    }

    /**
     * Recall of the level-0 beam entered by the plain greedy descent from the entry point (scanLevel -1, what
     * {@link HnswSearcher#search} does), from the best node of level scanLevel (≥ 1), or (0, an oracle) at the query's
     * true nearest neighbour: what is left then is lost near the answer, not on the way to it.
     */
    private static void report(String name, int ef, HnswGraph graph, FloatVectorValues floats, float[] queries,
            int[][] truth, float[] nnKey, int scanLevel) {
        QueryScorer s = floats.newScorer();
        HnswSearcher searcher = new HnswSearcher(null);
        NodeQueue results = NodeQueue.maxQueue(ef + 1);
        int[] ids = new int[ef + 1];
        float[] keys = new float[ef + 1];
        int nq = queries.length / DIMS;
        float[] q = new float[DIMS];
        int[] scan = scanLevel > 0 ? members(graph, scanLevel) : new int[0];
        long distances = 0;
        int hitSum = 0;
        StringBuilder zeros = new StringBuilder();
        int zero = 0;
        for (int qi = 0; qi < nq; qi++) {
            System.arraycopy(queries, qi * DIMS, q, 0, DIMS);
            s.setQuery(q);
            int found;
            if (scanLevel == 0) {
                int nn = truth[qi][0];
                searcher.searchLayer(graph, s, 0, ef, new int[] {nn}, new float[] {s.score(nn)}, 1, null, results);
                distances += searcher.visitedCount();
                found = results.drainAscending(ids, keys);
            } else {
                found = walk(graph, searcher, s, ef, scan, scanLevel, results, ids, keys);
                distances += walkDistances;
            }
            int h = HnswQualityExperiment.hits(truth[qi], ids, Math.min(K, found));
            hitSum += h;
            if (h == 0) {
                zero++;
                zeros.append(String.format(" q%d(nn %.2f)", qi, nnKey[qi]));
            }
        }
        System.out.printf("  ef %d %-8s recall %.3f zero-hit %d dist/q %d:%s%n", ef, name, hitSum / (double) (nq * K), zero,
                distances / nq, zeros);
    }

    /** Distances scored by the last {@link #walk}. */
    private static int walkDistances;

    /** The plain descent (scanLevel -1) or a scan of level scanLevel, then the level-0 beam (walkDistances). */
    private static int walk(HnswGraph graph, HnswSearcher searcher, QueryScorer s, int ef, int[] scan, int scanLevel,
            NodeQueue results, int[] ids, float[] keys) {
        int ep;
        float key;
        int from;
        if (scanLevel > 0) {
            ep = scan[0];
            key = Float.POSITIVE_INFINITY;
            for (int node : scan) {
                float k = s.score(node);
                if (k < key) {
                    key = k;
                    ep = node;
                }
            }
            walkDistances = scan.length;
            from = scanLevel;
        } else {
            ep = graph.entryPoint();
            key = s.score(ep);
            walkDistances = 1;
            from = graph.maxLevel();
        }
        // greedy() adds to visitedCount() without resetting it.
        int before = searcher.visitedCount();
        for (int level = from; level > 0; level--) {
            ep = searcher.greedy(graph, s, level, ep, key);
            key = searcher.lastGreedyKey();
        }
        walkDistances += searcher.visitedCount() - before;
        searcher.searchLayer(graph, s, 0, ef, new int[] {ep}, new float[] {key}, 1, null, results);
        walkDistances += searcher.visitedCount();
        return results.drainAscending(ids, keys);
    }

    private static int[] members(HnswGraph graph, int level) {
        return java.util.stream.IntStream.range(0, graph.size()).filter(i -> graph.level(i) >= level).toArray();
    }

    private static int reachable(HnswGraph graph, int level) {
        boolean[] seen = new boolean[graph.size()];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(graph.entryPoint());
        seen[graph.entryPoint()] = true;
        int count = 0;
        while (!queue.isEmpty()) {
            int node = queue.poll();
            count++;
            for (int i = 0; i < graph.neighbourCount(node, level); i++) {
                int nb = graph.neighbour(node, level, i);
                if (!seen[nb]) {
                    seen[nb] = true;
                    queue.add(nb);
                }
            }
        }
        return count;
    }
}
