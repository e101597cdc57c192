package dev.teavec.core.error;

/**
 * Stable error codes. The names cross into JavaScript as {@code TeaVecError.code}: never rename one.
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
    INDEX_FREED
}
