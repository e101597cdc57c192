package dev.teavec.core.fulltext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.recall.Vecs;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The hybrid acceptance: on the labelled WordNet lemma-word queries (built by
 * npm-package/test/data/wordnet-hybrid-set.mjs, which states the rules: 100 rare names other glosses also
 * mention, 100 rare names only their synsets hold, 100 common words; relevant = the synsets the word names),
 * recall@10 of vector-only search (exact, over the shared MiniLM vectors), BM25-only search (this package,
 * defaults) and their reciprocal rank fusion (k 60, equal weights, 50 candidates from each side).
 */
class HybridRecallTest {
    private static final String SET = "/dev/teavec/core/fulltext/wordnet-hybrid/";
    /** Each side hands this many candidates to the fusion. */
    static final int DEPTH = 50;
    static final int K = 10;

    record Query(String text, int[] relevant, float[] vector, String stratum) {
    }

    static List<Query> queries() throws IOException {
        List<String> lines = new ArrayList<>();
        try (InputStream in = HybridRecallTest.class.getResourceAsStream(SET + "queries.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    lines.add(line);
                }
            }
        }
        ByteBuffer vectors;
        try (InputStream in = HybridRecallTest.class.getResourceAsStream(SET + "queries.fvecs")) {
            vectors = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
        }
        List<Query> out = new ArrayList<>();
        for (String line : lines) {
            String rel = line.substring(line.indexOf("\"relevant\":[") + 12);
            String[] parts = rel.substring(0, rel.indexOf(']')).split(",");
            int[] relevant = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                relevant[i] = Integer.parseInt(parts[i].trim());
            }
            int dim = vectors.getInt();
            float[] v = new float[dim];
            for (int j = 0; j < dim; j++) {
                v[j] = vectors.getFloat();
            }
            out.add(new Query(WordNetTexts.stringField(line, "query"), relevant, v, WordNetTexts.stringField(line, "stratum")));
        }
        assertEquals(0, vectors.remaining(), "one vector per query");
        return out;
    }

    /** Exact top-{@code n} by inner product (= cosine: all vectors are unit length), ties to the lower row. */
    static int[] vectorTop(float[][] base, float[] q, int n) {
        dev.teavec.core.index.TopK top = new dev.teavec.core.index.TopK(n);
        for (int row = 0; row < base.length; row++) {
            float dot = 0;
            for (int j = 0; j < q.length; j++) {
                dot += base[row][j] * q[j];
            }
            top.offer(row, -dot);
        }
        int[] ids = new int[top.size()];
        top.drainSorted(ids, new float[top.size()]);
        return ids;
    }

    static double recall(int[] found, int[] relevant, int k) {
        Set<Integer> top = new HashSet<>();
        for (int i = 0; i < Math.min(k, found.length); i++) {
            top.add(found[i]);
        }
        int hits = 0;
        for (int r : relevant) {
            if (top.contains(r)) {
                hits++;
            }
        }
        return (double) hits / Math.min(k, relevant.length);
    }

    @Test
    void hybridBeatsVectorOnlyAndBm25Only() throws IOException {
        List<String> texts = WordNetTexts.texts("wordnet_minilm_base.jsonl");
        float[][] base = Vecs.readFvecs(WordNetTexts.file("wordnet_minilm_base.fvecs"), Integer.MAX_VALUE);
        List<Query> queries = queries();
        for (TextAnalyzer analyzer : new TextAnalyzer[] {TextAnalyzer.english(), TextAnalyzer.plain()}) {
            InvertedIndex ix = new InvertedIndex(analyzer);
            for (int i = 0; i < texts.size(); i++) {
                ix.put(i, texts.get(i));
            }
            String[] strata = {"all", "contested", "sole", "common"};
            // [stratum][method]; methods: vector, BM25, hybrid.
            double[][] sums = new double[strata.length][3];
            int[] counts = new int[strata.length];
            for (Query q : queries) {
                int[] byVector = vectorTop(base, q.vector(), DEPTH);
                int[] byText = ix.search(q.text(), DEPTH, Bm25.DEFAULT, null).ids();
                int[] fused = RankFusion.reciprocalRank(new int[][] {byVector, byText}, new double[] {1, 1},
                        RankFusion.DEFAULT_K, K).ids();
                double[] r = {recall(byVector, q.relevant(), K), recall(byText, q.relevant(), K),
                    recall(fused, q.relevant(), K)};
                for (int stratum = 0; stratum < strata.length; stratum++) {
                    if (stratum == 0 || strata[stratum].equals(q.stratum())) {
                        counts[stratum]++;
                        for (int m = 0; m < 3; m++) {
                            sums[stratum][m] += r[m];
                        }
                    }
                }
            }
            for (int stratum = 0; stratum < strata.length; stratum++) {
                for (int m = 0; m < 3; m++) {
                    sums[stratum][m] /= counts[stratum];
                }
                System.out.printf("hybrid acceptance, %s analyzer, %s (%d queries): recall@10 vector-only %.3f, "
                        + "BM25-only %.3f, RRF hybrid %.3f%n", analyzer.englishStemming() ? "english" : "plain",
                        strata[stratum], counts[stratum], sums[stratum][0], sums[stratum][1], sums[stratum][2]);
            }
            assertEquals(queries.size(), counts[1] + counts[2] + counts[3], "every query is in a stratum");
            for (int stratum : new int[] {0, 3}) {
                double[] s = sums[stratum];
                assertTrue(s[2] > s[0] && s[2] > s[1], strata[stratum] + ": hybrid " + s[2]
                        + " must beat vector-only " + s[0] + " and BM25-only " + s[1]);
            }
        }
    }
}
