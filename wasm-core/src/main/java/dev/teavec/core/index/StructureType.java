package dev.teavec.core.index;

import dev.teavec.core.codec.SectionInput;
import dev.teavec.core.encoding.StoredVectors;
import dev.teavec.core.store.VectorStorageFactory;

/**
 * An index type made of an {@link IndexStructure} that the engine wraps in a {@link ManagedIndex}:
 * a subclass says how to make a new structure and how to read one back from its snapshot state.
 * {@code flat} and {@code hnsw} are such types, and so is every index registered from JavaScript.
 */
public abstract class StructureType implements IndexType {
    private final String name;
    private final int formatVersion;

    protected StructureType(String name, int formatVersion) {
        IndexTypes.checkName(name);
        this.name = name;
        this.formatVersion = formatVersion;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int formatVersion() {
        return formatVersion;
    }

    /** An empty structure over the context's (empty) vectors. */
    protected abstract IndexStructure newStructure(IndexContext context);

    /**
     * The structure a snapshot holds, over the context's loaded vectors and ids, from {@code state}
     * (written by {@link IndexStructure#writeState} at format {@code version}), read to its last byte.
     */
    protected abstract IndexStructure readStructure(IndexContext context, int version, SectionInput state);

    @Override
    public final VectorIndex create(IndexConfig config, VectorStorageFactory storage) {
        return ManagedIndex.create(this, config, storage);
    }

    @Override
    public VectorIndex restore(IndexConfig config, int version, SavedIds ids, StoredVectors vectors,
            SectionInput state, VectorStorageFactory storage) {
        return ManagedIndex.restore(this, config, version, ids, vectors, state, storage);
    }
}
