package dev.teavec.core.encoding;

import dev.teavec.core.codec.SectionInput;
import dev.teavec.core.index.IndexConfig;
import dev.teavec.core.store.VectorStorageFactory;

/**
 * A way to store an index's vectors, registered by name in {@link VectorEncodings} (model: JVector's
 * VectorCompressor): it owns training (if any), encoding, the kernels that score the stored form (its
 * {@link dev.teavec.core.score.ScoringVectors}) and its snapshot payload, versioned by
 * {@link #formatVersion()}. The index keeps ids, tombstones and its structure; it sees vectors only
 * through {@link StoredVectors}. Adding an encoding: a class implementing this (and its StoredVectors),
 * one line in {@link VectorEncodings#BUILT_IN}, a row in docs/format.md.
 */
public interface VectorEncoding {
    /** The name configs ({@code quantization}) and snapshots use; stable. */
    String name();

    /** The version of the payload {@link StoredVectors#writeState} writes; readers accept 1..this. */
    int formatVersion();

    /** Whether vectors come back exactly as added (float32); quantized encodings may keep floats for re-ranking. */
    boolean exact();

    /** Empty stored vectors for {@code config}'s dimensions, metric and encoding settings, kept in {@code storage}. */
    StoredVectors create(IndexConfig config, VectorStorageFactory storage);

    /**
     * The stored vectors a snapshot payload of format {@code version} (at most {@link #formatVersion()})
     * holds: exactly {@code count} of them for {@code config}. Validates everything (CORRUPT_SNAPSHOT).
     */
    StoredVectors read(IndexConfig config, int version, int count, SectionInput in, VectorStorageFactory storage);
}
