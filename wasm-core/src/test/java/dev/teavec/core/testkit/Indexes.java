package dev.teavec.core.testkit;

import dev.teavec.core.encoding.Sq8Vectors;
import dev.teavec.core.index.AutoIndex;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.index.IndexTypes;
import dev.teavec.core.index.ManagedIndex;
import dev.teavec.core.index.VectorIndex;
import dev.teavec.core.vector.Metric;

/** Indexes of the built-in types for tests, made through the registry as the engine makes them. */
public final class Indexes {
    private Indexes() {
    }

    /** An exact flat index: the oracle. */
    public static VectorIndex flat(int dims, Metric metric) {
        return flat(IndexConfig.builder(dims, metric).indexType(IndexTypes.FLAT).build());
    }

    public static VectorIndex flat(IndexConfig config) {
        return IndexTypes.BUILT_IN.create(config);
    }

    /** An index of the type {@code config} names (hnsw for these tests), with its stored vectors in view. */
    public static ManagedIndex hnsw(IndexConfig config) {
        return (ManagedIndex) IndexTypes.BUILT_IN.create(config);
    }

    public static AutoIndex auto(IndexConfig config) {
        return (AutoIndex) IndexTypes.BUILT_IN.create(config);
    }

    /** Whether the index's vectors are SQ8 codes yet. */
    public static boolean isQuantized(VectorIndex index) {
        return ((ManagedIndex) index).storedVectors() instanceof Sq8Vectors
                && ((Sq8Vectors) ((ManagedIndex) index).storedVectors()).isTrained();
    }

    /** Calibrations the index's SQ8 codes went through (0 before training, and for float32). */
    public static int calibrations(VectorIndex index) {
        return ((ManagedIndex) index).storedVectors() instanceof Sq8Vectors
                ? ((Sq8Vectors) ((ManagedIndex) index).storedVectors()).calibrations() : 0;
    }
}
