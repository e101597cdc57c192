package dev.teavec.core.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teavec.core.quant.BinaryQuantizer;
import dev.teavec.core.quant.RandomRotation;
import dev.teavec.core.vector.Metric;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The binary estimator: unbiased over rotations where raw Hamming is not, the 4-bit query kernel within its
 * rounding bound of the float-query estimator, keys that are the metric's (checked against exact distances
 * statistically), symmetric stored pairs, and a decode that keeps the residual's length.
 */
class BinaryEstimatorTest {
    private static final long SEED = 20261206L;

    private static float[] gaussian(Random random, int dim, float offset) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) random.nextGaussian() + offset;
        }
        return v;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    /** {@code Σ s_i y'_i} with the query's rotated residual in float: the estimator before query quantization. */
    private static double signedSum(BinaryVectorValues values, int ord, float[] q) {
        BinaryQuantizer quantizer = values.quantizer();
        int dim = values.dimensions();
        float[] y = new float[dim];
        for (int i = 0; i < dim; i++) {
            y[i] = q[i] - quantizer.centroid(i);
        }
        quantizer.rotation().apply(y);
        double s = 0;
        for (int i = 0; i < dim; i++) {
            s += ((values.word(ord, i >>> 6) >>> (i & 63)) & 1L) != 0 ? y[i] : -y[i];
        }
        return s;
    }

    @Test
    void correctedEstimateIsUnbiasedOverRotationsAndHammingIsNot() {
        int dim = 128;
        Random random = new Random(SEED);
        float[] centroid = gaussian(random, dim, 0f);
        float[] x = gaussian(random, dim, 0f);
        float[] q = x.clone();
        // A query near x: the case a search must order well.
        for (int i = 0; i < dim; i++) {
            q[i] += 0.5f * (float) random.nextGaussian();
        }
        double exact = 0;
        for (int i = 0; i < dim; i++) {
            exact += (double) (x[i] - centroid[i]) * (q[i] - centroid[i]);
        }
        int trials = 400;
        double sum = 0;
        double sumSq = 0;
        double hammingSum = 0;
        for (int t = 0; t < trials; t++) {
            BinaryVectorValues values = new BinaryVectorValues(Metric.L2,
                    new BinaryQuantizer(centroid, new RandomRotation(dim, SEED + t, RandomRotation.DEFAULT_ROUNDS)));
            values.add(x);
            double s = signedSum(values, 0, q);
            double estimate = values.term(0, 0) * s;
            sum += estimate - exact;
            sumSq += (estimate - exact) * (estimate - exact);
            // Raw Hamming: the code taken as the unit vector s/√d at the residual's length.
            hammingSum += Math.sqrt(values.term(0, 1)) * s / Math.sqrt(dim) - exact;
        }
        double bias = sum / trials;
        double sd = Math.sqrt(sumSq / trials - bias * bias);
        String what = "exact " + exact + ", seed " + SEED;
        assertTrue(Math.abs(bias) < 4 * sd / Math.sqrt(trials), "corrected bias " + bias + " (sd " + sd + "), " + what);
        assertTrue(Math.abs(hammingSum / trials) > 0.1 * Math.abs(exact), "Hamming's bias " + hammingSum / trials + ", " + what);
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void fourBitQueryKernelIsWithinItsRoundingBound(Metric metric) {
        int dim = 100;
        Random random = new Random(SEED);
        float[] centroid = gaussian(random, dim, 0.3f);
        BinaryVectorValues values = new BinaryVectorValues(metric, new BinaryQuantizer(centroid,
                new RandomRotation(dim, SEED, RandomRotation.DEFAULT_ROUNDS)));
        for (int i = 0; i < 50; i++) {
            values.add(gaussian(random, dim, 0.3f));
        }
        QueryScorer scorer = values.newScorer();
        float[] unit = new float[dim];
        for (int t = 0; t < 20; t++) {
            float[] q = gaussian(random, dim, 0.3f);
            scorer.setQuery(q);
            float[] scored = values.scored(q, unit);
            double[] range = rotatedRange(values, scored);
            double step = (range[1] - range[0]) / 15;
            for (int ord = 0; ord < values.size(); ord++) {
                double estimate = values.term(ord, 0) * signedSum(values, ord, scored);
                double ip = dot(centroid, scored) + values.term(ord, 2) + estimate;
                double key;
                if (metric == Metric.L2) {
                    double ySq = 0;
                    for (int i = 0; i < dim; i++) {
                        ySq += (double) (scored[i] - centroid[i]) * (scored[i] - centroid[i]);
                    }
                    key = values.term(ord, 1) + ySq - 2 * estimate;
                } else {
                    key = metric == Metric.DOT ? -ip : 1 - ip;
                }
                // Each level rounds by at most half a step; the sign sum moves by at most d of those, times alpha.
                double bound = values.term(ord, 0) * dim * step / 2 * (metric == Metric.L2 ? 2 : 1) + 1e-3 * (1 + Math.abs(key));
                assertEquals(key, scorer.score(ord), bound, metric + ", query " + t + ", ordinal " + ord + ", seed " + SEED);
            }
        }
    }

    private static double[] rotatedRange(BinaryVectorValues values, float[] q) {
        int dim = values.dimensions();
        float[] y = new float[dim];
        for (int i = 0; i < dim; i++) {
            y[i] = q[i] - values.quantizer().centroid(i);
        }
        values.quantizer().rotation().apply(y);
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (float v : y) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return new double[] {lo, hi};
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void keysTrackExactDistancesAndPairsAreSymmetric(Metric metric) {
        int dim = 384;
        Random random = new Random(SEED);
        float[] centroid = new float[dim];
        BinaryVectorValues values = new BinaryVectorValues(metric, new BinaryQuantizer(centroid,
                new RandomRotation(dim, SEED, RandomRotation.DEFAULT_ROUNDS)));
        float[][] xs = new float[200][];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = gaussian(random, dim, 0f);
            values.add(xs[i]);
        }
        QueryScorer scorer = values.newScorer();
        QueryScorer other = values.newScorer();
        double errSq = 0;
        double spreadSq = 0;
        double mean = 0;
        int n = 0;
        for (int t = 0; t < 10; t++) {
            float[] q = gaussian(random, dim, 0f);
            scorer.setQuery(q);
            for (int ord = 0; ord < xs.length; ord++) {
                double exact = exactKey(metric, q, xs[ord]);
                errSq += Math.pow(scorer.score(ord) - exact, 2);
                spreadSq += exact * exact;
                mean += exact;
                n++;
            }
        }
        double rmsError = Math.sqrt(errSq / n);
        double spread = Math.sqrt(spreadSq / n - Math.pow(mean / n, 2));
        // Independent Gaussians: inner products spread about √d, the estimator errs about |r||y|/√d · a small factor.
        assertTrue(rmsError < 0.8 * spread, metric + ": rms error " + rmsError + " vs spread of keys " + spread + ", seed " + SEED);
        for (int a = 0; a < 20; a++) {
            scorer.setQueryFromOrdinal(a);
            for (int b = 0; b < 20; b++) {
                other.setQueryFromOrdinal(b);
                assertEquals(scorer.score(b), other.score(a), 1e-3f * (1 + Math.abs(scorer.score(b))),
                        metric + ": pair " + a + ", " + b + " is symmetric, seed " + SEED);
            }
        }
    }

    private static double exactKey(Metric metric, float[] q, float[] x) {
        if (metric == Metric.L2) {
            double s = 0;
            for (int i = 0; i < q.length; i++) {
                s += Math.pow(q[i] - x[i], 2);
            }
            return s;
        }
        double ip = dot(q, x);
        return metric == Metric.DOT ? -ip : 1 - ip / Math.sqrt(dot(q, q) * dot(x, x));
    }

    @Test
    void decodeKeepsTheResidualLengthAndLeansTowardsIt() {
        int dim = 384;
        Random random = new Random(SEED);
        float[] centroid = gaussian(random, dim, 0f);
        BinaryVectorValues values = new BinaryVectorValues(Metric.L2, new BinaryQuantizer(centroid,
                new RandomRotation(dim, SEED, RandomRotation.DEFAULT_ROUNDS)));
        float[] x = gaussian(random, dim, 0f);
        values.add(x);
        float[] decoded = new float[dim];
        values.decode(0, decoded);
        double rr = 0;
        double dd = 0;
        double rd = 0;
        for (int i = 0; i < dim; i++) {
            double r = x[i] - centroid[i];
            double d = decoded[i] - centroid[i];
            rr += r * r;
            dd += d * d;
            rd += r * d;
        }
        assertEquals(rr, dd, 1e-3 * rr, "length of the decoded residual, seed " + SEED);
        // E<o, x̄> = sqrt(2/π) ≈ 0.8 for a random rotation.
        double cos = rd / Math.sqrt(rr * dd);
        assertTrue(cos > 0.75 && cos < 0.85, "cosine of residual and decoded residual " + cos + ", seed " + SEED);
    }
}
