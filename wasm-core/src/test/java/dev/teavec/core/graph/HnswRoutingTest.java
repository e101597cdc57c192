package dev.teavec.core.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teavec.core.score.FloatVectorValues;
import dev.teavec.core.score.RandomVectorScorer;
import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.testkit.TestSeeds;
import dev.teavec.core.vector.Metric;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The search's entry by scoring a whole upper level (HnswSearcher#route), and the level members it reads. */
class HnswRoutingTest {
    /**
     * Two regions the upper levels do not link: a greedy descent from the entry point (node 0) stays in the entry's
     * region, whatever the beam width; scoring level 2 (nodes 0 and 1) enters the query's region at node 1.
     */
    @Test
    void searchEntersTheRegionOfTheBestNodeOfTheRoutingLevel() {
        float[] position = {0, 100, 1, 101};
        HnswGraph graph = new HnswGraph(2, 4, true);
        graph.addNode(3);
        graph.setEntryPoint(0, 3);
        graph.addNode(2);
        graph.addNode(0);
        graph.addNode(0);
        link(graph, 0, 2, 1);
        link(graph, 1, 3, 1);
        assertEquals(2, HnswSearcher.routingLevel(graph));
        RandomVectorScorer scorer = ord -> Math.abs(position[ord] - 101);
        NodeQueue results = NodeQueue.maxQueue(4);
        new HnswSearcher().search(graph, scorer, 4, null, results);
        int[] ids = new int[4];
        float[] keys = new float[4];
        int found = results.drainAscending(ids, keys);
        assertArrayEquals(new int[] {3, 1}, Arrays.copyOf(ids, found));
    }

    private static void link(HnswGraph graph, int a, int b, float key) {
        graph.setNeighbours(a, 0, new int[] {b}, new float[] {key}, 1);
        graph.setNeighbours(b, 0, new int[] {a}, new float[] {key}, 1);
    }

    /** Members per level match the nodes' levels, the raised root included, and again after a renumbering. */
    @Test
    void membersAreTheNodesOnEachLevel() {
        long seed = TestSeeds.forExactProperty();
        Random random = new Random(seed);
        int dims = 8;
        FloatVectorValues vectors = new FloatVectorValues(dims, Metric.L2, VectorStorageFactory.HEAP);
        HnswGraph graph = new HnswGraph(4, 8, true);
        HnswBuilder builder = new HnswBuilder(graph, 4, 16, seed);
        builder.setVectors(vectors);
        float[] v = new float[dims];
        for (int i = 0; i < 2000; i++) {
            for (int j = 0; j < dims; j++) {
                v[j] = (float) random.nextGaussian();
            }
            vectors.add(v);
            builder.insert(i);
        }
        assertMembers(graph, "seed " + seed);
        assertMembers(HnswReorder.renumbered(graph, HnswReorder.localityOrder(graph)), "renumbered, seed " + seed);
    }

    private static void assertMembers(HnswGraph graph, String what) {
        for (int level = 1; level <= graph.maxLevel(); level++) {
            int l = level;
            int[] want = IntStream.range(0, graph.size()).filter(node -> graph.level(node) >= l).toArray();
            int[] got = Arrays.copyOf(graph.members(level), graph.memberCount(level));
            Arrays.sort(got);
            assertArrayEquals(want, got, what + ": level " + level);
        }
    }
}
