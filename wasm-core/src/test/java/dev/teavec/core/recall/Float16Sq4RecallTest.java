package dev.teavec.core.recall;

import dev.teavec.core.vector.Metric;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Recall@10 floors (0.95) of float16 and SQ4 on real data, with {@link RealDataRecallTest}'s build
 * parameters. Float16 needs nothing more than float32 (same ef). SQ4's 15 levels per dimension lose too
 * much ranking for the bar on their own (measured: WordNet 0.918 at ef 100, SIFT 0.849 at ef 200): it is held
 * to it with re-ranking on kept float32 ({@code keepFloatsForRerank}, re-rank depth = ef) at float32's efs
 * (measured: WordNet 0.983 at ef 50, 0.996 at ef 100; SIFT 0.973 at ef 200).
 */
class Float16Sq4RecallTest {

    @Test
    void wordnetHnswFloat16() throws IOException {
        RealDataRecallTest.check(Dataset.wordnet(), Metric.COSINE, "float16", false, RealDataRecallTest.EF_WORDNET);
    }

    @Test
    void wordnetHnswSq4Rerank() throws IOException {
        RealDataRecallTest.check(Dataset.wordnet(), Metric.COSINE, "sq4", true, RealDataRecallTest.EF_WORDNET);
    }

    @Test
    void siftHnswFloat16() throws IOException {
        RealDataRecallTest.check(Dataset.sift(), Metric.L2, "float16", false, RealDataRecallTest.EF_SIFT);
    }

    @Test
    void siftHnswSq4Rerank() throws IOException {
        RealDataRecallTest.check(Dataset.sift(), Metric.L2, "sq4", true, RealDataRecallTest.EF_SIFT);
    }
}
