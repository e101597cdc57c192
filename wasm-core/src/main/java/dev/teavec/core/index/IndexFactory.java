package dev.teavec.core.index;

import dev.teavec.core.vector.Metric;

/** Creates the index a config asks for: the one entry point the JS binding needs. */
public final class IndexFactory {
    private IndexFactory() {
    }

    public static VectorIndex create(IndexConfig config) {
        switch (config.indexType()) {
            case FLAT:
                return new FlatIndex(config);
            case HNSW:
                return new HnswIndex(config);
            default:
                return new AutoIndex(config);
        }
    }

    /** An index with every default: AUTO, no quantization. */
    public static VectorIndex create(int dimensions, Metric metric) {
        return create(IndexConfig.builder(dimensions, metric).build());
    }
}
