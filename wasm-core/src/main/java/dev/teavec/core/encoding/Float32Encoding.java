package dev.teavec.core.encoding;

import dev.teavec.core.codec.SectionInput;
import dev.teavec.core.codec.SectionOutput;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.score.FloatVectorValues;
import dev.teavec.core.score.ScoringVectors;
import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.vector.Metric;

/**
 * Vectors kept as float32, exactly as added ("float32", a config's quantization 'none'). No training.
 * Payload, format version 1: {@link FloatVectorsFormat}.
 */
public final class Float32Encoding implements VectorEncoding {
    public static final Float32Encoding INSTANCE = new Float32Encoding();

    private Float32Encoding() {
    }

    @Override
    public String name() {
        return VectorEncodings.FLOAT32;
    }

    @Override
    public int formatVersion() {
        return 1;
    }

    @Override
    public boolean exact() {
        return true;
    }

    @Override
    public StoredVectors create(IndexConfig config, VectorStorageFactory storage) {
        return new Vectors(new FloatVectorValues(config.dimensions(), config.metric(), storage));
    }

    @Override
    public StoredVectors read(IndexConfig config, int version, int count, SectionInput in, VectorStorageFactory storage) {
        return new Vectors(FloatVectorsFormat.read(in, count, config.dimensions(), config.metric(), storage));
    }

    /** Float32 vectors held as they are: what the graph scores on is the exact copy. */
    public static StoredVectors of(FloatVectorValues values) {
        return new Vectors(values);
    }

    private static final class Vectors implements StoredVectors {
        private final FloatVectorValues values;

        Vectors(FloatVectorValues values) {
            this.values = values;
        }

        @Override
        public VectorEncoding encoding() {
            return INSTANCE;
        }

        @Override
        public int dimensions() {
            return values.dimensions();
        }

        @Override
        public Metric metric() {
            return values.metric();
        }

        @Override
        public int size() {
            return values.size();
        }

        @Override
        public int add(float[] vector) {
            return values.add(vector);
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
            return values;
        }

        @Override
        public ScoringVectors exactVectors() {
            return values;
        }

        @Override
        public StoredVectors copyOf(int[] ords, int count) {
            return new Vectors(values.copyOf(ords, count));
        }

        @Override
        public long bytesUsed() {
            return values.bytesUsed();
        }

        @Override
        public long storageBytes() {
            return values.storageBytes();
        }

        @Override
        public void release() {
            values.release();
        }

        @Override
        public void checkIntegrity() {
        }

        @Override
        public long stateSize() {
            return FloatVectorsFormat.size(values);
        }

        @Override
        public void writeState(SectionOutput out) {
            FloatVectorsFormat.write(out, values);
        }
    }
}
