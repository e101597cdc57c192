package dev.teavec.core.graph;

import dev.teavec.core.score.FloatVectorValues;
import dev.teavec.core.score.QueryScorer;
import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.vector.Metric;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Not a test (issue #16: search and build read too many rows from memory): how many of the rows a level-0 beam scores
 * could a 1-bit-per-dimension sketch (the sign of each component after subtracting the set's mean, 48 bytes at 384-d)
 * spare it, and at what recall. Builds a float32 graph over a set written by bench/graph-data.mjs, then searches each
 * query with the plain beam and with a beam that, of an expanded node's unvisited neighbours, scores only the
 * {@code quota} fraction with the smallest Hamming distance to the query's sketch (at least one); the rest are left
 * unvisited, so a later expansion may still score them. Reports recall@10, rows scored, nodes expanded and sketches
 * read per query.
 *   java -cp wasm-core/target/classes:wasm-core/target/test-classes dev.teavec.core.graph.SketchPrefilterExperiment \
 *        /tmp/x.base.f32 /tmp/x.query.f32 n efs(,) quotas(,)
 */
public final class SketchPrefilterExperiment {
    private static final int K = 10;
    private static final int DIMS = Integer.getInteger("teavec.dims", 384);
    /**
     * -Dteavec.sketchBits=64 (a multiple of 64 below the dimensions): the sketch is the sign of the centred vector's
     * dot product with that many seeded Gaussian directions (SimHash) instead of one bit per dimension: short enough
     * to store beside each neighbour in an adjacency list (8 bytes a neighbour at 64 bits).
     */
    private static final int BITS = Integer.getInteger("teavec.sketchBits", DIMS);
    private static final int WORDS = BITS / 64;
    private static final float[][] DIRECTIONS = directions();

    private static float[][] directions() {
        if (BITS == DIMS) {
            return null;
        }
        java.util.Random random = new java.util.Random(42);
        float[][] dirs = new float[BITS][DIMS];
        for (float[] d : dirs) {
            for (int i = 0; i < DIMS; i++) {
                d[i] = (float) random.nextGaussian();
            }
        }
        return dirs;
    }
    /**
     * -Dteavec.prefilter=partial ranks the fresh neighbours by their dot product with the query over the first eighth
     * of the dimensions (scaled by the neighbour's inverse norm: cosine) instead of by the sketch's Hamming distance.
     */
    private static final boolean PARTIAL = "partial".equals(System.getProperty("teavec.prefilter"));

    public static void main(String[] args) throws IOException {
        float[] base = HnswQualityExperiment.read(Path.of(args[0]));
        float[] queries = HnswQualityExperiment.read(Path.of(args[1]));
        int n = Integer.parseInt(args[2]);
        int[] efs = Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray();
        double[] quotas = Arrays.stream(args[4].split(",")).mapToDouble(Double::parseDouble).toArray();
        int nq = queries.length / DIMS;
        int[][] truth = HnswQualityExperiment.truth(Path.of(args[1] + ".truth" + n), base, queries, n, DIMS);

        FloatVectorValues floats = new FloatVectorValues(DIMS, Metric.COSINE, VectorStorageFactory.HEAP);
        float[] v = new float[DIMS];
        float[] mean = new float[DIMS];
        for (int i = 0; i < n; i++) {
            System.arraycopy(base, i * DIMS, v, 0, DIMS);
            floats.add(v);
            for (int d = 0; d < DIMS; d++) {
                mean[d] += v[d] / n;
            }
        }
        if ("midrange".equals(System.getProperty("teavec.center"))) {
            // The centre an SQ8 code's top bit gives: half-way between the dimension's min and max.
            float[] lo = new float[DIMS];
            float[] hi = new float[DIMS];
            Arrays.fill(lo, Float.POSITIVE_INFINITY);
            Arrays.fill(hi, Float.NEGATIVE_INFINITY);
            for (int i = 0; i < n; i++) {
                for (int d = 0; d < DIMS; d++) {
                    lo[d] = Math.min(lo[d], base[i * DIMS + d]);
                    hi[d] = Math.max(hi[d], base[i * DIMS + d]);
                }
            }
            for (int d = 0; d < DIMS; d++) {
                mean[d] = (lo[d] + hi[d]) / 2;
            }
        }
        long[] sketches = new long[n * WORDS];
        for (int i = 0; i < n; i++) {
            sketch(base, i * DIMS, mean, sketches, i * WORDS);
        }
        HnswGraph graph = new HnswGraph(16, 32, true);
        HnswBuilder builder = new HnswBuilder(graph, 16, 200, 42);
        builder.setVectors(floats);
        for (int i = 0; i < n; i++) {
            builder.insert(i);
        }
        QueryScorer scorer = floats.newScorer();
        HnswSearcher searcher = new HnswSearcher(null);
        long[] qs = new long[WORDS];
        float[] q = new float[DIMS];
        for (int ef : efs) {
            StringBuilder line = new StringBuilder(String.format("n %d ef %d:", n, ef));
            for (double quota : quotas) {
                int hitSum = 0;
                long rows = 0;
                long expansions = 0;
                long sketchReads = 0;
                for (int qi = 0; qi < nq; qi++) {
                    System.arraycopy(queries, qi * DIMS, q, 0, DIMS);
                    scorer.setQuery(q);
                    sketch(queries, qi * DIMS, mean, qs, 0);
                    int ep = graph.entryPoint();
                    float key = scorer.score(ep);
                    for (int level = graph.maxLevel(); level > 0; level--) {
                        ep = searcher.greedy(graph, scorer, level, ep, key);
                        key = searcher.lastGreedyKey();
                    }
                    int[] ids = new int[ef];
                    int[] counts = new int[3];
                    int found = beam(graph, scorer, sketches, qs, ep, key, ef, quota, ids, counts, base, q);
                    rows += counts[0];
                    expansions += counts[1];
                    sketchReads += counts[2];
                    hitSum += HnswQualityExperiment.hits(truth[qi], ids, Math.min(K, found));
                }
                line.append(String.format(" | quota %.2f recall %.3f rows/q %d expansions/q %d sketches/q %d", quota,
                        hitSum / (double) (nq * K), rows / nq, expansions / nq, sketchReads / nq));
            }
            System.out.println(line);
        }
    }

    private static void sketch(float[] src, int off, float[] mean, long[] dst, int at) {
        if (DIRECTIONS != null) {
            for (int w = 0; w < WORDS; w++) {
                long bits = 0;
                for (int b = 0; b < 64; b++) {
                    float[] dir = DIRECTIONS[w * 64 + b];
                    double dot = 0;
                    for (int d = 0; d < DIMS; d++) {
                        dot += (src[off + d] - mean[d]) * dir[d];
                    }
                    if (dot > 0) {
                        bits |= 1L << b;
                    }
                }
                dst[at + w] = bits;
            }
            return;
        }
        for (int w = 0; w < WORDS; w++) {
            long bits = 0;
            for (int b = 0; b < 64; b++) {
                if (src[off + w * 64 + b] > mean[w * 64 + b]) {
                    bits |= 1L << b;
                }
            }
            dst[at + w] = bits;
        }
    }

    /** Minus the query's dot with {@code node} over the first eighth of the dimensions, over its norm, as an int rank key. */
    private static int partial(float[] base, int node, float[] q) {
        double dot = 0;
        double norm = 0;
        for (int d = 0; d < DIMS; d++) {
            float x = base[node * DIMS + d];
            norm += x * x;
            if (d < DIMS / 8) {
                dot += q[d] * x;
            }
        }
        return (int) (-1e6 * dot / Math.sqrt(norm));
    }

    private static int hamming(long[] sketches, int node, long[] q) {
        int h = 0;
        for (int w = 0; w < WORDS; w++) {
            h += Long.bitCount(sketches[node * WORDS + w] ^ q[w]);
        }
        return h;
    }

    /**
     * The level-0 beam of HnswSearcher#searchLayer (no filter), scoring a quota of each expansion's fresh neighbours;
     * writes the rows it scored, the nodes it expanded and the sketches it read to {@code counts[0..3)}.
     */
    private static int beam(HnswGraph graph, QueryScorer scorer, long[] sketches, long[] qs, int ep, float epKey, int ef,
            double quota, int[] out, int[] counts, float[] base, float[] query) {
        NodeQueue candidates = NodeQueue.minQueue(64);
        NodeQueue results = NodeQueue.maxQueue(ef + 1);
        boolean[] visited = new boolean[graph.size()];
        visited[ep] = true;
        candidates.push(ep, epKey);
        results.push(ep, epKey);
        int rows = 1;
        int[] fresh = new int[64];
        int[] ham = new int[64];
        while (candidates.size() > 0) {
            if (results.size() >= ef && candidates.topKey() > results.topKey()) {
                break;
            }
            int node = candidates.pop();
            counts[1]++;
            int count = 0;
            for (int i = 0; i < graph.neighbourCount(node, 0); i++) {
                int nb = graph.neighbour(node, 0, i);
                if (!visited[nb]) {
                    fresh[count] = nb;
                    counts[2]++;
                    ham[count++] = PARTIAL ? partial(base, nb, query) : hamming(sketches, nb, qs);
                }
            }
            if (count == 0) {
                continue;
            }
            int keep = Math.max(1, (int) Math.ceil(quota * count));
            int[] order = java.util.stream.IntStream.range(0, count).boxed()
                    .sorted((a, b) -> Integer.compare(ham[a], ham[b])).mapToInt(Integer::intValue).toArray();
            for (int r = 0; r < keep; r++) {
                int nb = fresh[order[r]];
                visited[nb] = true;
                float key = scorer.score(nb);
                rows++;
                if (results.size() < ef || key < results.topKey()) {
                    candidates.push(nb, key);
                    results.push(nb, key);
                    if (results.size() > ef) {
                        results.pop();
                    }
                }
            }
        }
        counts[0] = rows;
        float[] keys = new float[ef];
        return results.drainAscending(out, keys);
    }
}
