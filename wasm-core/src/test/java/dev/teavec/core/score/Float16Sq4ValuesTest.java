package dev.teavec.core.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.quant.RangeTracker;
import dev.teavec.core.quant.Sq4Quantizer;
import dev.teavec.core.quant.Sq8Quantizer;
import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.testkit.TestSeeds;
import dev.teavec.core.vector.Metric;
import java.util.Random;
import java.util.function.ToDoubleBiFunction;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Encode/decode error bounds and scorer keys against double oracles on the decoded vectors, float16 and SQ4. */
class Float16Sq4ValuesTest {
    private static float[] random(Random random, int dim, double scale) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) (random.nextGaussian() * scale);
        }
        return v;
    }

    @Test
    void float16KeepsElevenBitsAtEveryScale() {
        long seed = TestSeeds.forExactProperty();
        Random random = new Random(seed);
        for (double scale : new double[] {1e-40, 1e-30, 1e-5, 1, 300, 1e5, 1e30, 1e37}) {
            Float16VectorValues values = new Float16VectorValues(17, Metric.L2, VectorStorageFactory.HEAP);
            float[] out = new float[17];
            for (int n = 0; n < 50; n++) {
                float[] v = random(random, 17, scale);
                int ord = values.add(v);
                values.decode(ord, out);
                double max = 0;
                for (float x : v) {
                    max = Math.max(max, Math.abs(x));
                }
                for (int i = 0; i < 17; i++) {
                    // Relative half-ulp of each component (2^-11), or of 2^-28 of the largest where halves go subnormal,
                    // plus float32's own subnormal spacing for the tiniest scales.
                    double bound = Math.max(Math.abs(v[i]) * 0x1p-11, max * 0x1p-39) + 0x1p-149;
                    assertTrue(Math.abs(out[i] - v[i]) <= bound, "scale " + scale + " dim " + i + ": " + v[i] + " -> "
                            + out[i] + ", seed " + seed);
                }
            }
        }
    }

    @Test
    void float16ScoresMatchTheDecodedVectors() {
        long seed = TestSeeds.forExactProperty();
        for (Metric metric : Metric.values()) {
            Random random = new Random(seed);
            Float16VectorValues values = new Float16VectorValues(33, metric, VectorStorageFactory.HEAP);
            for (int n = 0; n < 40; n++) {
                values.add(random(random, 33, 1 + n));
            }
            checkScores(values, random(random, 33, 2), metric, seed, q -> 0, Float16Sq4ValuesTest::productMagnitude);
        }
    }

    @Test
    void sq4ErrorIsAtMostHalfAStepInsideTheRange() {
        long seed = TestSeeds.forExactProperty();
        Random random = new Random(seed);
        int dim = 9;
        RangeTracker ranges = new RangeTracker(dim);
        float[][] data = new float[200][];
        for (int n = 0; n < data.length; n++) {
            data[n] = random(random, dim, 3);
            ranges.observe(data[n], 0);
        }
        Sq4Quantizer q = Sq4Quantizer.of(ranges);
        byte[] codes = new byte[Sq4Quantizer.codeBytes(dim)];
        float[] out = new float[dim];
        for (float[] v : data) {
            assertFalse(q.encode(v, codes, 0), "inside the range, seed " + seed);
            assertEquals(0, codes[codes.length - 1] & 0xF0, "padding nibble stays zero");
            q.decode(codes, 0, out);
            for (int i = 0; i < dim; i++) {
                double step = (q.max(i) - q.min(i)) / Sq4Quantizer.LEVELS;
                assertTrue(Math.abs(out[i] - v[i]) <= step / 2 * (1 + 1e-5), "dim " + i + ", seed " + seed);
            }
        }
        float[] far = data[0].clone();
        far[3] = q.max(3) + 10 * (q.max(3) - q.min(3));
        assertTrue(q.encode(far, codes, 0), "an overshoot is reported");
        assertEquals(Sq4Quantizer.LEVELS, Sq4Quantizer.code(codes, 0, 3), "and clamped to the top level");
    }

    @Test
    void sq4ScoresMatchTheDecodedVectors() {
        long seed = TestSeeds.forExactProperty();
        for (Metric metric : Metric.values()) {
            Random random = new Random(seed);
            FloatVectorValues sample = new FloatVectorValues(31, metric);
            for (int n = 0; n < 40; n++) {
                sample.add(random(random, 31, 1 + n % 3));
            }
            Sq4VectorValues values = Sq4VectorValues.train(sample, VectorStorageFactory.HEAP);
            Sq4Quantizer quantizer = values.quantizer();
            checkScores(values, random(random, 31, 2), metric, seed, q -> weightRounding(quantizer, q),
                    (q, x) -> sq4Magnitude(quantizer, q, x));
        }
    }

    /**
     * The bound on an SQ4 dot product's error from rounding the prepared query to 16-bit weights (as SQ8's, the
     * price of exact integer kernels): half a weight step, {@code max|q_i·step_i| / maxWeight}, per unit of code,
     * codes at most 15 per dimension.
     */
    private static double weightRounding(Sq4Quantizer quantizer, float[] q) {
        double maxAbs = 0;
        for (int i = 0; i < q.length; i++) {
            maxAbs = Math.max(maxAbs, Math.abs((double) q[i] * ((quantizer.max(i) - quantizer.min(i)) / Sq4Quantizer.LEVELS)));
        }
        return 0.5 * maxAbs / Sq8Quantizer.maxWeight(2 * Sq4Quantizer.codeBytes(q.length)) * Sq4Quantizer.LEVELS * q.length;
    }

    /** {@code Σ |q_i x_i|}: the size of the float sums behind a float16 dot product. */
    private static double productMagnitude(float[] q, float[] x) {
        double sum = 0;
        for (int i = 0; i < q.length; i++) {
            sum += Math.abs((double) q[i] * x[i]);
        }
        return sum;
    }

    /**
     * The size of the float sums behind an SQ4 dot product, {@code constant + scale · codeDot}: the constant sums
     * {@code q_i · min_i}, the codes stand for {@code x_i - min_i}.
     */
    private static double sq4Magnitude(Sq4Quantizer quantizer, float[] q, float[] x) {
        double sum = 0;
        for (int i = 0; i < q.length; i++) {
            sum += Math.abs((double) q[i] * quantizer.min(i)) + Math.abs((double) q[i] * (x[i] - quantizer.min(i)));
        }
        return sum;
    }

    /**
     * The float32 rounding of a scorer's key. Its sums run over at most {@code dim} terms and a handful of
     * operations follow, each rounding with relative error 2^-24, so the key is off by at most
     * {@code γ(dim + 4) = (dim + 4) u / (1 - (dim + 4) u)} times the size of what it adds up, before any
     * cancellation: {@code |q|² + |x|² + 2 Σ|q_i x_i|} for L2 (a self-distance is 0 computed from two large
     * terms), {@code Σ|q_i x_i|} for dot, and for cosine that over {@code |q| |x|} plus the inverse norms' own
     * rounding. (A relative 1e-4 of the key alone, as this test had, fails where L2 cancels to near 0.)
     */
    private static double roundingError(Metric metric, float[] q, float[] x, double magnitude) {
        double n = q.length + 4;
        double gamma = n * 0x1p-24 / (1 - n * 0x1p-24);
        double qq = key(Metric.L2, q, new float[q.length]);
        double xx = key(Metric.L2, x, new float[x.length]);
        switch (metric) {
            case L2:
                return gamma * (qq + xx + 2 * magnitude);
            case DOT:
                return gamma * magnitude;
            default:
                return gamma * (magnitude / Math.sqrt(qq * xx) + 2);
        }
    }

    /**
     * Keys of a float query and of stored queries against double arithmetic on the decoded vectors, within the
     * float32 rounding of the key ({@link #roundingError}, of the sums {@code magnitude(q, x)} sizes) plus
     * {@code dotError(query)} carried through the metric's key.
     */
    private static void checkScores(ScoringVectors values, float[] query, Metric metric, long seed,
            ToDoubleFunction<float[]> dotError, ToDoubleBiFunction<float[], float[]> magnitude) {
        int dim = values.dimensions();
        QueryScorer scorer = values.newScorer();
        float[] x = new float[dim];
        float[] y = new float[dim];
        scorer.setQuery(query);
        for (int ord = 0; ord < values.size(); ord++) {
            values.decode(ord, x);
            double expected = key(metric, query, x);
            double tolerance = roundingError(metric, query, x, magnitude.applyAsDouble(query, x)) + keyError(metric, query, x, dotError);
            assertEquals(expected, scorer.score(ord), tolerance,
                    metric + " query vs " + ord + ", seed " + seed);
        }
        if (metric != Metric.DOT) {
            // Under dot, pair keys add the inner-product-to-L2 term: the contract tests cover them.
            scorer.setQueryFromOrdinal(3);
            values.decode(3, y);
            for (int ord = 0; ord < values.size(); ord++) {
                values.decode(ord, x);
                double expected = key(metric, y, x);
                double tolerance = roundingError(metric, y, x, magnitude.applyAsDouble(y, x)) + keyError(metric, y, x, dotError);
                assertEquals(expected, scorer.score(ord), tolerance,
                        metric + " stored 3 vs " + ord + ", seed " + seed);
            }
        }
    }

    private static double keyError(Metric metric, float[] q, float[] x, ToDoubleFunction<float[]> dotError) {
        double e = dotError.applyAsDouble(q);
        if (metric == Metric.L2) {
            return 2 * e;
        }
        return metric == Metric.COSINE ? e / Math.sqrt(key(Metric.L2, q, new float[q.length]) * key(Metric.L2, x, new float[x.length])) : e;
    }

    private static double key(Metric metric, float[] q, float[] x) {
        double dot = 0;
        double qq = 0;
        double xx = 0;
        for (int i = 0; i < q.length; i++) {
            dot += (double) q[i] * x[i];
            qq += (double) q[i] * q[i];
            xx += (double) x[i] * x[i];
        }
        switch (metric) {
            case COSINE:
                return 1 - dot / Math.sqrt(qq * xx);
            case L2:
                return qq + xx - 2 * dot;
            default:
                return -dot;
        }
    }
}
