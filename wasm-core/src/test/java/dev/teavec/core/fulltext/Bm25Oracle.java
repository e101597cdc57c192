package dev.teavec.core.fulltext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.index.IdFilter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Brute-force BM25 straight from the textbook formula over a plain map of documents: the oracle the
 * incremental index is held to. Scores every document from scratch on every query.
 */
final class Bm25Oracle {
    private final TextAnalyzer analyzer;
    private final TreeMap<Integer, Map<String, Integer>> docs = new TreeMap<>();
    private final TreeMap<Integer, Integer> lengths = new TreeMap<>();

    Bm25Oracle(TextAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    void put(int doc, String text) {
        Map<String, Integer> counts = new HashMap<>();
        List<String> terms = analyzer.terms(text);
        for (String t : terms) {
            counts.merge(t, 1, Integer::sum);
        }
        docs.put(doc, counts);
        lengths.put(doc, terms.size());
    }

    void remove(int doc) {
        docs.remove(doc);
        lengths.remove(doc);
    }

    int documentCount() {
        return docs.size();
    }

    long totalLength() {
        long sum = 0;
        for (int len : lengths.values()) {
            sum += len;
        }
        return sum;
    }

    int df(String term) {
        int n = 0;
        for (Map<String, Integer> counts : docs.values()) {
            if (counts.containsKey(term)) {
                n++;
            }
        }
        return n;
    }

    Map<String, Integer> vocabulary() {
        Map<String, Integer> df = new HashMap<>();
        for (Map<String, Integer> counts : docs.values()) {
            for (String t : counts.keySet()) {
                df.merge(t, 1, Integer::sum);
            }
        }
        return df;
    }

    /** Every scoring document's score (those holding a query term), by id. */
    TreeMap<Integer, Double> scores(String query, double k1, double b) {
        Map<String, Integer> qtf = new HashMap<>();
        for (String t : analyzer.terms(query)) {
            qtf.merge(t, 1, Integer::sum);
        }
        int n = docs.size();
        double avgdl = (double) totalLength() / n;
        Map<String, Integer> dfs = new HashMap<>();
        for (String t : qtf.keySet()) {
            dfs.put(t, df(t));
        }
        TreeMap<Integer, Double> out = new TreeMap<>();
        for (Map.Entry<Integer, Map<String, Integer>> e : docs.entrySet()) {
            double score = 0;
            boolean matched = false;
            for (Map.Entry<String, Integer> q : qtf.entrySet()) {
                Integer tf = e.getValue().get(q.getKey());
                if (tf == null) {
                    continue;
                }
                matched = true;
                int df = dfs.get(q.getKey());
                double idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
                double dl = lengths.get(e.getKey());
                score += q.getValue() * idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl));
            }
            if (matched) {
                out.put(e.getKey(), score);
            }
        }
        return out;
    }

    /**
     * Asserts that {@code actual} is a correct top-k: the expected ids in order, except that ids whose
     * scores are within rounding of each other may trade places; and each score matches the oracle's.
     */
    void assertTopK(String query, int k, Bm25 params, IdFilter filter, ScoredIds actual, String context) {
        TreeMap<Integer, Double> all = scores(query, params.k1(), params.b());
        List<Integer> expected = new ArrayList<>();
        for (int id : all.keySet()) {
            if (filter == null || filter.accept(id)) {
                expected.add(id);
            }
        }
        expected.sort((x, y) -> {
            int c = Float.compare((float) (double) all.get(y), (float) (double) all.get(x));
            return c != 0 ? c : Integer.compare(x, y);
        });
        List<Integer> want = expected.subList(0, Math.min(k, expected.size()));
        assertEquals(want.size(), actual.size(), context + ": result size for \"" + query + "\"");
        for (int i = 0; i < want.size(); i++) {
            int got = actual.id(i);
            Double gotScore = all.get(got);
            assertTrue(gotScore != null, context + ": id " + got + " holds no term of \"" + query + "\"");
            assertTrue(filter == null || filter.accept(got), context + ": id " + got + " is filtered out");
            double tolerance = 1e-5 * Math.max(1, Math.abs(gotScore));
            assertEquals(gotScore, actual.score(i), tolerance, context + ": score of id " + got);
            if (got != want.get(i)) {
                assertEquals(all.get(want.get(i)), gotScore, tolerance, context + ": rank " + i + " of \"" + query
                        + "\" is id " + got + ", expected " + want.get(i) + " (not a near tie)");
            }
        }
    }
}
