package dev.teavec.core.encoding;

import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.score.FloatVectorValues;
import dev.teavec.core.score.ScoringVectors;
import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.vector.Metric;

/**
 * The lifecycle of an encoding trained once on its first vectors (binary, PQ; SQ8's pattern without its
 * re-calibration): until {@link #trainingSize()} vectors are stored they are held as float32; then
 * {@link #maintain()} trains on them and every vector becomes a code, and the floats are dropped unless
 * {@link IndexConfig#keepFloatsForRerank()} keeps them to re-rank. What is trained stays fixed afterwards.
 *
 * @param <C> the codes' values
 */
abstract class TrainedCodes<C extends ScoringVectors> implements StoredVectors {
    final IndexConfig config;
    final VectorStorageFactory storage;
    /** Every vector until trained; then the floats kept for re-ranking, or null. */
    FloatVectorValues floats;
    /** Null until trained. */
    C codes;
    /** Floats that training replaced, released once no scorer reads them. */
    private FloatVectorValues retired;

    TrainedCodes(IndexConfig config, VectorStorageFactory storage, FloatVectorValues floats, C codes) {
        assert floats != null || codes != null : encodingName() + " vectors need floats or codes";
        this.config = config;
        this.storage = storage;
        this.floats = floats;
        this.codes = codes;
    }

    /** How many vectors training waits for. */
    abstract int trainingSize();

    /** Trains on every vector of {@code sample} and returns them all as codes, in order. */
    abstract C train(FloatVectorValues sample);

    /** The codes' own consistency, beyond the kept floats matching them; throws IllegalStateException. */
    abstract void checkCodes(C trained);

    private String encodingName() {
        return encoding().name();
    }

    public boolean isTrained() {
        return codes != null;
    }

    /** The codes once trained, else null. */
    public C codes() {
        return codes;
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
        if (codes != null || floats.size() < trainingSize()) {
            return false;
        }
        codes = train(floats);
        if (!config.keepFloatsForRerank()) {
            // The codes replace the floats; their scorers go first (releaseRetired).
            retired = floats;
            floats = null;
        }
        return true;
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
        if (codes == null) {
            return;
        }
        checkCodes(codes);
        if (floats != null && floats.size() != codes.size()) {
            throw new IllegalStateException(encodingName() + ": " + floats.size() + " kept floats for " + codes.size()
                    + " codes");
        }
    }
}
