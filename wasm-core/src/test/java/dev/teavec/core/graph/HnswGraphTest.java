package dev.teavec.core.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HnswGraphTest {
    /** A valid 3-node graph: 0 - 1 - 2 on level 0, entry 0. */
    private static HnswGraph line() {
        HnswGraph g = new HnswGraph(2, 4, true);
        g.addNode(0);
        g.addNode(0);
        g.addNode(0);
        g.setEntryPoint(0, 0);
        g.setNeighbours(0, 0, new int[] {1}, new float[] {1}, 1);
        g.setNeighbours(1, 0, new int[] {0, 2}, new float[] {1, 1}, 2);
        g.setNeighbours(2, 0, new int[] {1}, new float[] {1}, 1);
        return g;
    }

    @Test
    void integrityAcceptsAValidGraph() {
        HnswIntegrity.check(line());
        HnswIntegrity.check(new HnswGraph(2, 4, true));
    }

    @Test
    void integrityFindsEachKindOfDamage() {
        expect("links to itself", g -> g.setNeighbours(1, 0, new int[] {1, 2}, new float[] {0, 1}, 2));
        expect("twice", g -> g.setNeighbours(1, 0, new int[] {2, 2}, new float[] {1, 1}, 2));
        expect("out of range", g -> g.setNeighbours(1, 0, new int[] {0, 9}, new float[] {1, 1}, 2));
        expect("unreachable", g -> g.setNeighbours(1, 0, new int[] {0}, new float[] {1}, 1));
    }

    private static void expect(String problem, java.util.function.Consumer<HnswGraph> damage) {
        HnswGraph g = line();
        damage.accept(g);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> HnswIntegrity.check(g));
        assertTrue(e.getMessage().contains(problem), e.getMessage() + " should mention " + problem);
    }

    @Test
    void raisedNodeKeepsItsLists() {
        HnswGraph g = line();
        g.raiseLevel(0, 2);
        assertEquals(2, g.level(0));
        assertEquals(1, g.neighbourCount(0, 0));
        assertEquals(0, g.neighbourCount(0, 2));
    }

    @Test
    void nodeQueueOrdersByKeyThenNode() {
        NodeQueue max = NodeQueue.maxQueue(2);
        max.push(3, 1f);
        max.push(1, -2f);
        max.push(2, 1f);
        max.push(7, 0.5f);
        int[] ids = new int[4];
        float[] keys = new float[4];
        max.drainAscending(ids, keys);
        assertEquals("[1, 7, 2, 3]", java.util.Arrays.toString(ids));
        assertEquals(-2f, keys[0]);
    }
}
