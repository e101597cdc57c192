package dev.teavec.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.index.IndexTypes;
import dev.teavec.core.index.SearchResult;
import dev.teavec.core.index.VectorIndex;
import dev.teavec.core.vector.Metric;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A snapshot load recomputes what add() computed per vector (cosine's inverse norms and rescaling, SQ8's norms
 * from the codes) by a faster road: the squared norm alone where it settles the vector, codes' norms in bulk.
 * The loaded index must score every query exactly as the saved one, to the bit, including vectors whose largest
 * component sits at CosineScale's limits (2^-40, 2^41) and beyond, where the fast road must give way.
 */
class ReloadedNormsTest {
    @ParameterizedTest
    @CsvSource({"none, cosine, 5", "none, cosine, 37", "none, cosine, 768", "none, dot, 37", "none, l2, 37",
        "sq8, cosine, 37", "sq8, dot, 37", "sq8, l2, 37", "sq8, cosine, 768"})
    void reloadedScoresEqualTheSavedOnesToTheBit(String quantization, String metric, int dims) {
        long seed = 1307L + dims;
        Random random = new Random(seed);
        IndexConfig.Builder b = IndexConfig.builder(dims, Metric.valueOf(metric.toUpperCase(java.util.Locale.ROOT)))
                .seed(seed).indexType(IndexTypes.FLAT);
        if (quantization.equals("sq8")) {
            // SQ8 is for HNSW only: a graph restored as saved, searched as widely as it holds.
            b.indexType(IndexTypes.HNSW).m(8).efConstruction(32).efSearch(400).quantization("sq8").sq8TrainingSize(64);
        }
        VectorIndex index = IndexTypes.BUILT_IN.create(b.build());
        int n = 0;
        // Largest components around both limits and far beyond, each scale several times: squares that underflow
        // (subnormal or zero) or overflow are where a norm taken without rescaling would differ.
        int[] exponents = {-149, -130, -80, -72, -68, -64, -60, -56, -42, -41, -40, -39, -38, -1, 0, 1, 38, 39, 40, 41,
            42, 60, 62, 63, 64, 100, 126};
        for (int round = 0; round < 8; round++) {
            for (int e : exponents) {
                if (quantization.equals("sq8") && !metric.equals("cosine") && Math.abs(e) > 60) {
                    continue; // SQ8's ranges must stay finite (max - min): unscaled vectors near 2^126 do not
                }
                float[] v = new float[dims];
                for (int i = 0; i < dims; i++) {
                    v[i] = (float) (random.nextGaussian() * Math.scalb(1.0, e));
                }
                v[random.nextInt(dims)] = Math.scalb(1.0f + random.nextFloat(), e);
                if (allFinite(v) && (metric.equals("cosine") || withinMagnitude(v))) {
                    index.add(v);
                    n++;
                }
            }
        }
        VectorIndex loaded = IndexSnapshot.decode(IndexSnapshot.encode(index));
        for (int q = 0; q < 20; q++) {
            float[] query = new float[dims];
            for (int i = 0; i < dims; i++) {
                query[i] = (float) random.nextGaussian();
            }
            SearchResult saved = index.search(query, n);
            SearchResult back = loaded.search(query, n);
            String where = quantization + "/" + metric + "/" + dims + ", seed " + seed + ", query " + q;
            assertEquals(saved.size(), back.size(), where);
            for (int i = 0; i < saved.size(); i++) {
                assertEquals(saved.id(i), back.id(i), "rank " + i + ", " + where);
                assertEquals(Float.floatToRawIntBits(saved.distance(i)), Float.floatToRawIntBits(back.distance(i)),
                        "distance at rank " + i + ", " + where);
            }
        }
    }

    /** Under l2 and dot the boundary refuses norms of 2^62 and above (VectorChecks.MAX_SQUARED_NORM). */
    private static boolean withinMagnitude(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        return sum < dev.teavec.core.vector.VectorChecks.MAX_SQUARED_NORM;
    }

    private static boolean allFinite(float[] v) {
        for (float x : v) {
            if (!Float.isFinite(x)) {
                return false;
            }
        }
        return true;
    }
}
