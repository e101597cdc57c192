package dev.teavec.bindings.simd;

import dev.teavec.core.store.CodeStorage;
import dev.teavec.core.store.FloatStorage;
import dev.teavec.core.store.VectorStorageFactory;

/** Vectors in Wasm linear memory, scored by the SIMD kernels: what the browser build uses when it can. */
public final class LinearMemoryStorage implements VectorStorageFactory {
    /** Linear memory and SIMD when the loader supplied the kernels, else the Java heap with scalar kernels. */
    public static VectorStorageFactory best() {
        return SimdKernels.enabled() != 0 ? new LinearMemoryStorage() : VectorStorageFactory.HEAP;
    }

    @Override
    public FloatStorage floats(int dimensions) {
        return new LinearFloatStorage(dimensions);
    }

    @Override
    public CodeStorage codes(int dimensions) {
        return new LinearCodeStorage(dimensions);
    }

    @Override
    public String kernels() {
        return "simd";
    }
}
