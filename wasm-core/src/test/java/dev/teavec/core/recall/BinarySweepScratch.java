package dev.teavec.core.recall;

import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.index.ManagedIndex;
import dev.teavec.core.index.SearchResult;
import dev.teavec.core.testkit.Indexes;
import dev.teavec.core.vector.Metric;
import org.junit.jupiter.api.Test;

class BinarySweepScratch {
    @Test
    void sweep() throws Exception {
        String only = System.getProperty("sweep.set", "both");
        String q = System.getProperty("sweep.q", "binary");
        if (!only.equals("sift")) run(Dataset.wordnet(), Metric.COSINE, q);
        if (!only.equals("wordnet")) run(Dataset.sift(), Metric.L2, q);
    }

    private static void run(Dataset data, Metric metric, String q) {
        for (boolean rerank : new boolean[] {false, true}) {
            int dim = data.base[0].length;
            ManagedIndex index = Indexes.hnsw(IndexConfig.builder(dim, metric).indexType("hnsw")
                    .quantization(q).keepFloatsForRerank(rerank).build());
            long t0 = System.nanoTime();
            for (float[] v : data.base) index.add(v);
            double secs = (System.nanoTime() - t0) / 1e9;
            for (int ef : new int[] {50, 100, 200, 400, 800}) {
                double hits = 0;
                long s0 = System.nanoTime();
                for (int qi = 0; qi < data.queries.length; qi++) {
                    SearchResult r = index.search(data.queries[qi], 10, ef);
                    for (int i = 0; i < r.size(); i++)
                        for (int j = 0; j < 10; j++) if (r.id(i) == data.truth[qi][j]) hits++;
                }
                double us = (System.nanoTime() - s0) / 1e3 / data.queries.length;
                System.out.println("[sweep] " + data.name + " " + q + " rerank=" + rerank + " ef=" + ef + " recall=" + hits / (10.0 * data.queries.length)
                        + " build/s=" + Math.round(data.base.length / secs) + " us=" + Math.round(us)
                        + " bytes/vec=" + (double) index.vectorBytes() / data.base.length);
            }
        }
    }
}
