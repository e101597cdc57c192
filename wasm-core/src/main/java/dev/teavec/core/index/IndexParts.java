package dev.teavec.core.index;

import dev.teavec.core.codec.SectionOutput;
import dev.teavec.core.encoding.StoredVectors;

/**
 * An index as a snapshot writes it (docs/format.md): its config (the type's name is
 * {@link IndexConfig#indexType()}), the format version of its type's state, its ids and tombstones,
 * its stored vectors (which write themselves, with their encoding's name and version) and its type's
 * own state. Read-only views of the live index: write them before changing it again.
 */
public final class IndexParts {
    /** A type's own snapshot state: the exact byte count first, then the bytes. */
    public interface State {
        long size();

        void write(SectionOutput out);
    }

    private final IndexConfig config;
    private final int formatVersion;
    private final SavedIds ids;
    private final StoredVectors vectors;
    private final State state;

    public IndexParts(IndexConfig config, int formatVersion, SavedIds ids, StoredVectors vectors, State state) {
        this.config = config;
        this.formatVersion = formatVersion;
        this.ids = ids;
        this.vectors = vectors;
        this.state = state;
    }

    public IndexConfig config() {
        return config;
    }

    /** The format version of {@link #state()}, as the index type reports it. */
    public int formatVersion() {
        return formatVersion;
    }

    public SavedIds ids() {
        return ids;
    }

    public StoredVectors vectors() {
        return vectors;
    }

    public State state() {
        return state;
    }
}
