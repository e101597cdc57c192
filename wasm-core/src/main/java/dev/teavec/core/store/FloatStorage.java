package dev.teavec.core.store;

/**
 * Float32 vectors by dense ordinal, plus the distance kernels that read them where they live. The
 * engine sees vectors only through this seam: on the JVM (and wherever Wasm SIMD is missing) they sit
 * in Java arrays ({@link FloatVectorStore}) and scalar kernels score them; in the browser build they
 * sit in Wasm linear memory and SIMD kernels score them (js-bindings). Both give bit-identical results,
 * see {@link dev.teavec.core.vector.VectorOps}.
 */
public interface FloatStorage {
    int dimensions();

    int size();

    /** Appends a copy of {@code v} (length {@link #dimensions()}) and returns its ordinal. */
    int add(float[] v);

    /**
     * A hint that the storage will hold {@code count} vectors in all (a snapshot load knows it): storages
     * that grow by doubling may allocate the room at once instead. Holds no vector by itself.
     */
    default void reserve(int count) {
    }

    /** Copies vector {@code ord} into {@code out[0..dimensions)}. */
    void read(int ord, float[] out);

    /** A new, empty storage of the same kind and dimensions. */
    FloatStorage newEmpty();

    /** A new kernel over this storage, holding its own query. */
    FloatKernel newKernel();

    /** Bytes held (allocated capacity). */
    long bytesUsed();

    /**
     * Returns memory the garbage collector cannot reclaim (the browser build's Wasm linear memory) now;
     * the storage and its kernels must not be used afterwards. Again is a no-op; nothing to do on the
     * Java heap. Called by the storage's owner (see {@link dev.teavec.core.score.ScoringVectors#release}).
     */
    default void release() {
    }
}
