package dev.teavec.core.encoding;

import dev.teavec.core.codec.SectionInput;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.score.FloatVectorValues;
import dev.teavec.core.score.PqVectorValues;
import dev.teavec.core.store.VectorStorageFactory;

/**
 * Product quantization ("pq"): {@link IndexConfig#pqSubspaces()} bytes per vector once trained
 * ({@link PqVectors}). Payload, format version 1 (docs/format.md): u8 trained, i32 sub-spaces; untrained,
 * i32 training size and the float32 vectors ({@link FloatVectorsFormat}); trained, the codes
 * ({@link PqCodesFormat}) then, with {@code rerank}, the float32 vectors.
 */
public final class PqEncoding implements VectorEncoding {
    public static final PqEncoding INSTANCE = new PqEncoding();

    private PqEncoding() {
    }

    @Override
    public String name() {
        return ExtendedEncodings.PQ;
    }

    @Override
    public int formatVersion() {
        return 1;
    }

    @Override
    public boolean exact() {
        return false;
    }

    @Override
    public StoredVectors create(IndexConfig config, VectorStorageFactory storage) {
        return new PqVectors(config, storage, config.pqSubspaces(), config.pqTrainingSize(),
                new FloatVectorValues(config.dimensions(), config.metric(), storage), null);
    }

    @Override
    public StoredVectors read(IndexConfig config, int version, int count, SectionInput in, VectorStorageFactory storage) {
        int at = in.position();
        int trained = in.u8("trained");
        if (trained > 1) {
            throw in.corrupt(at, "trained is " + trained + ", not 0 or 1");
        }
        int dim = config.dimensions();
        int subspacesAt = in.position();
        int subspaces = in.i32("sub-spaces");
        if (subspaces < 1 || subspaces > dim) {
            throw in.corrupt(subspacesAt, "sub-spaces is " + subspaces + ", not in 1.." + dim);
        }
        if (subspaces != config.pqSubspaces()) {
            throw in.corrupt(subspacesAt, "sub-spaces is " + subspaces + ", CONFIG says " + config.pqSubspaces());
        }
        if (trained == 0) {
            int sizeAt = in.position();
            int trainingSize = in.i32("training size");
            if (trainingSize < 1) {
                throw in.corrupt(sizeAt, "training size is " + trainingSize + ", not a positive integer");
            }
            FloatVectorValues floats = FloatVectorsFormat.read(in, count, dim, config.metric(), storage);
            return new PqVectors(config, storage, subspaces, trainingSize, floats, null);
        }
        PqVectorValues codes = PqCodesFormat.read(in, count, dim, subspaces, config.metric(), storage);
        FloatVectorValues floats = config.keepFloatsForRerank()
                ? FloatVectorsFormat.read(in, count, dim, config.metric(), storage) : null;
        return new PqVectors(config, storage, subspaces, config.pqTrainingSize(), floats, codes);
    }
}
