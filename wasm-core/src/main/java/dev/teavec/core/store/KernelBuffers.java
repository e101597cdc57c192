package dev.teavec.core.store;

/**
 * What every distance kernel owns besides the vectors it reads: its own buffers (query, weights, tables, batch
 * scratch), outside the Java heap where the kernel runs over Wasm linear memory, nothing to return on the heap.
 */
public interface KernelBuffers {
    /**
     * Bytes of the kernel's own buffers outside the Java heap, for the accounting that {@code checkIntegrity}
     * aids use; 0 where the garbage collector owns them.
     */
    default long bytesUsed() {
        return 0;
    }

    /**
     * Returns the kernel's own buffers (never the storage's vectors or codes) now; it must not be used afterwards.
     * Again is a no-op. Called by the scorer that owns the kernel.
     */
    default void release() {
    }
}
