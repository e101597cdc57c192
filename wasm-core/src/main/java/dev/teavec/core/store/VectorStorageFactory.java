package dev.teavec.core.store;

/**
 * Where an index keeps its vectors. {@link #HEAP} (Java arrays, scalar kernels) is the default and the
 * fallback; the browser build supplies one backed by Wasm linear memory and SIMD kernels, which the
 * garbage collector cannot reclaim: such a factory serves one index and {@link #release()} returns
 * the memory of everything it made.
 */
public interface VectorStorageFactory {
    /** Java arrays in chunks with scalar kernels: the JVM, and runtimes without Wasm SIMD. */
    VectorStorageFactory HEAP = new VectorStorageFactory() {
        @Override
        public FloatStorage floats(int dimensions) {
            return new FloatVectorStore(dimensions);
        }

        @Override
        public CodeStorage codes(int dimensions) {
            return new ByteVectorStore(dimensions);
        }

        @Override
        public String kernels() {
            return "scalar";
        }
    };

    FloatStorage floats(int dimensions);

    CodeStorage codes(int dimensions);

    /** Which kernels score these vectors ("scalar", "simd"): reported to JS for diagnostics and tests. */
    String kernels();

    /**
     * Returns the memory of every storage and kernel this factory made, which must not be used
     * afterwards; calling it again does nothing. Nothing to do for memory the garbage collector owns.
     */
    default void release() {
    }

    /**
     * Bytes of every storage and kernel buffer this factory made that is still held, or -1 where the
     * garbage collector owns them and nothing is counted. With an index's storages and scorers released
     * as they become garbage, this equals the index's {@code storageBytes()}: an integrity aid.
     */
    default long bytesHeld() {
        return -1;
    }
}
