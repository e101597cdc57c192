package dev.teavec.core.graph;

import dev.teavec.core.score.FloatVectorValues;
import dev.teavec.core.score.QueryScorer;
import dev.teavec.core.score.ScoringVectors;
import dev.teavec.core.score.Sq4VectorValues;
import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.vector.Metric;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Not a test (issue #16, the 1M walk): separates graph quality from navigating on SQ4 codes. Builds an HNSW graph
 * on float32 or SQ4 distances over a set written by bench/graph-data.mjs (cosine, as bench/million.mjs), then
 * reports recall@10 of (1) the walk on float32, (2) the walk on SQ4 codes with the best rerankK re-scored exactly,
 * and (3) the flat SQ4 scan re-scored exactly (what no SQ4 walk can beat).
 *   java -cp wasm-core/target/classes:wasm-core/target/test-classes dev.teavec.core.graph.HnswQualityExperiment \
 *        /tmp/x.base.f32 /tmp/x.query.f32 n m efc build(float|sq4) efs(,) rerankKs(,) [flat]
 */
public final class HnswQualityExperiment {
    private static final int K = 10;

    public static void main(String[] args) throws IOException {
        int dims = 384;
        float[] base = read(Path.of(args[0]));
        float[] queries = read(Path.of(args[1]));
        int n = Integer.parseInt(args[2]);
        int m = Integer.parseInt(args[3]);
        int efc = Integer.parseInt(args[4]);
        String build = args[5];
        int[] efs = ints(args[6]);
        int[] rerankKs = ints(args[7]);
        boolean flat = Arrays.asList(args).contains("flat");
        int nq = queries.length / dims;
        int[][] truth = truth(Path.of(args[1] + ".truth" + n), base, queries, n, dims);

        FloatVectorValues floats = new FloatVectorValues(dims, Metric.COSINE, VectorStorageFactory.HEAP);
        float[] v = new float[dims];
        int train = Math.min(n, 10_000);
        for (int i = 0; i < train; i++) {
            System.arraycopy(base, i * dims, v, 0, dims);
            floats.add(v);
        }
        Sq4VectorValues codes = Sq4VectorValues.train(floats, VectorStorageFactory.HEAP);
        for (int i = train; i < n; i++) {
            System.arraycopy(base, i * dims, v, 0, dims);
            floats.add(v);
            codes.add(v);
        }
        HnswGraph graph = new HnswGraph(m, 2 * m, false);
        HnswBuilder builder = new HnswBuilder(graph, m, efc, 42);
        builder.setVectors(build.equals("float") ? floats : codes);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            builder.insert(i);
        }
        double buildS = (System.nanoTime() - t0) / 1e9;
        long graphBytes = graph.bytesUsed();
        System.out.printf("n %d M %d efc %d build %s: %.0f s (%.0f vectors/s), graph %.0f bytes/vector, codes+norm %d%n",
                n, m, efc, build, buildS, n / buildS, graphBytes / (double) n, dims / 2 + 4);

        QueryScorer exact = floats.newScorer();
        QueryScorer floatScorer = floats.newScorer();
        QueryScorer codeScorer = codes.newScorer();
        HnswSearcher searcher = new HnswSearcher(null);
        float[] q = new float[dims];
        for (int ef : efs) {
            NodeQueue results = NodeQueue.maxQueue(ef + 1);
            int[] ids = new int[ef + 1];
            float[] keys = new float[ef + 1];
            int floatHits = 0;
            int[] hits = new int[rerankKs.length];
            long visited = 0;
            for (int qi = 0; qi < nq; qi++) {
                System.arraycopy(queries, qi * dims, q, 0, dims);
                floatScorer.setQuery(q);
                searcher.search(graph, floatScorer, ef, null, results);
                int found = results.drainAscending(ids, keys);
                floatHits += hits(truth[qi], ids, Math.min(K, found));
                codeScorer.setQuery(q);
                searcher.search(graph, codeScorer, ef, null, results);
                visited += searcher.visitedCount();
                found = results.drainAscending(ids, keys);
                exact.setQuery(q);
                for (int r = 0; r < rerankKs.length; r++) {
                    hits[r] += hits(truth[qi], rerank(exact, ids, Math.min(found, rerankKs[r])), K);
                }
            }
            // The same SQ4 walk + rerankK 50 entering level 0 from one greedy node (width 0, the old search) or from
            // a level-1 beam of width ef / 8, ef / 4 or ef / 2 (at least 8).
            int[] widths = {0, Math.max(8, ef / 8), Math.max(8, ef / 4), Math.max(8, ef / 2)};
            StringBuilder entry = new StringBuilder(String.format("  ef %d rerankK 50, level-0 entry:", ef));
            for (int width : widths) {
                int[] r = entryWalk(graph, searcher, codeScorer, exact, queries, truth, dims, ef, width);
                entry.append(String.format(" %s recall %.3f zero-hit %d dist/q %d |", width == 0 ? "greedy" : "beam " + width,
                        r[0] / (double) (nq * K), r[1], r[2] / nq));
            }
            System.out.println(entry);
            StringBuilder line = new StringBuilder(String.format("  ef %d: float walk %.3f | sq4 walk (visited %d) + rerank",
                    ef, floatHits / (double) (nq * K), visited / nq));
            for (int r = 0; r < rerankKs.length; r++) {
                line.append(String.format(" %d: %.3f", rerankKs[r], hits[r] / (double) (nq * K)));
            }
            System.out.println(line);
        }
        if (flat) {
            flatSq4(codes, exact, queries, truth, n, dims, rerankKs);
        }
    }

    /** SQ4 walk + exact rerank of 50 entering level 0 from a level-1 beam of {@code width} (0: one greedy node). */
    private static int[] entryWalk(HnswGraph graph, HnswSearcher searcher, QueryScorer codeScorer, QueryScorer exact,
            float[] queries, int[][] truth, int dims, int ef, int width) {
        int nq = queries.length / dims;
        float[] q = new float[dims];
        NodeQueue upper = NodeQueue.maxQueue(ef + 1);
        NodeQueue results = NodeQueue.maxQueue(ef + 1);
        int[] ids = new int[ef + 1];
        float[] keys = new float[ef + 1];
        int hitSum = 0;
        int zero = 0;
        int distances = 0;
        for (int qi = 0; qi < nq; qi++) {
            System.arraycopy(queries, qi * dims, q, 0, dims);
            codeScorer.setQuery(q);
            exact.setQuery(q);
            int ep = graph.entryPoint();
            float key = codeScorer.score(ep);
            distances++;
            int floor = width == 0 ? 0 : 1;
            for (int level = graph.maxLevel(); level > floor; level--) {
                int before = searcher.visitedCount();
                ep = searcher.greedy(graph, codeScorer, level, ep, key);
                key = searcher.lastGreedyKey();
                distances += searcher.visitedCount() - before;
            }
            int[] entries = {ep};
            float[] entryKeys = {key};
            int entryCount = 1;
            if (width > 0 && graph.maxLevel() >= 1) {
                searcher.searchLayer(graph, codeScorer, 1, width, entries, entryKeys, 1, null, upper);
                distances += searcher.visitedCount();
                entries = new int[upper.size()];
                entryKeys = new float[upper.size()];
                entryCount = upper.drainAscending(entries, entryKeys);
            }
            searcher.searchLayer(graph, codeScorer, 0, ef, entries, entryKeys, entryCount, null, results);
            distances += searcher.visitedCount();
            int found = results.drainAscending(ids, keys);
            int h = hits(truth[qi], rerank(exact, ids, Math.min(found, 50)), K);
            hitSum += h;
            if (h == 0) {
                zero++;
            }
        }
        return new int[] {hitSum, zero, distances};
    }

    private static void flatSq4(ScoringVectors codes, QueryScorer exact, float[] queries, int[][] truth, int n, int dims,
            int[] rerankKs) {
        QueryScorer s = codes.newScorer();
        int nq = queries.length / dims;
        int maxR = Arrays.stream(rerankKs).max().getAsInt();
        int[] hits = new int[rerankKs.length];
        float[] q = new float[dims];
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        float[] keys = new float[n];
        for (int qi = 0; qi < nq; qi++) {
            System.arraycopy(queries, qi * dims, q, 0, dims);
            s.setQuery(q);
            s.score(all, n, keys);
            NodeQueue top = NodeQueue.maxQueue(maxR + 1);
            for (int i = 0; i < n; i++) {
                top.keep(i, keys[i], maxR);
            }
            int[] ids = new int[maxR];
            float[] k = new float[maxR];
            int found = top.drainAscending(ids, k);
            exact.setQuery(q);
            for (int r = 0; r < rerankKs.length; r++) {
                hits[r] += hits(truth[qi], rerank(exact, ids, Math.min(found, rerankKs[r])), K);
            }
        }
        StringBuilder line = new StringBuilder("  flat sq4 scan + rerank");
        for (int r = 0; r < rerankKs.length; r++) {
            line.append(String.format(" %d: %.3f", rerankKs[r], hits[r] / (double) (nq * K)));
        }
        System.out.println(line);
    }

    private static int[] rerank(QueryScorer exact, int[] ids, int count) {
        float[] keys = new float[count];
        int[] cand = Arrays.copyOf(ids, count);
        exact.score(cand, count, keys);
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Float.compare(keys[a], keys[b]));
        int[] out = new int[K];
        Arrays.fill(out, -1);
        for (int i = 0; i < Math.min(K, count); i++) {
            out[i] = cand[order[i]];
        }
        return out;
    }

    static int hits(int[] truth, int[] ids, int count) {
        Set<Integer> want = new HashSet<>();
        for (int t : truth) {
            want.add(t);
        }
        int h = 0;
        for (int i = 0; i < count; i++) {
            if (want.contains(ids[i])) {
                h++;
            }
        }
        return h;
    }

    /** The exact top-K of each query by dot product (unit vectors: cosine), cached in {@code cache}; shared with HnswNavigationExperiment. */
    static int[][] truth(Path cache, float[] base, float[] queries, int n, int dims) throws IOException {
        int nq = queries.length / dims;
        int[][] out = new int[nq][K];
        if (Files.exists(cache)) {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(cache)).order(ByteOrder.LITTLE_ENDIAN);
            for (int qi = 0; qi < nq; qi++) {
                for (int j = 0; j < K; j++) {
                    out[qi][j] = b.getInt();
                }
            }
            return out;
        }
        ByteBuffer b = ByteBuffer.allocate(nq * K * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int qi = 0; qi < nq; qi++) {
            float[] best = new float[K];
            Arrays.fill(best, Float.NEGATIVE_INFINITY);
            int[] id = out[qi];
            Arrays.fill(id, -1);
            int qo = qi * dims;
            for (int i = 0; i < n; i++) {
                int bo = i * dims;
                float dot = 0;
                for (int j = 0; j < dims; j++) {
                    dot += base[bo + j] * queries[qo + j];
                }
                if (dot <= best[K - 1]) {
                    continue;
                }
                int at = K - 1;
                while (at > 0 && best[at - 1] < dot) {
                    best[at] = best[at - 1];
                    id[at] = id[at - 1];
                    at--;
                }
                best[at] = dot;
                id[at] = i;
            }
            for (int j = 0; j < K; j++) {
                b.putInt(id[j]);
            }
        }
        Files.write(cache, b.array());
        return out;
    }

    private static int[] ints(String s) {
        return Arrays.stream(s.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    /** The first {@code n} vectors of {@code base} (a set written by bench/graph-data.mjs), as cosine float32 vectors. */
    static FloatVectorValues cosineFloats(float[] base, int n, int dims) {
        FloatVectorValues floats = new FloatVectorValues(dims, Metric.COSINE, VectorStorageFactory.HEAP);
        float[] v = new float[dims];
        for (int i = 0; i < n; i++) {
            System.arraycopy(base, i * dims, v, 0, dims);
            floats.add(v);
        }
        return floats;
    }

    static float[] read(Path p) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }
}
