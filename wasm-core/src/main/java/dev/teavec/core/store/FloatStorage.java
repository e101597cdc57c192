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

    /**
     * Appends {@code count} vectors stored as little-endian float32, {@link #dimensions()} each, end to end
     * at {@code [pos, pos + 4 · dimensions · count)} of {@code source}, as they are (no check): what a snapshot
     * load does before it checks and scores them. Storages that can copy runs of rows at once override it.
     */
    default void appendRows(RowSource source, int pos, int count) {
        int dim = dimensions();
        float[] v = new float[dim];
        int step = RowSource.rowsPerRead(4 * dim);
        for (int done = 0; done < count; done += step) {
            int n = Math.min(step, count - done);
            byte[] b = source.read(pos + 4 * dim * done, 4 * dim * n);
            for (int r = 0, at = 0; r < n; r++) {
                for (int i = 0; i < dim; i++, at += 4) {
                    v[i] = Float.intBitsToFloat((b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16
                            | b[at + 3] << 24);
                }
                add(v);
            }
        }
    }

    /** Replaces vector {@code ord} with {@code v} (length {@link #dimensions()}). */
    void set(int ord, float[] v);

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
