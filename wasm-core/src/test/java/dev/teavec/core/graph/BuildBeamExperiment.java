package dev.teavec.core.graph;

import dev.teavec.core.score.FloatVectorValues;
import dev.teavec.core.score.QueryScorer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Not a test (issue #16, the build target): how many rows an insert's beams score and how good the graph is, for
 * several efConstruction values, with the construction beam that stops once settled ({@code settle}) or runs to the
 * plain stop rule ({@code plain}). Float32 cosine graph (M 16, M0 32) over a set written by bench/graph-data.mjs;
 * recall@10 and rows per query of the plain search at each ef.
 *   java -Dteavec.dims=768 -cp wasm-core/target/classes:wasm-core/target/test-classes \
 *        dev.teavec.core.graph.BuildBeamExperiment /tmp/x.base.f32 /tmp/x.query.f32 n efcs(,) plain,settle efs(,)
 */
public final class BuildBeamExperiment {
    private static final int K = 10;
    private static final int DIMS = Integer.getInteger("teavec.dims", 384);

    public static void main(String[] args) throws IOException {
        float[] base = HnswQualityExperiment.read(Path.of(args[0]));
        float[] queries = HnswQualityExperiment.read(Path.of(args[1]));
        int n = Integer.parseInt(args[2]);
        int[] efcs = Arrays.stream(args[3].split(",")).mapToInt(Integer::parseInt).toArray();
        String[] rules = args[4].split(",");
        int[] efs = Arrays.stream(args[5].split(",")).mapToInt(Integer::parseInt).toArray();
        int nq = queries.length / DIMS;
        int[][] truth = HnswQualityExperiment.truth(Path.of(args[1] + ".truth" + n), base, queries, n, DIMS);
        FloatVectorValues floats = HnswQualityExperiment.cosineFloats(base, n, DIMS);
        for (int efc : efcs) {
            for (String rule : rules) {
                long[] count = new long[1];
                HnswGraph graph = new HnswGraph(16, 32, false);
                HnswBuilder builder = new HnswBuilder(graph, 16, efc, 42);
                if (!rule.equals("settle")) {
                    builder.plainBeams();
                }
                builder.setVectors(new CountingVectors(floats, () -> count[0]++));
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    builder.insert(i);
                }
                double s = (System.nanoTime() - t0) / 1e9;
                StringBuilder line = new StringBuilder(String.format("efc %d beam %s: %.0f rows/insert, %.1f s |",
                        efc, rule, count[0] / (double) n, s));
                QueryScorer scorer = floats.newScorer();
                HnswSearcher searcher = new HnswSearcher(null);
                float[] q = new float[DIMS];
                for (int ef : efs) {
                    NodeQueue results = NodeQueue.maxQueue(ef + 1);
                    int[] ids = new int[ef + 1];
                    float[] keys = new float[ef + 1];
                    long hits = 0;
                    long rows = 0;
                    for (int qi = 0; qi < nq; qi++) {
                        System.arraycopy(queries, qi * DIMS, q, 0, DIMS);
                        scorer.setQuery(q);
                        searcher.search(graph, scorer, ef, null, results);
                        rows += searcher.visitedCount();
                        int found = results.drainAscending(ids, keys);
                        hits += HnswQualityExperiment.hits(truth[qi], ids, Math.min(K, found));
                    }
                    line.append(String.format(" ef %d %.3f/%d", ef, hits / (double) (nq * K), rows / nq));
                }
                System.out.println(line);
            }
        }
    }
}
