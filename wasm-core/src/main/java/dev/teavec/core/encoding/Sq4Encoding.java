package dev.teavec.core.encoding;

import dev.teavec.core.codec.SectionInput;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.quant.RangeTracker;
import dev.teavec.core.score.FloatVectorValues;
import dev.teavec.core.score.Sq4VectorValues;
import dev.teavec.core.store.VectorStorageFactory;

/**
 * SQ4: 4 bits per dimension, two codes a byte, trained like SQ8 on the first
 * {@link IndexConfig#sq8TrainingSize()} vectors and re-calibrated by SQ8's policy; optionally keeping
 * float32 to re-rank ({@link IndexConfig#keepFloatsForRerank()}), which real data needs for recall
 * (see RealDataRecallTest).
 *
 * <p>Payload, format version 1, laid out as SQ8's: {@code u8 trained}; untrained, every vector as float32
 * ({@link FloatVectorsFormat}); trained, the codes with their calibration state ({@link Sq4CodesFormat})
 * and, when the config keeps floats for re-ranking, those floats (within the observed ranges).
 */
public final class Sq4Encoding implements VectorEncoding {
    public static final Sq4Encoding INSTANCE = new Sq4Encoding();

    private Sq4Encoding() {
    }

    @Override
    public String name() {
        return ExtendedEncodings.SQ4;
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
        return new Sq4Vectors(config, storage, new FloatVectorValues(config.dimensions(), config.metric(), storage), null);
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
            return new Sq4Vectors(config, storage, FloatVectorsFormat.read(in, count, dim, config.metric(), storage), null);
        }
        Sq4VectorValues codes = Sq4CodesFormat.read(in, count, dim, config.metric(), storage);
        FloatVectorValues floats = null;
        if (config.keepFloatsForRerank()) {
            int floatsAt = in.position();
            floats = FloatVectorsFormat.read(in, count, dim, config.metric(), storage);
            RangeTracker observed = codes.observedRanges();
            Sq8CodesFormat.requireObserved(in, floatsAt, floats, observed);
        }
        return new Sq4Vectors(config, storage, floats, codes);
    }
}
