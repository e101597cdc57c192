package dev.teavec.core.encoding;

import dev.teavec.core.codec.SectionOutput;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.score.FloatVectorValues;
import dev.teavec.core.score.PqVectorValues;
import dev.teavec.core.store.VectorStorageFactory;

/**
 * PQ's lifecycle, SQ8's pattern ({@link Sq8Vectors}): the first {@code trainingSize} vectors are held as
 * float32; once that many are stored, {@link #maintain()} trains the sub-quantizers on them (k-means seeded by
 * the config's seed) and every vector becomes codes; the floats are dropped unless
 * {@link IndexConfig#keepFloatsForRerank()} keeps them to re-rank candidates. The centroids stay fixed
 * afterwards. The sub-space count and training size travel in the payload ({@link PqEncoding}), so a loaded
 * index trains and encodes as the saved one would have.
 */
public final class PqVectors extends TrainedCodes<PqVectorValues> {
    private final int subspaces;
    private final int trainingSize;

    PqVectors(IndexConfig config, VectorStorageFactory storage, int subspaces, int trainingSize, FloatVectorValues floats,
            PqVectorValues codes) {
        super(config, storage, floats, codes);
        assert codes == null || codes.quantizer().subspaces() == subspaces : "sub-spaces differ from the codes'";
        this.subspaces = subspaces;
        this.trainingSize = trainingSize;
    }

    @Override
    PqVectorValues train(FloatVectorValues sample) {
        return PqVectorValues.train(sample, subspaces, config.seed(), storage);
    }

    @Override
    void checkCodes(PqVectorValues trained) {
        if (trained.codes().dimensions() != subspaces) {
            throw new IllegalStateException("PQ: codes of " + trained.codes().dimensions() + " bytes for " + subspaces
                    + " sub-spaces");
        }
    }

    public int subspaces() {
        return subspaces;
    }

    @Override
    int trainingSize() {
        return trainingSize;
    }

    @Override
    public VectorEncoding encoding() {
        return PqEncoding.INSTANCE;
    }

    @Override
    public StoredVectors copyOf(int[] ords, int count) {
        return new PqVectors(config, storage, subspaces, trainingSize, floats == null ? null : floats.copyOf(ords, count),
                codes == null ? null : codes.copyOf(ords, count));
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
