package dev.teavec.core.index;

import dev.teavec.core.graph.CountingVectors;
import dev.teavec.core.graph.HnswBuilder;
import dev.teavec.core.graph.HnswGraph;
import dev.teavec.core.testkit.Indexes;
import dev.teavec.core.vector.Metric;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;

/**
 * Not a test: the build-time cost of a lean graph (level-0 keys recomputed on link back) against a keyed one, on
 * the JVM, runs interleaved, main-thread CPU time (min and median), and distances scored per insert. Clustered
 * seeded data, M 16 / M0 32. Run from wasm-core after {@code mvn test-compile}:
 * {@code java -cp target/classes:target/test-classes dev.teavec.core.index.LeanGraphBuildBenchmark [n] [dims] [efc] [runs] [quantization]}
 */
public final class LeanGraphBuildBenchmark {
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
        int dim = args.length > 1 ? Integer.parseInt(args[1]) : 384;
        int efc = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        String q = args.length > 4 ? args[4] : "sq8";
        Random random = new Random(7);
        float[][] centres = new float[100][dim];
        for (float[] c : centres) {
            for (int d = 0; d < dim; d++) {
                c[d] = (float) random.nextGaussian();
            }
        }
        ManagedIndex index = Indexes.hnsw(IndexConfig.builder(dim, Metric.COSINE).indexType("hnsw").quantization(q)
                .efConstruction(1).build());
        for (int i = 0; i < n; i++) {
            float[] c = centres[random.nextInt(centres.length)];
            float[] x = new float[dim];
            for (int d = 0; d < dim; d++) {
                x[d] = c[d] + 0.5f * (float) random.nextGaussian();
            }
            index.add(x);
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long[][] times = new long[2][runs];
        long[] distances = new long[2];
        for (int run = 0; run < runs; run++) {
            for (int variant = 0; variant < 2; variant++) {
                long[] count = new long[1];
                CountingVectors v = new CountingVectors(index.storedVectors().scoringVectors(), () -> count[0]++);
                HnswGraph graph = new HnswGraph(16, 32, variant == 0);
                HnswBuilder builder = new HnswBuilder(graph, 16, efc, 7);
                builder.setVectors(v);
                long t0 = cpu.getCurrentThreadCpuTime();
                for (int node = 0; node < n; node++) {
                    builder.insert(node);
                }
                times[variant][run] = cpu.getCurrentThreadCpuTime() - t0;
                distances[variant] = count[0];
            }
        }
        for (int variant = 0; variant < 2; variant++) {
            long[] t = times[variant].clone();
            java.util.Arrays.sort(t);
            System.out.printf("%s %s n %d dims %d efc %d: CPU min %.2f s, median %.2f s (%d runs), %.0f vectors/s at min, "
                    + "%.0f distances per insert%n", variant == 0 ? "keyed" : "lean ", q, n, dim, efc, t[0] / 1e9,
                    t[runs / 2] / 1e9, runs, n / (t[0] / 1e9), distances[variant] / (double) n);
        }
    }
}
