package dev.teavec.core.index;

import dev.teavec.core.codec.SectionInput;
import dev.teavec.core.encoding.StoredVectors;
import dev.teavec.core.store.VectorStorageFactory;

/** The {@code auto} index type: {@link AutoIndex}, flat while small, then HNSW. */
final class AutoType implements IndexType {
    static final AutoType INSTANCE = new AutoType();

    private AutoType() {
    }

    @Override
    public String name() {
        return IndexTypes.AUTO;
    }

    @Override
    public int formatVersion() {
        return AutoIndex.FORMAT_VERSION;
    }

    @Override
    public VectorIndex create(IndexConfig config, VectorStorageFactory storage) {
        return new AutoIndex(config, storage);
    }

    @Override
    public VectorIndex restore(IndexConfig config, int version, SavedIds ids, StoredVectors vectors, SectionInput state,
            VectorStorageFactory storage) {
        return AutoIndex.restore(config, version, ids, vectors, state, storage);
    }
}
