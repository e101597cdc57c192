package dev.teavec.core.score;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teavec.core.quant.BinaryQuantizer;
import dev.teavec.core.quant.RandomRotation;
import dev.teavec.core.vector.Metric;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Binary codes in a CodeStorage: the batch form scores a neighbour list bit for bit as one ordinal at a time
 * (float and stored queries), and a compacted copy scores its vectors exactly as the original did.
 */
class BinaryScorerBatchTest {
    private static final long SEED = 20261208L;

    @ParameterizedTest
    @EnumSource(Metric.class)
    void batchEqualsSingleAndCopiesScoreAlike(Metric metric) {
        for (int dim : new int[] {5, 64, 100, 384}) {
            long seed = SEED + dim + metric.ordinal();
            Random random = new Random(seed);
            float[] centroid = new float[dim];
            for (int i = 0; i < dim; i++) {
                centroid[i] = (float) random.nextGaussian() * 0.1f;
            }
            BinaryVectorValues values = new BinaryVectorValues(metric,
                    new BinaryQuantizer(centroid, new RandomRotation(dim, seed, RandomRotation.DEFAULT_ROUNDS)));
            int count = 70;
            for (int n = 0; n < count; n++) {
                float[] v = new float[dim];
                for (int i = 0; i < dim; i++) {
                    v[i] = n == 0 ? 0f : (float) random.nextGaussian();
                }
                values.add(v);
            }
            values.checkIntegrity();
            int[] ords = new int[count];
            int[] kept = new int[count / 2];
            for (int i = 0; i < count; i++) {
                ords[i] = random.nextInt(count);
            }
            for (int i = 0; i < kept.length; i++) {
                kept[i] = 2 * i + 1;
            }
            BinaryVectorValues copy = values.copyOf(kept, kept.length);
            copy.checkIntegrity();
            QueryScorer scorer = values.newScorer();
            QueryScorer copyScorer = copy.newScorer();
            float[] batch = new float[count];
            for (int round = 0; round < 2; round++) {
                if (round == 0) {
                    float[] q = new float[dim];
                    for (int i = 0; i < dim; i++) {
                        q[i] = (float) random.nextGaussian();
                    }
                    scorer.setQuery(q);
                    copyScorer.setQuery(q);
                } else {
                    scorer.setQueryFromOrdinal(kept[3]);
                    copyScorer.setQueryFromOrdinal(3);
                }
                scorer.score(ords, count, batch);
                for (int i = 0; i < count; i++) {
                    assertEquals(Float.floatToIntBits(scorer.score(ords[i])), Float.floatToIntBits(batch[i]),
                            "seed " + seed + ", round " + round + ", batch " + i);
                }
                for (int i = 0; i < kept.length; i++) {
                    if (metric == Metric.DOT && round == 1) {
                        // Under dot a stored pair depends on M², the largest norm stored, which compaction can lower.
                        continue;
                    }
                    assertEquals(scorer.score(kept[i]), copyScorer.score(i), 0f, "seed " + seed + ", copy " + i);
                }
            }
        }
    }
}
