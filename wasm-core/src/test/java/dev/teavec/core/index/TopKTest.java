package dev.teavec.core.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TopKTest {
    @Test
    void keepsTheKSmallestInOrder() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(100);
            int k = 1 + random.nextInt(20);
            float[] keys = new float[n];
            TopK top = new TopK(k);
            for (int i = 0; i < n; i++) {
                keys[i] = random.nextInt(30); // many ties on purpose
                top.offer(i, keys[i]);
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> keys[i]).thenComparingInt(i -> i));
            int m = Math.min(n, k);
            int[] expected = new int[m];
            for (int i = 0; i < m; i++) {
                expected[i] = order[i];
            }
            int[] ids = new int[m];
            top.drainSorted(ids, new float[m]);
            assertArrayEquals(expected, ids, "seed " + seed + ", round " + round);
        }
    }
}
