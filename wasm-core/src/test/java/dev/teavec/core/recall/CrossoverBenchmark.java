package dev.teavec.core.recall;

import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.index.ManagedIndex;
import dev.teavec.core.index.VectorIndex;
import dev.teavec.core.testkit.Indexes;
import dev.teavec.core.vector.Metric;
import java.io.File;

/**
 * Not a test: measures exact-scan vs HNSW search time on WordNet prefixes (384-d cosine, k 10,
 * default ef 50), to choose IndexConfig.AUTO_HNSW_THRESHOLD. Run from wasm-core:
 * {@code java -cp target/classes:target/test-classes dev.teavec.core.recall.CrossoverBenchmark}
 */
public final class CrossoverBenchmark {
    public static void main(String[] args) throws Exception {
        File dir = new File(Vecs.dataDir(), "wordnet-minilm-384-angular");
        float[][] base = Vecs.readFvecs(new File(dir, "wordnet_minilm_base.fvecs"), 20000);
        float[][] queries = Vecs.readFvecs(new File(dir, "wordnet_minilm_query.fvecs"), 1000);
        for (int n : new int[] {500, 1000, 2000, 3000, 5000, 8000}) {
            VectorIndex flat = Indexes.flat(384, Metric.COSINE);
            ManagedIndex hnsw = Indexes.hnsw(IndexConfig.builder(384, Metric.COSINE).indexType("hnsw").build());
            for (int i = 0; i < n; i++) {
                flat.add(base[i]);
                hnsw.add(base[i]);
            }
            double flatUs = 0;
            double hnswUs = 0;
            for (int rep = 0; rep < 3; rep++) {
                long t0 = System.nanoTime();
                for (float[] q : queries) {
                    flat.search(q, 10);
                }
                long t1 = System.nanoTime();
                for (float[] q : queries) {
                    hnsw.search(q, 10);
                }
                long t2 = System.nanoTime();
                flatUs = (t1 - t0) / 1e3 / queries.length;
                hnswUs = (t2 - t1) / 1e3 / queries.length;
            }
            System.out.println("n=" + n + " flat_us=" + Math.round(flatUs) + " hnsw_us=" + Math.round(hnswUs)
                    + " flat/hnsw=" + Math.round(100 * flatUs / hnswUs) / 100.0);
        }
    }
}
