package dev.teavec.core.fulltext;

import dev.teavec.core.index.IdFilter;
import dev.teavec.core.index.TopK;
import java.util.List;

/**
 * Term-at-a-time BM25 ({@link Bm25} has the formula): one pass over each query term's postings into
 * a score per document, then the k best through a bounded heap. The accumulator is kept between
 * searches and only its touched entries are cleared, so a search costs the postings it reads.
 */
final class Bm25Searcher {
    private final InvertedIndex index;
    private double[] scores = new double[0];
    private int[] touched = new int[64];

    Bm25Searcher(InvertedIndex index) {
        this.index = index;
    }

    ScoredIds search(List<String> queryTerms, int k, Bm25 params, IdFilter filter) {
        int documents = index.documentCount();
        if (documents == 0 || queryTerms.isEmpty()) {
            return ScoredIds.EMPTY;
        }
        if (scores.length < index.docLimit()) {
            scores = new double[index.docLimit()];
        }
        int[] termIds = new int[queryTerms.size()];
        for (int i = 0; i < termIds.length; i++) {
            termIds[i] = index.terms().idOf(queryTerms.get(i));
        }
        IntSort.sort(termIds, termIds.length, IntSort.NATURAL);
        double avgLength = (double) index.totalLength() / documents;
        double k1 = params.k1();
        double b = params.b();
        int touchedCount = 0;
        for (int i = 0; i < termIds.length; ) {
            int term = termIds[i];
            int run = i;
            while (run < termIds.length && termIds[run] == term) {
                run++;
            }
            int queryFrequency = run - i;
            i = run;
            if (term < 0) {
                continue;
            }
            int df = index.postings().count(term);
            double weight = queryFrequency * Bm25.idf(documents, df) * (k1 + 1);
            int[] pairs = index.postings().pairs(term);
            for (int p = 0; p < 2 * df; p += 2) {
                int doc = pairs[p];
                int tf = pairs[p + 1];
                double norm = k1 * (1 - b + b * index.docLength(doc) / avgLength);
                if (scores[doc] == 0) {
                    if (touchedCount == touched.length) {
                        int[] grown = new int[touched.length * 2];
                        System.arraycopy(touched, 0, grown, 0, touchedCount);
                        touched = grown;
                    }
                    touched[touchedCount++] = doc;
                }
                scores[doc] += weight * tf / (tf + norm);
            }
        }
        TopK top = new TopK(k);
        for (int i = 0; i < touchedCount; i++) {
            int doc = touched[i];
            float key = -(float) scores[doc];
            scores[doc] = 0;
            if (key <= top.threshold() && (filter == null || filter.accept(doc))) {
                top.offer(doc, key);
            }
        }
        int[] ids = new int[top.size()];
        float[] keys = new float[top.size()];
        top.drainSorted(ids, keys);
        for (int i = 0; i < keys.length; i++) {
            keys[i] = -keys[i];
        }
        return new ScoredIds(ids, keys);
    }
}
