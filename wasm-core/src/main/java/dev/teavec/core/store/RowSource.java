package dev.teavec.core.store;

/**
 * Where a snapshot's bytes are held, for storages that copy whole runs of stored vectors at once
 * ({@link FloatStorage#appendRows}, {@link CodeStorage#appendRows}): on the JVM the snapshot's Java arrays;
 * in the browser build the JavaScript bytes it was loaded from, which a storage in Wasm linear memory copies
 * in with one typed-array copy per run instead of element by element through Java arrays.
 */
public interface RowSource {
    /** A new array holding bytes {@code [pos, pos + len)}. */
    byte[] read(int pos, int len);

    /** Rows read at a time by the element-wise fallbacks: about 1 MiB. */
    static int rowsPerRead(int rowBytes) {
        return Math.max(1, (1 << 20) / Math.max(1, rowBytes));
    }
}
