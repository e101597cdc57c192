package dev.teavec.bindings.simd;

import dev.teavec.core.store.CodeStorage;
import dev.teavec.core.store.FloatStorage;
import dev.teavec.core.store.VectorStorageFactory;

/**
 * Vectors in Wasm linear memory, scored by the SIMD kernels: what the browser build uses when it can.
 * One instance per index: it records every block that index's storages and kernels take, and
 * {@link #release()} returns them all (the JS wrapper's {@code free()}).
 */
public final class LinearMemoryStorage implements VectorStorageFactory {
    private final LinearArena arena = new LinearArena();

    /**
     * A new factory for one index: linear memory and SIMD when the loader supplied the kernels, else the
     * Java heap with scalar kernels (shared, nothing to release).
     */
    public static VectorStorageFactory best() {
        return SimdKernels.enabled() != 0 ? new LinearMemoryStorage() : VectorStorageFactory.HEAP;
    }

    @Override
    public FloatStorage floats(int dimensions) {
        return new LinearFloatStorage(arena, dimensions);
    }

    @Override
    public CodeStorage codes(int dimensions) {
        return new LinearCodeStorage(arena, dimensions);
    }

    @Override
    public String kernels() {
        return "simd";
    }

    @Override
    public void release() {
        arena.release();
    }

    @Override
    public long bytesHeld() {
        return arena.liveBytes();
    }
}
