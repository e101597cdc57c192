package dev.teavec.core.score;

import org.junit.jupiter.api.Test;

class TmpSeedSweepTest {
    @Test
    void sweep() {
        Float16Sq4ValuesTest t = new Float16Sq4ValuesTest();
        int f16 = 0;
        int sq4 = 0;
        String first = null;
        int n = Integer.getInteger("sweep.n", 1500);
        for (long seed = 1; seed <= n; seed++) {
            System.setProperty("teavec.seed", Long.toString(seed * 7919));
            try {
                t.float16ScoresMatchTheDecodedVectors();
            } catch (AssertionError e) {
                f16++;
                if (first == null) first = e.getMessage();
            }
            try {
                t.sq4ScoresMatchTheDecodedVectors();
            } catch (AssertionError e) {
                sq4++;
                if (first == null) first = e.getMessage();
            }
        }
        System.out.println("SWEEP f16 failures " + f16 + " sq4 failures " + sq4 + " of " + n + "; first: " + first);
    }
}
