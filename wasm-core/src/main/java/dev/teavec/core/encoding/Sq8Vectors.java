package dev.teavec.core.encoding;

import dev.teavec.core.codec.SectionOutput;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.score.FloatVectorValues;
import dev.teavec.core.score.ScoringVectors;
import dev.teavec.core.score.Sq8VectorValues;
import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.vector.Metric;

/**
 * SQ8's lifecycle. The first {@link IndexConfig#sq8TrainingSize()} vectors are held as float32; once
 * that many are stored, {@link #maintain()} calibrates on them and every vector becomes codes, and the
 * floats are dropped unless {@link IndexConfig#keepFloatsForRerank()} keeps them to re-rank candidates
 * exactly (and answer {@code get} exactly). Later, re-calibration follows {@link Sq8VectorValues}: when
 * too many vectors were clipped, ranges widen and codes are re-encoded (from the kept floats if any).
 * A graph built so far is kept: its owner only swaps the scorers ({@link StoredVectors#maintain()}).
 */
public final class Sq8Vectors implements StoredVectors {
    private final IndexConfig config;
    private final VectorStorageFactory storage;
    /** Every vector until trained; then the floats kept for re-ranking, or null. */
    private FloatVectorValues floats;
    /** Null until trained. */
    private Sq8VectorValues codes;
    /** Floats that training replaced, released once no scorer reads them. */
    private FloatVectorValues retired;

    Sq8Vectors(IndexConfig config, VectorStorageFactory storage, FloatVectorValues floats, Sq8VectorValues codes) {
        assert floats != null || codes != null : "SQ8 vectors need floats or codes";
        this.config = config;
        this.storage = storage;
        this.floats = floats;
        this.codes = codes;
    }

    /**
     * Vectors loaded from a snapshot of format version 1 or 2: untrained floats ({@code codes} null), or codes
     * with the floats kept for re-ranking (or null). The caller validated them against {@code config}.
     */
    public static Sq8Vectors restore(IndexConfig config, VectorStorageFactory storage, FloatVectorValues floats,
            Sq8VectorValues codes) {
        return new Sq8Vectors(config, storage, floats, codes);
    }

    /** Whether vectors are stored as codes yet. */
    public boolean isTrained() {
        return codes != null;
    }

    /** Calibrations the codes went through (0 before training). */
    public int calibrations() {
        return codes == null ? 0 : codes.calibrations();
    }

    @Override
    public VectorEncoding encoding() {
        return Sq8Encoding.INSTANCE;
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
            codes = Sq8VectorValues.train(floats, storage);
            if (!config.keepFloatsForRerank()) {
                // The codes replace the floats; their scorers go first (releaseRetired).
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
        // Codes are copied, not re-quantized: compaction adds no error.
        return new Sq8Vectors(config, storage, floats == null ? null : floats.copyOf(ords, count),
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
            throw new IllegalStateException("SQ8: " + floats.size() + " kept floats for " + codes.size() + " codes");
        }
    }

    @Override
    public long stateSize() {
        if (codes == null) {
            return 1 + FloatVectorsFormat.size(floats);
        }
        return 1 + Sq8CodesFormat.size(codes) + (floats != null ? FloatVectorsFormat.size(floats) : 0);
    }

    @Override
    public void writeState(SectionOutput out) {
        out.u8(codes == null ? 0 : 1);
        if (codes != null) {
            Sq8CodesFormat.write(out, codes);
        }
        if (floats != null) {
            FloatVectorsFormat.write(out, floats);
        }
    }
}
