package dev.teavec.core.encoding;

import dev.teavec.core.codec.SectionOutput;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.quant.BinaryQuantizer;
import dev.teavec.core.quant.RandomRotation;
import dev.teavec.core.score.BinaryVectorValues;
import dev.teavec.core.score.FloatVectorValues;
import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.vector.Metric;

/**
 * Binary's lifecycle, SQ8's pattern ({@link Sq8Vectors}): the first {@link IndexConfig#sq8TrainingSize()}
 * vectors are held as float32; once that many are stored, {@link #maintain()} takes their mean (as scored:
 * normalized under cosine) as the centroid, draws the rotation from the config's seed, and every vector
 * becomes a code; the floats are dropped unless {@link IndexConfig#keepFloatsForRerank()} keeps them to
 * re-rank candidates (which binary is meant to be used with: docs/format.md gives the measured recall). The
 * centroid is never re-trained: a drifting centroid only widens residuals, which the per-vector terms
 * account for, and the estimator stays unbiased.
 */
public final class BinaryVectors extends TrainedCodes<BinaryVectorValues> {
    /** Mixed into the config's seed so the rotation's signs are not the level generator's sequence. */
    static final long ROTATION_SALT = 0x62696E617279L;

    BinaryVectors(IndexConfig config, VectorStorageFactory storage, FloatVectorValues floats, BinaryVectorValues codes) {
        super(config, storage, floats, codes);
    }

    @Override
    int trainingSize() {
        return config.sq8TrainingSize();
    }

    @Override
    BinaryVectorValues train(FloatVectorValues sample) {
        return train(sample, config.seed(), storage);
    }

    @Override
    void checkCodes(BinaryVectorValues trained) {
        trained.checkIntegrity();
    }

    /** Trains a quantizer on every vector of {@code sample} and encodes them all, in order, into {@code storage}. */
    static BinaryVectorValues train(FloatVectorValues sample, long seed, VectorStorageFactory storage) {
        int dim = sample.dimensions();
        Metric metric = sample.metric();
        double[] sum = new double[dim];
        float[] v = new float[dim];
        for (int ord = 0; ord < sample.size(); ord++) {
            sample.decode(ord, v);
            double scale = 1.0;
            if (metric == Metric.COSINE) {
                double sq = 0;
                for (float x : v) {
                    sq += (double) x * x;
                }
                scale = sq > 0 ? 1.0 / Math.sqrt(sq) : 0;
            }
            for (int i = 0; i < dim; i++) {
                sum[i] += v[i] * scale;
            }
        }
        float[] centroid = new float[dim];
        for (int i = 0; i < dim; i++) {
            centroid[i] = (float) (sum[i] / Math.max(1, sample.size()));
        }
        RandomRotation rotation = new RandomRotation(dim, seed ^ ROTATION_SALT, RandomRotation.DEFAULT_ROUNDS);
        BinaryVectorValues values = new BinaryVectorValues(metric, new BinaryQuantizer(centroid, rotation), storage);
        values.reserve(sample.size());
        for (int ord = 0; ord < sample.size(); ord++) {
            sample.decode(ord, v);
            values.add(v);
        }
        return values;
    }

    @Override
    public VectorEncoding encoding() {
        return BinaryEncoding.INSTANCE;
    }

    @Override
    public StoredVectors copyOf(int[] ords, int count) {
        return new BinaryVectors(config, storage, floats == null ? null : floats.copyOf(ords, count),
                codes == null ? null : codes.copyOf(ords, count));
    }

    @Override
    public long stateSize() {
        if (codes == null) {
            return 1 + FloatVectorsFormat.size(floats);
        }
        return 1 + BinaryCodesFormat.size(codes) + (floats != null ? FloatVectorsFormat.size(floats) : 0);
    }

    @Override
    public void writeState(SectionOutput out) {
        out.u8(codes == null ? 0 : 1);
        if (codes != null) {
            BinaryCodesFormat.write(out, codes);
        }
        if (floats != null) {
            FloatVectorsFormat.write(out, floats);
        }
    }
}
