package dev.teavec.core.encoding;

import dev.teavec.core.codec.SectionOutput;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.score.FloatVectorValues;
import dev.teavec.core.score.ScoringVectors;
import dev.teavec.core.score.Sq4VectorValues;
import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.vector.Metric;

/**
 * SQ4's lifecycle, SQ8's ({@link Sq8Vectors}): float32 until {@link IndexConfig#sq8TrainingSize()}
 * vectors are stored, then {@link #maintain()} trains and every vector becomes 4-bit codes; the floats
 * are dropped unless {@link IndexConfig#keepFloatsForRerank()} keeps them to re-rank candidates.
 * Re-calibration follows {@link Sq4VectorValues}.
 */
final class Sq4Vectors implements StoredVectors {
    private final IndexConfig config;
    private final VectorStorageFactory storage;
    private FloatVectorValues floats;
    private Sq4VectorValues codes;
    private FloatVectorValues retired;

    Sq4Vectors(IndexConfig config, VectorStorageFactory storage, FloatVectorValues floats, Sq4VectorValues codes) {
        assert floats != null || codes != null : "SQ4 vectors need floats or codes";
        this.config = config;
        this.storage = storage;
        this.floats = floats;
        this.codes = codes;
    }

    /** Whether vectors are stored as codes yet. */
    boolean isTrained() {
        return codes != null;
    }

    int calibrations() {
        return codes == null ? 0 : codes.calibrations();
    }

    @Override
    public VectorEncoding encoding() {
        return Sq4Encoding.INSTANCE;
    }

    @Override
    public int dimensions() {
        return config.dimensions();
    }

    @Override
    public Metric metric() {
        return config.metric();
    }

    @Override
    public int size() {
        return codes != null ? codes.size() : floats.size();
    }

    @Override
    public int add(float[] vector) {
        if (codes == null) {
            return floats.add(vector);
        }
        int ord = codes.add(vector);
        if (floats != null) {
            floats.add(vector);
        }
        return ord;
    }

    @Override
    public boolean maintain() {
        if (codes == null) {
            if (floats.size() < config.sq8TrainingSize()) {
                return false;
            }
            codes = Sq4VectorValues.train(floats, storage);
            if (!config.keepFloatsForRerank()) {
                retired = floats;
                floats = null;
            }
            return true;
        }
        if (codes.needsRecalibration()) {
            codes.recalibrate(floats);
            return true;
        }
        return false;
    }

    @Override
    public void releaseRetired() {
        if (retired != null) {
            retired.release();
            retired = null;
        }
    }

    @Override
    public ScoringVectors scoringVectors() {
        return codes != null ? codes : floats;
    }

    @Override
    public ScoringVectors exactVectors() {
        return floats != null ? floats : codes;
    }

    @Override
    public StoredVectors copyOf(int[] ords, int count) {
        return new Sq4Vectors(config, storage, floats == null ? null : floats.copyOf(ords, count),
                codes == null ? null : codes.copyOf(ords, count));
    }

    @Override
    public long bytesUsed() {
        return (codes != null ? codes.bytesUsed() : 0) + (floats != null ? floats.bytesUsed() : 0);
    }

    @Override
    public long storageBytes() {
        return (codes != null ? codes.storageBytes() : 0) + (floats != null ? floats.storageBytes() : 0);
    }

    @Override
    public void release() {
        releaseRetired();
        if (codes != null) {
            codes.release();
        }
        if (floats != null) {
            floats.release();
        }
    }

    @Override
    public void checkIntegrity() {
        if (codes != null && floats != null && floats.size() != codes.size()) {
            throw new IllegalStateException("SQ4: " + floats.size() + " kept floats for " + codes.size() + " codes");
        }
    }

    @Override
    public long stateSize() {
        if (codes == null) {
            return 1 + FloatVectorsFormat.size(floats);
        }
        return 1 + Sq4CodesFormat.size(codes) + (floats != null ? FloatVectorsFormat.size(floats) : 0);
    }

    @Override
    public void writeState(SectionOutput out) {
        out.u8(codes == null ? 0 : 1);
        if (codes != null) {
            Sq4CodesFormat.write(out, codes);
        }
        if (floats != null) {
            FloatVectorsFormat.write(out, floats);
        }
    }
}
