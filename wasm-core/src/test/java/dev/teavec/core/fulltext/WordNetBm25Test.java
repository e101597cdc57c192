package dev.teavec.core.fulltext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** BM25 over the 25,000 real WordNet glosses against the brute-force oracle, and a snapshot round trip of them. */
class WordNetBm25Test {
    @Test
    void topTenEqualsTheBruteForceOracleOnRealText() throws IOException {
        List<String> base = WordNetTexts.texts("wordnet_minilm_base.jsonl");
        List<String> queries = WordNetTexts.texts("wordnet_minilm_query.jsonl");
        InvertedIndex ix = new InvertedIndex(TextAnalyzer.english());
        Bm25Oracle oracle = new Bm25Oracle(TextAnalyzer.english());
        for (int i = 0; i < base.size(); i++) {
            ix.put(i, base.get(i));
            oracle.put(i, base.get(i));
        }
        ix.checkIntegrity();
        InvertedIndexTest.assertSameStats(oracle, ix, "wordnet");
        for (int q = 0; q < 20; q++) {
            String query = queries.get(q);
            oracle.assertTopK(query, 10, Bm25.DEFAULT, null, ix.search(query, 10, Bm25.DEFAULT, null), "query " + q);
        }
        oracle.assertTopK("a tool for cutting wood", 10, Bm25.DEFAULT, id -> id % 3 != 0,
                ix.search("a tool for cutting wood", 10, Bm25.DEFAULT, id -> id % 3 != 0), "filtered");
        ScoredIds adze = ix.search("adze", 5, Bm25.DEFAULT, null);
        assertTrue(adze.size() > 0 && base.get(adze.id(0)).startsWith("adz, adze"), "adze finds the adze synset");

        byte[] bytes = InvertedIndexCodec.encode(ix);
        InvertedIndex back = InvertedIndexCodec.decode(bytes, base.size());
        back.checkIntegrity();
        assertEquals(ix.termCount(), back.termCount());
        for (int q = 0; q < 10; q++) {
            String query = queries.get(q);
            assertEquals(InvertedIndexTest.ids(ix.search(query, 10, Bm25.DEFAULT, null)),
                    InvertedIndexTest.ids(back.search(query, 10, Bm25.DEFAULT, null)), query);
        }
        System.out.printf("wordnet: %d docs, %d terms, %d postings-bytes encoded (%.1f KB), heap estimate %.1f KB%n",
                ix.documentCount(), ix.termCount(), bytes.length, bytes.length / 1024.0, ix.bytesEstimate() / 1024.0);
    }
}
