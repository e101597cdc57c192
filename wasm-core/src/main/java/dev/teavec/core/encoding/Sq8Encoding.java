package dev.teavec.core.encoding;

import dev.teavec.core.codec.SectionInput;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.quant.RangeTracker;
import dev.teavec.core.score.FloatVectorValues;
import dev.teavec.core.score.Sq8VectorValues;
import dev.teavec.core.store.VectorStorageFactory;

/**
 * SQ8: one byte per dimension after training on the first {@link IndexConfig#sq8TrainingSize()} vectors,
 * optionally keeping float32 to re-rank ({@link IndexConfig#keepFloatsForRerank()}); the lifecycle is
 * {@link Sq8Vectors}'.
 *
 * <p>Payload, format version 1: {@code u8 trained}; untrained, every vector as float32
 * ({@link FloatVectorsFormat}); trained, the codes with their calibration state ({@link Sq8CodesFormat})
 * and, when the config keeps floats for re-ranking, those floats (within the observed ranges).
 */
public final class Sq8Encoding implements VectorEncoding {
    public static final Sq8Encoding INSTANCE = new Sq8Encoding();

    private Sq8Encoding() {
    }

    @Override
    public String name() {
        return "sq8";
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
        return new Sq8Vectors(config, storage, new FloatVectorValues(config.dimensions(), config.metric(), storage), null);
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
            return new Sq8Vectors(config, storage, FloatVectorsFormat.read(in, count, dim, config.metric(), storage), null);
        }
        Sq8VectorValues codes = Sq8CodesFormat.read(in, count, dim, config.metric(), storage);
        FloatVectorValues floats = null;
        if (config.keepFloatsForRerank()) {
            int floatsAt = in.position();
            floats = FloatVectorsFormat.read(in, count, dim, config.metric(), storage);
            RangeTracker observed = codes.observedRanges();
            Sq8CodesFormat.requireObserved(in, floatsAt, floats, observed);
        }
        return new Sq8Vectors(config, storage, floats, codes);
    }
}
