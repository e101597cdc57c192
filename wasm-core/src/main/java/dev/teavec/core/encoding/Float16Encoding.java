package dev.teavec.core.encoding;

import dev.teavec.core.codec.SectionInput;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.score.Float16VectorValues;
import dev.teavec.core.score.FloatVectorValues;
import dev.teavec.core.store.VectorStorageFactory;

/**
 * Float16: every vector as IEEE half floats scaled by a per-vector power of two
 * ({@link Float16VectorValues}), two bytes a dimension; graphs are built and searched on the halves.
 * With {@link IndexConfig#keepFloatsForRerank()} the float32 vectors are kept too and re-rank candidates.
 *
 * <p>Payload, format version 1: the halves ({@link Float16Format}), then, when the config keeps floats
 * for re-ranking, those floats ({@link FloatVectorsFormat}).
 */
public final class Float16Encoding implements VectorEncoding {
    public static final Float16Encoding INSTANCE = new Float16Encoding();

    private Float16Encoding() {
    }

    @Override
    public String name() {
        return ExtendedEncodings.FLOAT16;
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
        int dim = config.dimensions();
        return new Float16Vectors(config, new Float16VectorValues(dim, config.metric(), storage),
                config.keepFloatsForRerank() ? new FloatVectorValues(dim, config.metric(), storage) : null);
    }

    @Override
    public StoredVectors read(IndexConfig config, int version, int count, SectionInput in, VectorStorageFactory storage) {
        int dim = config.dimensions();
        Float16VectorValues halves = Float16Format.read(in, count, dim, config.metric(), storage);
        FloatVectorValues floats = config.keepFloatsForRerank()
                ? FloatVectorsFormat.read(in, count, dim, config.metric(), storage) : null;
        return new Float16Vectors(config, halves, floats);
    }
}
