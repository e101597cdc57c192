package dev.teavec.core.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.score.FloatVectorValues;
import dev.teavec.core.score.QueryScorer;
import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.testkit.TestSeeds;
import dev.teavec.core.vector.Metric;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The construction beam's early stop: the rule itself, and what it does to a build (rows scored, recall). */
class SettledBeamStopTest {
    @Test
    void stopsAfterSixteenExpansionsThatLeaveTheBestNodesUnchanged() {
        BeamStop stop = SettledBeamStop.available();
        stop.begin(2); // the best 4 nodes
        assertFalse(stop.stopsAfter(new int[] {1, 2, 3}, new float[] {3, 2, 1}, 3), "filling the best is a change");
        assertFalse(stop.stopsAfter(new int[] {4, 5}, new float[] {9, 8}, 2), "the fourth entered");
        for (int i = 1; i < SettledBeamStop.EXPANSIONS; i++) {
            // 9 ties the worst of the best (9): a tie is not closer, so nothing changes.
            assertFalse(stop.stopsAfter(new int[] {10 + i, 30 + i}, new float[] {9, 12}, 2), "unchanged " + i);
        }
        assertTrue(stop.stopsAfter(new int[] {99}, new float[] {10}, 1), "the 16th unchanged expansion");

        stop.begin(2);
        stop.stopsAfter(new int[] {1, 2, 3, 4}, new float[] {1, 2, 3, 4}, 4);
        for (int round = 0; round < 3; round++) {
            for (int i = 1; i < SettledBeamStop.EXPANSIONS; i++) {
                assertFalse(stop.stopsAfter(new int[] {50}, new float[] {5}, 1), "round " + round + ", unchanged " + i);
            }
            // One closer node in a batch of farther ones resets the count.
            assertFalse(stop.stopsAfter(new int[] {60, 61, 62}, new float[] {7, 3.5f - round, 8}, 3), "round " + round);
        }
    }

    @Test
    void aSettledBuildScoresFewerRowsForAboutTheSameRecall() {
        long seed = TestSeeds.forStatisticalBar();
        Random random = new Random(seed);
        int n = 4000;
        int dims = 96;
        float[][] centres = new float[40][dims];
        for (float[] c : centres) {
            for (int d = 0; d < dims; d++) {
                c[d] = (float) random.nextGaussian();
            }
        }
        // Clusters that overlap (spread 2 around centres of spread 1), so that a search at ef 10 misses some
        // neighbours and a worse graph shows; the stop saves ~23% of the rows here (40-50% on looser 768-d sets).
        FloatVectorValues vectors = new FloatVectorValues(dims, Metric.L2, VectorStorageFactory.HEAP);
        float[][] data = new float[n][];
        for (int i = 0; i < n; i++) {
            float[] c = centres[random.nextInt(centres.length)];
            data[i] = new float[dims];
            for (int d = 0; d < dims; d++) {
                data[i][d] = c[d] + 2f * (float) random.nextGaussian();
            }
            vectors.add(data[i]);
        }
        long[] rows = new long[2];
        HnswGraph[] graphs = new HnswGraph[2];
        for (int variant = 0; variant < 2; variant++) {
            graphs[variant] = new HnswGraph(16, 32, false);
            HnswBuilder builder = new HnswBuilder(graphs[variant], 16, 200, seed);
            if (variant == 0) {
                builder.plainBeams();
            }
            long[] count = rows;
            int at = variant;
            builder.setVectors(new CountingVectors(vectors, () -> count[at]++));
            for (int i = 0; i < n; i++) {
                builder.insert(i);
            }
            HnswIntegrity.check(graphs[variant]);
        }
        String what = "seed " + seed + ": rows per insert " + rows[0] / n + " plain, " + rows[1] / n + " settled";
        assertTrue(rows[1] < 0.85 * rows[0], what);
        double[] recall = new double[2];
        QueryScorer scorer = vectors.newScorer();
        HnswSearcher searcher = new HnswSearcher(null);
        NodeQueue results = NodeQueue.maxQueue(65);
        int queries = 200;
        for (int q = 0; q < queries; q++) {
            float[] query = data[random.nextInt(n)].clone();
            for (int d = 0; d < dims; d++) {
                query[d] += 0.3f * (float) random.nextGaussian();
            }
            scorer.setQuery(query);
            int[] truth = bruteForce(scorer, n, 10);
            for (int variant = 0; variant < 2; variant++) {
                searcher.search(graphs[variant], scorer, 10, null, results);
                int[] ids = new int[results.size()];
                results.drainAscending(ids, new float[ids.length]);
                recall[variant] += HnswQualityExperiment.hits(truth, ids, Math.min(10, ids.length)) / (10.0 * queries);
            }
        }
        what += ", recall@10 at ef 10 " + recall[0] + " plain, " + recall[1] + " settled";
        assertTrue(recall[1] >= 0.85 && recall[1] >= recall[0] - 0.02, what);
        assertEquals(n, graphs[1].size(), what);
    }

    private static int[] bruteForce(QueryScorer scorer, int n, int k) {
        NodeQueue top = NodeQueue.maxQueue(k + 1);
        for (int i = 0; i < n; i++) {
            top.keep(i, scorer.score(i), k);
        }
        int[] ids = new int[top.size()];
        top.drainAscending(ids, new float[ids.length]);
        return ids;
    }
}
