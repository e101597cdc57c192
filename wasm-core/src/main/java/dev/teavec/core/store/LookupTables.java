package dev.teavec.core.store;

/**
 * A PQ quantizer's centroids where the {@link LookupKernel}s of one code storage fill their tables from (the Java
 * arrays themselves, or a copy in Wasm linear memory), shared by those kernels and owned by whoever made it (the
 * PQ vectors: made by {@link CodeStorage#newLookupTables}, released with the codes).
 */
public interface LookupTables {
    /** A new kernel over the storage that made these tables, holding its own query table. */
    LookupKernel newKernel();

    /** Bytes outside the Java heap (see {@link KernelBuffers#bytesUsed}). */
    default long bytesUsed() {
        return 0;
    }

    /** Returns them now; kernels made from them must not be used afterwards. Again is a no-op. */
    default void release() {
    }
}
