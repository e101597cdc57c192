package dev.teavec.core.encoding;

import dev.teavec.core.codec.SectionOutput;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.score.Float16VectorValues;
import dev.teavec.core.score.FloatVectorValues;
import dev.teavec.core.score.ScoringVectors;
import dev.teavec.core.vector.Metric;

/**
 * Float16's lifecycle, which is none: no training, every vector becomes halves as it is added, and
 * float32 copies are kept beside them only when {@link IndexConfig#keepFloatsForRerank()} asks to
 * re-rank (and answer {@code get}) exactly.
 */
final class Float16Vectors implements StoredVectors {
    private final IndexConfig config;
    private final Float16VectorValues halves;
    /** The floats kept for re-ranking, or null. */
    private final FloatVectorValues floats;

    Float16Vectors(IndexConfig config, Float16VectorValues halves, FloatVectorValues floats) {
        this.config = config;
        this.halves = halves;
        this.floats = floats;
    }

    @Override
    public VectorEncoding encoding() {
        return Float16Encoding.INSTANCE;
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
        return halves.size();
    }

    @Override
    public int add(float[] vector) {
        int ord = halves.add(vector);
        if (floats != null) {
            floats.add(vector);
        }
        return ord;
    }

    @Override
    public boolean maintain() {
        return false;
    }

    @Override
    public void releaseRetired() {
    }

    @Override
    public ScoringVectors scoringVectors() {
        return halves;
    }

    @Override
    public ScoringVectors exactVectors() {
        return floats != null ? floats : halves;
    }

    @Override
    public StoredVectors copyOf(int[] ords, int count) {
        return new Float16Vectors(config, halves.copyOf(ords, count), floats == null ? null : floats.copyOf(ords, count));
    }

    @Override
    public long bytesUsed() {
        return halves.bytesUsed() + (floats != null ? floats.bytesUsed() : 0);
    }

    @Override
    public long storageBytes() {
        return halves.storageBytes() + (floats != null ? floats.storageBytes() : 0);
    }

    @Override
    public void release() {
        halves.release();
        if (floats != null) {
            floats.release();
        }
    }

    @Override
    public void checkIntegrity() {
        if (floats != null && floats.size() != halves.size()) {
            throw new IllegalStateException("float16: " + floats.size() + " kept floats for " + halves.size() + " halves");
        }
        if ((floats != null) != config.keepFloatsForRerank()) {
            throw new IllegalStateException("float16: kept floats " + (floats != null) + " but the config says "
                    + config.keepFloatsForRerank());
        }
    }

    @Override
    public long stateSize() {
        return Float16Format.size(halves) + (floats != null ? FloatVectorsFormat.size(floats) : 0);
    }

    @Override
    public void writeState(SectionOutput out) {
        Float16Format.write(out, halves);
        if (floats != null) {
            FloatVectorsFormat.write(out, floats);
        }
    }
}
