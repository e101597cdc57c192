package dev.teavec.core.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.testkit.Indexes;
import dev.teavec.core.vector.Metric;
import dev.teavec.core.vector.VectorOps;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A query's {@code rerankK}: how many of the graph's best candidates (by the codes) are re-scored on the kept floats.
 * The same index without kept floats builds the same graph (both are built on the codes), so its results are the
 * candidates a rerankK of k re-scores. The data lies in [0, 1] and the first two vectors are its corners, so SQ8's
 * ranges never re-calibrate (which re-quantizes from floats in one index and from codes in the other).
 */
class RerankDepthTest {
    private static final int DIM = 24;
    private static final int K = 10;

    private static ManagedIndex sq8(boolean keepFloats, long seed) {
        return Indexes.hnsw(IndexConfig.builder(DIM, Metric.L2).indexType("hnsw").quantization("sq8")
                .keepFloatsForRerank(keepFloats).sq8TrainingSize(128).efConstruction(48).seed(seed).build());
    }

    @Test
    void rerankingKCandidatesRescoresExactlyTheCodesBestK() {
        long seed = VectorIndexContractTest.baseSeed();
        Random random = new Random(seed);
        ManagedIndex reranking = sq8(true, seed);
        ManagedIndex codesOnly = sq8(false, seed);
        float[][] data = new float[800][];
        for (int i = 0; i < data.length; i++) {
            data[i] = new float[DIM];
            for (int d = 0; d < DIM; d++) {
                data[i][d] = i == 0 ? 0f : i == 1 ? 1f : random.nextFloat();
            }
            reranking.add(data[i]);
            codesOnly.add(data[i]);
        }
        for (int q = 0; q < 20; q++) {
            float[] query = data[2 + random.nextInt(data.length - 2)].clone();
            query[0] = random.nextFloat();
            SearchResult byCodes = codesOnly.search(query, K, 40);
            SearchResult depthK = reranking.search(query, K, 40, K);
            int[] expected = byCodes.ids().clone();
            int[] got = depthK.ids().clone();
            Arrays.sort(expected);
            Arrays.sort(got);
            assertArrayEquals(expected, got, "seed " + seed + ", query " + q + ": rerankK = k re-ranks the codes' top k");
            for (int i = 0; i < K; i++) {
                float exact = (float) Math.sqrt(VectorOps.squaredL2(query, 0, data[depthK.ids()[i]], 0, DIM));
                assertEquals(exact, depthK.distances()[i], 1e-3f * Math.max(1f, exact), "seed " + seed + ": exact distances");
            }
            assertEquals(K, depthK.reranked(), "seed " + seed);
            assertEquals(40, reranking.search(query, K, 40).reranked(), "seed " + seed + ": by default the whole beam");
            SearchResult wide = reranking.search(query, K, 40, 200);
            assertEquals(200, wide.reranked(), "seed " + seed + ": a rerankK above ef widens the beam to it");
            assertTrue(wide.visited() >= depthK.visited(), "seed " + seed);
        }
    }

    @Test
    void aNegativeRerankKIsRefused() {
        ManagedIndex index = sq8(true, 1);
        index.add(new float[DIM]);
        TeaVecException e = assertThrows(TeaVecException.class, () -> index.search(new float[DIM], 1, 10, -1));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    }
}
