package dev.teavec.core.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.testkit.TestSeeds;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VisitedSetTest {
    @Test
    void agreesWithAHashSetAcrossResetsAndGrowth() {
        long seed = TestSeeds.forExactProperty();
        Random random = new Random(seed);
        VisitedSet visited = new VisitedSet();
        int capacity = 1;
        for (int round = 0; round < 300; round++) {
            // Capacities grow, shrink and cross word boundaries; some rounds touch most nodes, some few.
            capacity = Math.max(1, random.nextBoolean() ? capacity + random.nextInt(200) : random.nextInt(capacity + 1));
            visited.reset(capacity);
            Set<Integer> oracle = new HashSet<>();
            int visits = random.nextInt(2 * capacity + 1);
            for (int i = 0; i < visits; i++) {
                int node = random.nextInt(capacity);
                assertEquals(oracle.add(node), visited.visit(node), "seed " + seed + ", round " + round + ", node " + node);
            }
            for (int node = 0; node < capacity; node++) {
                assertEquals(oracle.contains(node), visited.isVisited(node), "seed " + seed + ", round " + round + ", node " + node);
            }
        }
    }

    @Test
    void resetForgetsEveryNodeIncludingWordEdges() {
        VisitedSet visited = new VisitedSet();
        visited.reset(100);
        for (int node : new int[] {0, 31, 32, 63, 64, 99}) {
            assertTrue(visited.visit(node));
            assertFalse(visited.visit(node));
        }
        visited.reset(100);
        for (int node = 0; node < 100; node++) {
            assertFalse(visited.isVisited(node), "node " + node);
        }
        assertTrue(visited.visit(31));
    }
}
