package dev.teavec.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.index.IndexTypes;
import dev.teavec.core.index.VectorIndex;
import dev.teavec.core.vector.Metric;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What an index accepts it must be able to save and load: under l2/dot it once took vectors whose distances
 * overflowed (NaN graph keys) or whose SQ8 per-dimension span did, and saved snapshots its own loader refused.
 * The boundary now refuses norms of 2^62 and above under l2 and dot (changing nothing); everything below loads.
 */
class ExtremeComponentsTest {
    @ParameterizedTest
    @CsvSource({"none, l2", "none, dot", "sq8, l2", "sq8, dot"})
    void theLargestAcceptedComponentsSaveAndLoad(String quantization, String metric) {
        VectorIndex index = IndexTypes.BUILT_IN.create(IndexConfig.builder(4, Metric.fromName(metric)).seed(5)
                .indexType(IndexTypes.HNSW).m(8).efConstruction(16).quantization(quantization).sq8TrainingSize(4).build());
        float big = 0x1.fffffep60f; // four such components: a squared norm just below 2^124
        float[][] rows = {{big, -big, 1, 0}, {-big, big, 0, 1}, {1, 2, 3, 4}, {big, big, -big, -big}, {0, 1, 0, 1}};
        for (float[] row : rows) {
            index.add(row);
        }
        TeaVecException e = assertThrows(TeaVecException.class, () -> index.add(new float[] {0, 0x1p62f, 0, 0}));
        assertEquals(ErrorCode.INVALID_VECTOR, e.code());
        assertTrue(e.getMessage().contains("norm below 2^62"), e.getMessage());
        assertThrows(TeaVecException.class, () -> index.add(new float[] {-Float.MAX_VALUE, 0, 0, 0}));
        assertEquals(rows.length, index.size(), "a refused vector changes nothing");
        VectorIndex loaded = IndexSnapshot.decode(IndexSnapshot.encode(index));
        assertEquals(rows.length, loaded.size());
        assertEquals(index.search(rows[2], 5).id(0), loaded.search(rows[2], 5).id(0));
    }

    @ParameterizedTest
    @CsvSource({"none", "sq8"})
    void cosineRescalesSoAnyFiniteComponentIsAccepted(String quantization) {
        VectorIndex index = IndexTypes.BUILT_IN.create(IndexConfig.builder(2, Metric.COSINE).seed(5)
                .indexType(IndexTypes.HNSW).quantization(quantization).sq8TrainingSize(2).build());
        index.add(new float[] {Float.MAX_VALUE, -Float.MAX_VALUE});
        index.add(new float[] {1, 2});
        index.add(new float[] {-3, 1});
        assertEquals(3, IndexSnapshot.decode(IndexSnapshot.encode(index)).size());
    }
}
