package dev.teavec.core.fulltext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The open-addressing dictionary against a HashMap, with colliding hash codes and many releases. */
class TermDictionaryTest {
    private static final long SEED = Long.getLong("teavec.seed", 20261209L);

    @Test
    void randomInternsAndReleasesMatchAMap() {
        Random rnd = new Random(SEED);
        // "Aa" and "BB" share a hash code, so do all their concatenations: long probe runs to delete from.
        String[] pieces = {"Aa", "BB"};
        TermDictionary dict = new TermDictionary();
        Map<String, Integer> oracle = new HashMap<>();
        for (int step = 0; step < 20_000; step++) {
            StringBuilder sb = new StringBuilder();
            int len = 1 + rnd.nextInt(rnd.nextBoolean() ? 3 : 8);
            for (int i = 0; i < len; i++) {
                sb.append(pieces[rnd.nextInt(2)]);
            }
            String term = rnd.nextInt(3) == 0 ? sb.toString() : "t" + rnd.nextInt(500);
            if (rnd.nextInt(5) < 3) {
                int id = dict.intern(term);
                Integer known = oracle.putIfAbsent(term, id);
                assertEquals(known == null ? id : known, id, "seed " + SEED + " step " + step + ": id of " + term);
            } else if (oracle.containsKey(term)) {
                int id = oracle.remove(term);
                dict.release(id);
                assertNull(dict.name(id));
            }
            if (step % 1000 == 0) {
                assertEquals(oracle.size(), dict.size(), "seed " + SEED + " step " + step);
                for (Map.Entry<String, Integer> e : oracle.entrySet()) {
                    assertEquals(e.getValue(), dict.idOf(e.getKey()), "seed " + SEED + " step " + step + ": " + e.getKey());
                    assertEquals(e.getKey(), dict.name(e.getValue()));
                }
                assertEquals(-1, dict.idOf("absent"));
            }
        }
    }
}
