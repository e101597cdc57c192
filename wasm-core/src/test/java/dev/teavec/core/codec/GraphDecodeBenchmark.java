package dev.teavec.core.codec;

import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.index.IndexTypes;
import dev.teavec.core.index.VectorIndex;
import dev.teavec.core.vector.Metric;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * Not a test: the decode of an index snapshot whose cost is mostly its HNSW graph (n nodes, M 16 / M0 32, SQ8
 * codes of few dimensions, so the vectors weigh little), main-thread CPU time per decode (min and median). The
 * snapshot is built once (seeded) and kept in {@code file}, so builds before and after a change decode the same
 * bytes. Run from wasm-core after {@code mvn test-compile}:
 * {@code java -cp target/classes:target/test-classes dev.teavec.core.codec.GraphDecodeBenchmark [file] [n] [dims] [runs]}
 */
public final class GraphDecodeBenchmark {
    private GraphDecodeBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : "/tmp/teavec-graph-decode.tv");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int dims = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 15;
        if (!Files.exists(file)) {
            IndexConfig config = IndexConfig.builder(dims, Metric.L2).indexType("hnsw").quantization("sq8")
                    .m(16).efConstruction(16).seed(7).build();
            VectorIndex index = IndexTypes.BUILT_IN.create(config);
            Random r = new Random(7);
            float[] v = new float[dims];
            for (int i = 0; i < n; i++) {
                for (int d = 0; d < dims; d++) {
                    v[d] = (float) r.nextGaussian();
                }
                index.add(v.clone());
            }
            Files.write(file, IndexSnapshot.encodeToArray(index));
        }
        byte[] bytes = Files.readAllBytes(file);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[] ns = new long[runs];
        for (int run = 0; run < runs; run++) {
            long t = mx.getCurrentThreadCpuTime();
            VectorIndex index = IndexSnapshot.decode(bytes);
            ns[run] = mx.getCurrentThreadCpuTime() - t;
            if (index.size() == 0) {
                throw new IllegalStateException("empty");
            }
        }
        long[] sorted = ns.clone();
        Arrays.sort(sorted);
        System.out.printf("%s: %d bytes, decode CPU ms min %.1f median %.1f (runs %s)%n", file, bytes.length,
                sorted[0] / 1e6, sorted[runs / 2] / 1e6, Arrays.toString(Arrays.stream(ns).map(x -> x / 1_000_000).toArray()));
    }
}
