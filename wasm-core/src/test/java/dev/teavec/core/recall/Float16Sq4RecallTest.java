package dev.teavec.core.recall;

import dev.teavec.core.vector.Metric;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Recall@10 floors (0.95) of float16 and SQ4 on real data, with {@link RealDataRecallTest}'s build
 * parameters. Float16 needs nothing more than float32 (same ef). SQ4's 15 levels per dimension lose too
 * much ranking for the bar on their own: it is held to it with re-ranking on kept float32
 * ({@code keepFloatsForRerank}, re-rank depth = ef), at the efs below.
 */
class Float16Sq4RecallTest {
    /** SQ4 + re-rank on WordNet: the graph walks on 4-bit codes, so a wider beam than float32's 50. */
    static final int EF_WORDNET_SQ4 = 100;

    @Test
    void wordnetHnswFloat16() throws IOException {
        RealDataRecallTest.check(Dataset.wordnet(), Metric.COSINE, "float16", false, RealDataRecallTest.EF_WORDNET);
    }

    @Test
    void wordnetHnswSq4Rerank() throws IOException {
        RealDataRecallTest.check(Dataset.wordnet(), Metric.COSINE, "sq4", true, EF_WORDNET_SQ4);
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
