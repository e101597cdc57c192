package dev.teavec.core.index;

import dev.teavec.core.codec.SectionInput;
import dev.teavec.core.encoding.StoredVectors;
import dev.teavec.core.store.VectorStorageFactory;

/**
 * A kind of index, registered by name in {@link IndexTypes} (model: Lucene's named, versioned formats).
 * Most types are a {@link StructureType}: an {@link IndexStructure} the engine wraps. A snapshot records
 * the type's name and {@link #formatVersion()} in its CONFIG section; loading one whose type is not
 * registered fails with UNKNOWN_INDEX_TYPE, one of a newer format version with SNAPSHOT_TOO_NEW.
 */
public interface IndexType {
    /** The name configs ({@code indexType}) and snapshots use: see {@link IndexTypes#isName}. */
    String name();

    /** The version of the state this type writes; it reads every version from 1 up to this. */
    int formatVersion();

    /** A new empty index for {@code config} (whose indexType is this type's name), keeping vectors in {@code storage}. */
    VectorIndex create(IndexConfig config, VectorStorageFactory storage);

    /**
     * The index a snapshot holds: its ids, stored vectors (read by their encoding) and this type's state
     * of format {@code version} (at most {@link #formatVersion()}), which it must read to its last byte.
     * Fails with CORRUPT_SNAPSHOT ({@link SectionInput#corrupt}) on anything inconsistent.
     */
    VectorIndex restore(IndexConfig config, int version, SavedIds ids, StoredVectors vectors, SectionInput state,
            VectorStorageFactory storage);
}
