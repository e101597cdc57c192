package dev.teavec.core.fulltext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.index.IdFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The index against {@link Bm25Oracle} through seeded random add / update / delete sequences. */
class InvertedIndexTest {
    private static final long SEED = Long.getLong("teavec.seed", 20261205L);

    @Test
    void findsByBm25AndRanksShorterDocumentsFirst() {
        InvertedIndex ix = new InvertedIndex(TextAnalyzer.english());
        ix.put(0, "The quick brown fox jumps over the lazy dog");
        ix.put(1, "A fox");
        ix.put(2, "Dogs and cats");
        ix.put(3, "");
        ScoredIds fox = ix.search("FOXES", 10, Bm25.DEFAULT, null);
        assertEquals(List.of(1, 0), ids(fox), "the shorter document ranks first");
        assertEquals(List.of(2, 0), ids(ix.search("dog", 10, Bm25.DEFAULT, null)), "dog matches dogs (stemmed)");
        assertEquals(List.of(0), ids(ix.search("dog", 10, Bm25.DEFAULT, id -> id != 2)), "the filter applies");
        assertEquals(0, ix.search("unicorn", 10, Bm25.DEFAULT, null).size());
        assertEquals(0, ix.search("   ", 10, Bm25.DEFAULT, null).size());
        assertEquals(4, ix.documentCount());
        assertEquals(0, ix.length(3));
        assertEquals(-1, ix.length(4));
        ix.checkIntegrity();
    }

    @Test
    void portableScenario() {
        dev.teavec.core.testkit.FullTextScenarios.indexesSearchesAndRoundTrips(SEED);
    }

    @Test
    void rejectsBadInputWithoutChangingAnything() {
        InvertedIndex ix = new InvertedIndex(TextAnalyzer.plain());
        ix.put(5, "alpha beta");
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> ix.put(-1, "x"));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> ix.put(5, null));
        assertCode(ErrorCode.INVALID_K, () -> ix.search("alpha", 0, Bm25.DEFAULT, null));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> ix.search(null, 1, Bm25.DEFAULT, null));
        assertCode(ErrorCode.INVALID_CONFIG, () -> Bm25.of(-0.1, 0.75));
        assertCode(ErrorCode.INVALID_CONFIG, () -> Bm25.of(Double.NaN, 0.75));
        assertCode(ErrorCode.INVALID_CONFIG, () -> Bm25.of(1.2, 1.01));
        assertEquals(1, ix.documentCount());
        assertEquals(2, ix.length(5));
        assertFalse(ix.remove(4));
        ix.checkIntegrity();
    }

    @Test
    void releasedTermsAreForgottenAndTheirIdsReused() {
        InvertedIndex ix = new InvertedIndex(TextAnalyzer.plain());
        for (int i = 0; i < 1000; i++) {
            ix.put(0, "shared unique" + i);
        }
        assertEquals(2, ix.termCount());
        assertTrue(ix.terms().limit() <= 3, "the dictionary reuses released ids: " + ix.terms().limit());
        ix.remove(0);
        assertEquals(0, ix.termCount());
        assertEquals(0, ix.totalLength());
        ix.checkIntegrity();
    }

    @Test
    void randomChangesKeepTheIndexEqualToTheOracle() {
        for (int round = 0; round < 6; round++) {
            long seed = SEED + round;
            try {
                randomRun(seed, round % 2 == 0 ? TextAnalyzer.english() : TextAnalyzer.plain(), 1500);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + seed + " (replay with -Dteavec.seed=" + seed + "): " + e.getMessage(), e);
            }
        }
    }

    static void randomRun(long seed, TextAnalyzer analyzer, int steps) {
        Random rnd = new Random(seed);
        RandomText text = new RandomText(rnd);
        InvertedIndex ix = new InvertedIndex(analyzer);
        Bm25Oracle oracle = new Bm25Oracle(analyzer);
        List<Integer> live = new ArrayList<>();
        int nextId = 0;
        for (int step = 0; step < steps; step++) {
            int op = rnd.nextInt(10);
            if (op < 5 || live.isEmpty()) {
                int id = nextId;
                nextId += 1 + (rnd.nextInt(4) == 0 ? rnd.nextInt(5) : 0);
                String doc = text.document();
                ix.put(id, doc);
                oracle.put(id, doc);
                live.add(id);
            } else if (op < 7) {
                int id = live.get(rnd.nextInt(live.size()));
                String doc = text.document();
                ix.put(id, doc);
                oracle.put(id, doc);
            } else {
                int id = live.remove(rnd.nextInt(live.size()));
                assertTrue(ix.remove(id), "remove " + id);
                assertFalse(ix.remove(id), "second remove " + id);
                oracle.remove(id);
            }
            if (step % 50 == 0 || step == steps - 1) {
                ix.checkIntegrity();
                assertSameStats(oracle, ix, "step " + step);
                for (int q = 0; q < 5; q++) {
                    String query = text.query();
                    int k = 1 + rnd.nextInt(20);
                    Bm25 params = rnd.nextBoolean() ? Bm25.DEFAULT : Bm25.of(rnd.nextDouble() * 3, rnd.nextDouble());
                    int mod = 2 + rnd.nextInt(3);
                    IdFilter filter = rnd.nextBoolean() ? null : id -> id % mod != 0;
                    oracle.assertTopK(query, k, params, filter, ix.search(query, k, params, filter), "step " + step);
                }
            }
        }
    }

    static void assertSameStats(Bm25Oracle oracle, InvertedIndex ix, String context) {
        assertEquals(oracle.documentCount(), ix.documentCount(), context + ": N");
        assertEquals(oracle.totalLength(), ix.totalLength(), context + ": total length");
        Map<String, Integer> vocabulary = oracle.vocabulary();
        assertEquals(vocabulary.size(), ix.termCount(), context + ": distinct terms");
        for (Map.Entry<String, Integer> e : vocabulary.entrySet()) {
            assertEquals(e.getValue(), ix.documentFrequency(e.getKey()), context + ": df of " + e.getKey());
        }
    }

    static List<Integer> ids(ScoredIds r) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < r.size(); i++) {
            out.add(r.id(i));
        }
        return out;
    }

    static void assertCode(ErrorCode code, Runnable r) {
        TeaVecException e = assertThrows(TeaVecException.class, r::run);
        assertEquals(code, e.code(), e.getMessage());
    }
}
