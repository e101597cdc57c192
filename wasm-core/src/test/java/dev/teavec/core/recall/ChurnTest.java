package dev.teavec.core.recall;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.index.IndexTypes;
import dev.teavec.core.index.SearchResult;
import dev.teavec.core.index.VectorIndex;
import dev.teavec.core.testkit.Indexes;
import dev.teavec.core.testkit.TestSeeds;
import dev.teavec.core.vector.Metric;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * 20 cycles of deleting 10% of the live vectors and inserting as many, compacting whenever the
 * index asks for it, on SIFT 5k. After every cycle recall@10 against brute force over the live set
 * must stay at least 0.90 and the graph must pass its integrity check.
 */
class ChurnTest {
    /** As in {@link RealDataRecallTest#EF_SIFT}. */
    static final int EF_SEARCH = RealDataRecallTest.EF_SIFT;

    @Test
    void churnHnswFloat() throws IOException {
        churn("none");
    }

    @Test
    void churnHnswSq8() throws IOException {
        churn("sq8");
    }

    private static void churn(String quantization) throws IOException {
        Dataset data = Dataset.sift();
        long seed = TestSeeds.forStatisticalBar();
        Random random = new Random(seed);
        int dim = data.base[0].length;
        VectorIndex index = IndexTypes.BUILT_IN.create(IndexConfig.builder(dim, Metric.L2).indexType("hnsw")
                .quantization(quantization).efSearch(EF_SEARCH).seed(seed).build());
        VectorIndex oracle = Indexes.flat(dim, Metric.L2);
        int initial = 4000;
        int[] pool = new int[data.base.length];
        int poolStart = 0;
        int poolEnd = 0;
        int[] source = new int[initial + 20 * 1000];
        for (int i = 0; i < data.base.length; i++) {
            if (i < initial) {
                source[index.add(data.base[i])] = i;
                oracle.add(data.base[i]);
            } else {
                pool[poolEnd++ % pool.length] = i;
            }
        }
        int assigned = initial;
        int compactions = 0;
        double worst = 1.0;
        for (int cycle = 1; cycle <= 20; cycle++) {
            int batch = index.liveCount() / 10;
            for (int d = 0; d < batch; d++) {
                int id;
                do {
                    id = random.nextInt(assigned);
                } while (index.isDeleted(id));
                index.delete(id);
                oracle.delete(id);
                pool[poolEnd++ % pool.length] = source[id];
            }
            for (int a = 0; a < batch; a++) {
                int row = pool[poolStart++ % pool.length];
                int id = index.add(data.base[row]);
                oracle.add(data.base[row]);
                assigned++;
                source[id] = row;
            }
            if (index.needsCompaction()) {
                index.compact();
                oracle.compact();
                compactions++;
            }
            index.checkIntegrity();
            double hits = 0;
            for (float[] q : data.queries) {
                SearchResult truth = oracle.search(q, 10);
                SearchResult got = index.search(q, 10);
                for (int i = 0; i < 10; i++) {
                    for (int j = 0; j < got.size(); j++) {
                        if (truth.id(i) == got.id(j)) {
                            hits++;
                        }
                    }
                }
            }
            double recall = hits / (10.0 * data.queries.length);
            worst = Math.min(worst, recall);
            assertTrue(recall >= 0.90, "cycle " + cycle + ": recall@10 " + recall + " under churn, "
                    + quantization + ", seed " + seed);
        }
        System.out.println("[churn] dataset=" + data.name + " variant=hnsw-" + quantization + " ef_search="
                + EF_SEARCH + " cycles=20 worst_recall@10=" + RealDataRecallTest.round(worst) + " compactions="
                + compactions + " live=" + index.liveCount() + " tombstones=" + index.deletedCount() + " seed=" + seed);
    }
}
