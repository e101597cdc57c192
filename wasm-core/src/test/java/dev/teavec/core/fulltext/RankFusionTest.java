package dev.teavec.core.fulltext;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teavec.core.error.ErrorCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RankFusionTest {
    private static final long SEED = Long.getLong("teavec.seed", 20261207L);

    @Test
    void fusesByReciprocalRank() {
        ScoredIds r = RankFusion.reciprocalRank(new int[][] {{1, 2, 3}, {3, 1, 4}}, new double[] {1, 1}, 60, 10);
        // 1: 1/61 + 1/62; 3: 1/63 + 1/61; 2: 1/62; 4: 1/63
        assertArrayEquals(new int[] {1, 3, 2, 4}, r.ids());
        assertEquals(1.0 / 61 + 1.0 / 62, r.score(0), 1e-7);
        ScoredIds weighted = RankFusion.reciprocalRank(new int[][] {{1, 2}, {2, 1}}, new double[] {1, 3}, 0, 1);
        assertArrayEquals(new int[] {2}, weighted.ids(), "the heavier list wins");
        ScoredIds tie = RankFusion.reciprocalRank(new int[][] {{9, 5}, {5, 9}}, new double[] {1, 1}, 60, 2);
        assertArrayEquals(new int[] {5, 9}, tie.ids(), "equal scores: lower id first");
        ScoredIds zero = RankFusion.reciprocalRank(new int[][] {{1}, {2}}, new double[] {0, 1}, 60, 5);
        assertArrayEquals(new int[] {2}, zero.ids(), "ids only in a weight-0 list are left out");
        ScoredIds repeated = RankFusion.reciprocalRank(new int[][] {{7, 7, 8}}, new double[] {1}, 60, 5);
        assertEquals(1.0 / 61, repeated.score(0), 1e-7);
        assertEquals(1.0 / 63, repeated.score(1), 1e-7);
    }

    @Test
    void validatesItsArguments() {
        InvertedIndexTest.assertCode(ErrorCode.INVALID_ARGUMENT,
                () -> RankFusion.reciprocalRank(new int[][] {{1}}, new double[] {1, 1}, 60, 1));
        InvertedIndexTest.assertCode(ErrorCode.INVALID_ARGUMENT,
                () -> RankFusion.reciprocalRank(new int[0][], new double[0], 60, 1));
        InvertedIndexTest.assertCode(ErrorCode.INVALID_CONFIG,
                () -> RankFusion.reciprocalRank(new int[][] {{1}}, new double[] {-1}, 60, 1));
        InvertedIndexTest.assertCode(ErrorCode.INVALID_CONFIG,
                () -> RankFusion.reciprocalRank(new int[][] {{1}}, new double[] {Double.NaN}, 60, 1));
        InvertedIndexTest.assertCode(ErrorCode.INVALID_CONFIG,
                () -> RankFusion.reciprocalRank(new int[][] {{1}}, new double[] {1}, -1, 1));
        InvertedIndexTest.assertCode(ErrorCode.INVALID_K,
                () -> RankFusion.reciprocalRank(new int[][] {{1}}, new double[] {1}, 60, 0));
    }

    @Test
    void randomListsMatchABruteForceFusion() {
        Random rnd = new Random(SEED);
        for (int round = 0; round < 300; round++) {
            int lists = 1 + rnd.nextInt(3);
            int[][] rankings = new int[lists][];
            double[] weights = new double[lists];
            for (int l = 0; l < lists; l++) {
                Set<Integer> used = new HashSet<>();
                List<Integer> ids = new ArrayList<>();
                int len = rnd.nextInt(30);
                while (ids.size() < len) {
                    int id = rnd.nextInt(50);
                    if (used.add(id)) {
                        ids.add(id);
                    }
                }
                rankings[l] = ids.stream().mapToInt(Integer::intValue).toArray();
                weights[l] = rnd.nextInt(4) == 0 ? 0 : rnd.nextDouble() * 2;
            }
            int k = rnd.nextInt(100);
            int limit = 1 + rnd.nextInt(40);
            Map<Integer, Double> expected = new HashMap<>();
            for (int l = 0; l < lists; l++) {
                for (int r = 0; r < rankings[l].length; r++) {
                    expected.merge(rankings[l][r], weights[l] / (k + r + 1), Double::sum);
                }
            }
            List<Integer> order = new ArrayList<>();
            expected.forEach((id, s) -> {
                if (s > 0) {
                    order.add(id);
                }
            });
            order.sort((a, b) -> {
                int c = Float.compare((float) (double) expected.get(b), (float) (double) expected.get(a));
                return c != 0 ? c : Integer.compare(a, b);
            });
            ScoredIds got = RankFusion.reciprocalRank(rankings, weights, k, limit);
            List<Integer> want = order.subList(0, Math.min(limit, order.size()));
            assertEquals(want.size(), got.size(), "round " + round);
            for (int i = 0; i < want.size(); i++) {
                assertEquals((float) (double) expected.get(got.id(i)), got.score(i), 1e-6f, "round " + round);
                if (got.id(i) != want.get(i)) {
                    assertEquals(expected.get(want.get(i)), expected.get(got.id(i)), 1e-6, "round " + round + " rank " + i);
                }
            }
        }
    }
}
