package dev.teavec.core.encoding;

import dev.teavec.core.codec.SectionOutput;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.score.FloatVectorValues;
import dev.teavec.core.score.PqVectorValues;
import dev.teavec.core.score.ScoringVectors;
import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.vector.Metric;

/**
 * PQ's lifecycle, SQ8's pattern ({@link Sq8Vectors}): the first {@code trainingSize} vectors are held as
 * float32; once that many are stored, {@link #maintain()} trains the sub-quantizers on them (k-means seeded by
 * the config's seed) and every vector becomes codes; the floats are dropped unless
 * {@link IndexConfig#keepFloatsForRerank()} keeps them to re-rank candidates. The centroids stay fixed
 * afterwards. The sub-space count and training size travel in the payload ({@link PqEncoding}), so a loaded
 * index trains and encodes as the saved one would have.
 */
public final class PqVectors implements StoredVectors {
    private final IndexConfig config;
    private final VectorStorageFactory storage;
    private final int subspaces;
    private final int trainingSize;
    /** Every vector until trained; then the floats kept for re-ranking, or null. */
    private FloatVectorValues floats;
    /** Null until trained. */
    private PqVectorValues codes;
    /** Floats that training replaced, released once no scorer reads them. */
    private FloatVectorValues retired;

    PqVectors(IndexConfig config, VectorStorageFactory storage, int subspaces, int trainingSize, FloatVectorValues floats,
            PqVectorValues codes) {
        assert floats != null || codes != null : "PQ vectors need floats or codes";
        assert codes == null || codes.quantizer().subspaces() == subspaces : "sub-spaces differ from the codes'";
        this.config = config;
        this.storage = storage;
        this.subspaces = subspaces;
        this.trainingSize = trainingSize;
        this.floats = floats;
        this.codes = codes;
    }

    public boolean isTrained() {
        return codes != null;
    }

    public int subspaces() {
        return subspaces;
    }

    int trainingSize() {
        return trainingSize;
    }

    @Override
    public VectorEncoding encoding() {
        return PqEncoding.INSTANCE;
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
        if (codes != null || floats.size() < trainingSize) {
            return false;
        }
        codes = PqVectorValues.train(floats, subspaces, config.seed(), storage);
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
    public StoredVectors copyOf(int[] ords, int count) {
        return new PqVectors(config, storage, subspaces, trainingSize, floats == null ? null : floats.copyOf(ords, count),
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
            throw new IllegalStateException("PQ: " + floats.size() + " kept floats for " + codes.size() + " codes");
        }
        if (codes != null && codes.codes().dimensions() != subspaces) {
            throw new IllegalStateException("PQ: codes of " + codes.codes().dimensions() + " bytes for " + subspaces
                    + " sub-spaces");
        }
    }

    @Override
    public long stateSize() {
        long head = 1 + 4;
        if (codes == null) {
            return head + 4 + FloatVectorsFormat.size(floats);
        }
        return head + PqCodesFormat.size(codes) + (floats != null ? FloatVectorsFormat.size(floats) : 0);
    }

    @Override
    public void writeState(SectionOutput out) {
        out.u8(codes == null ? 0 : 1);
        out.i32(subspaces);
        if (codes == null) {
            out.i32(trainingSize);
        } else {
            PqCodesFormat.write(out, codes);
        }
        if (floats != null) {
            FloatVectorsFormat.write(out, floats);
        }
    }
}
