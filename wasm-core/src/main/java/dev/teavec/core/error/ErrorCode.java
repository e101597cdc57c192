package dev.teavec.core.error;

/**
 * Stable error codes: the one list of them. The names cross into JavaScript as {@code TeaVecError.code}:
 * never rename one. The npm package's code list and its TypeScript {@code ErrorCode} union are generated
 * from this enum when the package is built, so a code added here needs no edit in any JS or .d.ts file.
 */
public enum ErrorCode {
    DIMENSION_MISMATCH,
    INVALID_VECTOR,
    INVALID_K,
    INVALID_CONFIG,
    UNKNOWN_ID,
    DUPLICATE_ID,
    INVALID_FILTER,
    CORRUPT_SNAPSHOT,
    QUOTA_EXCEEDED,
    CAPACITY_EXCEEDED,
    INVALID_ARGUMENT,
    /** The runtime lacks what the call needs (e.g. IndexedDB in Node). */
    NOT_SUPPORTED,
    /** The browser's storage failed for a reason other than quota (see the message). */
    STORAGE_ERROR,
    /** The index (or its database) was freed: its memory is returned and it can no longer be used. */
    INDEX_FREED,
    /** A call needed the engine before {@code init()} loaded it (raised by the JS package). */
    NOT_INITIALIZED,
    /** The engine's .wasm could not be fetched, compiled or instantiated, or does not match the JS (raised by the JS package). */
    LOAD_FAILED,
    /** Nothing is stored under the name or path asked for (a saved snapshot, a file). */
    NOT_FOUND,
    /**
     * A snapshot written by a newer TeaVec: its format version, a section's version or its index type's or
     * vector encoding's format version is above what this build reads (the message says which it reads).
     */
    SNAPSHOT_TOO_NEW,
    /** A config or a snapshot names an index type that is not registered (the message lists the registered ones). */
    UNKNOWN_INDEX_TYPE,
    /** An embedding function failed or returned something other than one finite vector per text (teavec/embeddings). */
    EMBEDDING_FAILED,
    /**
     * A write to a database opened read-only: another tab or worker holds its writer lock and this one follows
     * its changes (openDatabase's {@code onLocked: 'readonly'}).
     */
    READ_ONLY,
    /**
     * The browser discarded this site's stored data (Chromium deletes an origin's whole IndexedDB when it finds its
     * LevelDB files damaged, and says so once, on the next open): what was saved is gone (docs/indexeddb.md).
     */
    STORAGE_LOST
}
