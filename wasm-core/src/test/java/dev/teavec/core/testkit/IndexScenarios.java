package dev.teavec.core.testkit;

import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.index.IndexTypes;
import dev.teavec.core.index.SearchResult;
import dev.teavec.core.index.VectorIndex;
import dev.teavec.core.vector.Metric;
import java.util.Random;

/**
 * HNSW and SQ8 behaviour as plain methods, free of JUnit types: the JVM runs them through JUnit 5,
 * and TeaVM's runner runs the same code as Wasm GC in Chromium. Each takes a variant name
 * ({@code hnsw}, {@code sq8}, {@code sq8-rerank}) and a seed, which every failure message carries.
 */
public final class IndexScenarios {
    public static final String[] VARIANTS = {"hnsw", "sq8", "sq8-rerank"};

    private IndexScenarios() {
    }

    static IndexConfig.Builder variant(String name, int dims, Metric metric, long seed) {
        IndexConfig.Builder b = IndexConfig.builder(dims, metric).indexType("hnsw").seed(seed)
                .m(16).efConstruction(100).efSearch(100);
        if (name.startsWith("sq8")) {
            b.quantization("sq8").sq8TrainingSize(200);
        }
        if (name.equals("sq8-rerank")) {
            b.keepFloatsForRerank(true);
        }
        // The extended encodings (JVM only: the core engine lacks them): "float16[-rerank]", "sq4[-rerank]".
        if (name.startsWith("float16") || name.startsWith("sq4")) {
            b.quantization(name.startsWith("sq4") ? "sq4" : "float16").sq8TrainingSize(200)
                    .keepFloatsForRerank(name.endsWith("-rerank"));
        }
        if (name.equals("binary-rerank")) {
            // JVM only (index/IndexScenariosTest): the core engine's Wasm runs have no binary. At 24 dimensions a
            // 24-bit code orders candidates coarsely, so the re-ranked beam must be wide: cosine recall@10 0.79 at
            // ef 100, 0.88 at 200, 0.975 at 400 (binary is meant for hundreds of dimensions: RealDataRecallTest).
            b.quantization("binary").sq8TrainingSize(200).keepFloatsForRerank(true).efSearch(400);
        }
        return b;
    }

    /** Clustered Gaussian data, the shape real embeddings have. */
    static float[][] clustered(Random random, int n, int dims) {
        int clusters = 12;
        float[][] centres = new float[clusters][dims];
        for (float[] c : centres) {
            for (int d = 0; d < dims; d++) {
                c[d] = (float) random.nextGaussian();
            }
        }
        float[][] data = new float[n][dims];
        for (int i = 0; i < n; i++) {
            float[] c = centres[random.nextInt(clusters)];
            for (int d = 0; d < dims; d++) {
                data[i][d] = c[d] + 0.4f * (float) random.nextGaussian();
            }
        }
        return data;
    }

    /** How many of {@code got}'s ids {@code expected} holds. */
    static int overlap(SearchResult expected, SearchResult got) {
        int hits = 0;
        for (int i = 0; i < got.size(); i++) {
            for (int j = 0; j < expected.size(); j++) {
                if (got.id(i) == expected.id(j)) {
                    hits++;
                }
            }
        }
        return hits;
    }

    /** Recall@10 against the exact oracle for every metric, and a sound graph afterwards. */
    public static void recallAgainstFlat(String variant, long seed) {
        Random random = new Random(seed);
        int dims = 24;
        float[][] data = clustered(random, 1500, dims);
        for (Metric metric : Metric.values()) {
            VectorIndex index = IndexTypes.BUILT_IN.create(variant(variant, dims, metric, seed).build());
            VectorIndex oracle = Indexes.flat(dims, metric);
            for (float[] v : data) {
                index.add(v);
                oracle.add(v);
            }
            index.checkIntegrity();
            int hits = 0;
            int queries = 40;
            for (int q = 0; q < queries; q++) {
                float[] query = clustered(random, 1, dims)[0];
                SearchResult expected = oracle.search(query, 10);
                SearchResult got = index.search(query, 10);
                Check.equal(10, got.size(), variant + " " + metric + " returns k results, seed " + seed);
                hits += overlap(expected, got);
            }
            double recall = hits / (10.0 * queries);
            // The same floor for every metric: dot builds its graph on the reduction to L2 (InnerProductAsL2).
            double floor = 0.9;
            Check.isTrue(recall >= floor, variant + " " + metric + " recall@10 " + recall + " < " + floor + ", seed " + seed);
        }
    }

    /**
     * Inner product on vectors whose norms differ 8-fold (where a graph built on raw inner products reached
     * recall 0.70): the same floor as the other metrics on the same data.
     */
    public static void dotRecallOnVariedNorms(String variant, long seed) {
        Random random = new Random(seed);
        int dims = 24;
        // Queries from the data's clusters, unscaled: the last 50 points drawn.
        float[][] points = clustered(random, 2050, dims);
        float[][] data = java.util.Arrays.copyOf(points, 2000);
        for (float[] v : data) {
            float scale = 0.3f + 2f * random.nextFloat();
            for (int d = 0; d < dims; d++) {
                v[d] *= scale;
            }
        }
        double[] recall = new double[Metric.values().length];
        for (Metric metric : Metric.values()) {
            VectorIndex index = IndexTypes.BUILT_IN.create(variant(variant, dims, metric, seed).efSearch(40).build());
            VectorIndex oracle = Indexes.flat(dims, metric);
            for (float[] v : data) {
                index.add(v);
                oracle.add(v);
            }
            index.checkIntegrity();
            int hits = 0;
            for (int q = 0; q < 50; q++) {
                float[] query = points[2000 + q];
                SearchResult expected = oracle.search(query, 10);
                SearchResult got = index.search(query, 10);
                hits += overlap(expected, got);
            }
            recall[metric.ordinal()] = hits / 500.0;
        }
        double dot = recall[Metric.DOT.ordinal()];
        double floor = Math.min(0.95, Math.min(recall[Metric.L2.ordinal()], recall[Metric.COSINE.ordinal()]) - 0.03);
        Check.isTrue(dot >= floor, variant + " dot recall@10 " + dot + " < " + floor + " (l2 " + recall[Metric.L2.ordinal()]
                + ", cosine " + recall[Metric.COSINE.ordinal()] + "), seed " + seed);
    }

    /** Deleted ids never come back, k live results still do, and compaction keeps ids. */
    public static void deletesAndCompaction(String variant, long seed) {
        Random random = new Random(seed);
        int dims = 16;
        float[][] data = clustered(random, 800, dims);
        VectorIndex index = IndexTypes.BUILT_IN.create(variant(variant, dims, Metric.L2, seed).compactionThreshold(0.25).build());
        for (float[] v : data) {
            index.add(v);
        }
        boolean[] deleted = new boolean[data.length];
        for (int i = 0; i < data.length; i += 3) {
            index.delete(i);
            deleted[i] = true;
        }
        Check.equal(data.length - (data.length + 2) / 3, index.liveCount(), "live count, seed " + seed);
        Check.isTrue(index.needsCompaction(), "a third deleted exceeds the 0.25 threshold, seed " + seed);
        for (int q = 0; q < 30; q++) {
            SearchResult r = index.search(data[q], 10);
            Check.equal(10, r.size(), "k live results despite tombstones, seed " + seed);
            for (int i = 0; i < r.size(); i++) {
                Check.isTrue(!deleted[r.id(i)], "deleted id " + r.id(i) + " returned, seed " + seed);
            }
        }
        index.compact();
        index.checkIntegrity();
        Check.equal(0, index.deletedCount(), "compaction drops tombstones, seed " + seed);
        SearchResult self = index.search(data[1], 1);
        Check.equal(1, self.id(0), "ids survive compaction, seed " + seed);
        int fresh = index.add(data[0]);
        Check.equal(data.length, fresh, "ids are never reused, seed " + seed);
    }
}
