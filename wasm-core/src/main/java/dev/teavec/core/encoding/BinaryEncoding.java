package dev.teavec.core.encoding;

import dev.teavec.core.codec.SectionInput;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.score.BinaryVectorValues;
import dev.teavec.core.score.FloatVectorValues;
import dev.teavec.core.store.VectorStorageFactory;

/**
 * Binary: one bit per dimension plus three floats per vector, with RaBitQ's corrected estimator
 * ({@link dev.teavec.core.quant.BinaryQuantizer}), trained on the first {@link IndexConfig#sq8TrainingSize()}
 * vectors, optionally keeping float32 to re-rank ({@link IndexConfig#keepFloatsForRerank()}); the lifecycle is
 * {@link BinaryVectors}'.
 *
 * <p>Payload, format version 1: {@code u8 trained}; untrained, every vector as float32
 * ({@link FloatVectorsFormat}); trained, the codes with the quantizer ({@link BinaryCodesFormat}) and, when the
 * config keeps floats for re-ranking, those floats.
 */
public final class BinaryEncoding implements VectorEncoding {
    public static final BinaryEncoding INSTANCE = new BinaryEncoding();

    private BinaryEncoding() {
    }

    @Override
    public String name() {
        return ExtendedEncodings.BINARY;
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
        return new BinaryVectors(config, storage, new FloatVectorValues(config.dimensions(), config.metric(), storage), null);
    }

    @Override
    public StoredVectors read(IndexConfig config, int version, int count, SectionInput in, VectorStorageFactory storage) {
        int at = in.position();
        int trained = in.u8("trained");
        if (trained > 1) {
            throw in.corrupt(at, "trained is " + trained + ", not 0 or 1");
        }
        int dim = config.dimensions();
        if (trained == 0) {
            return new BinaryVectors(config, storage, FloatVectorsFormat.read(in, count, dim, config.metric(), storage), null);
        }
        BinaryVectorValues codes = BinaryCodesFormat.read(in, count, dim, config.metric(), storage);
        FloatVectorValues floats = null;
        if (config.keepFloatsForRerank()) {
            floats = FloatVectorsFormat.read(in, count, dim, config.metric(), storage);
        }
        return new BinaryVectors(config, storage, floats, codes);
    }
}
