package dev.teavec.core.index;

import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.vector.Metric;

/** Creates the index a config asks for: the one entry point the JS binding needs. */
public final class IndexFactory {
    private IndexFactory() {
    }

    public static VectorIndex create(IndexConfig config) {
        return create(config, VectorStorageFactory.HEAP);
    }

    /** The index a config asks for, keeping its vectors where {@code storage} says. */
    public static VectorIndex create(IndexConfig config, VectorStorageFactory storage) {
        switch (config.indexType()) {
            case FLAT:
                return new FlatIndex(config, storage);
            case HNSW:
                return new HnswIndex(config, storage);
            default:
                return new AutoIndex(config, storage);
        }
    }

    /** An index with every default: AUTO, no quantization. */
    public static VectorIndex create(int dimensions, Metric metric) {
        return create(IndexConfig.builder(dimensions, metric).build());
    }
}
