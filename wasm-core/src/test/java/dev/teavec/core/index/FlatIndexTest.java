package dev.teavec.core.index;

import dev.teavec.core.testkit.FlatIndexScenarios;
import org.junit.jupiter.api.Test;

class FlatIndexTest {
    @Test
    void l2HandBuiltNeighbours() {
        FlatIndexScenarios.l2HandBuiltNeighbours();
    }

    @Test
    void cosineRanksMostSimilarFirst() {
        FlatIndexScenarios.cosineRanksMostSimilarFirst();
    }

    @Test
    void dotRanksLargestInnerProductFirst() {
        FlatIndexScenarios.dotRanksLargestInnerProductFirst();
    }

    @Test
    void emptyIndexAndLargeK() {
        FlatIndexScenarios.emptyIndexAndLargeK();
    }

    @Test
    void duplicatesTieBreakByLowerId() {
        FlatIndexScenarios.duplicatesTieBreakByLowerId();
    }

    @Test
    void badInputChangesNothing() {
        FlatIndexScenarios.badInputChangesNothing();
    }

    @Test
    void zeroVectorAllowedUnderL2AndDot() {
        FlatIndexScenarios.zeroVectorAllowedUnderL2AndDot();
    }

    @Test
    void chunkedStoreKeepsEveryVector() {
        FlatIndexScenarios.chunkedStoreKeepsEveryVector();
    }

    @Test
    void randomAgreesWithBruteForce() {
        long base = Long.getLong("teavec.seed", System.nanoTime());
        for (int i = 0; i < 25; i++) {
            // The seed is in every assertion message, so a failure can be replayed with -Dteavec.seed.
            FlatIndexScenarios.randomAgreesWithBruteForce(base + i);
        }
    }
}
