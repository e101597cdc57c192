package dev.teavec.core.codec;

import dev.teavec.core.index.IndexParts;

/**
 * Section INDEX_STATE (format version 3): the index type's own state (a graph, a user type's bytes,
 * nothing for flat), in the format version CONFIG records; the type reads it back.
 */
final class StateSection implements SectionPayload {
    private final IndexParts.State state;
    /** Asked once: a user type's state may be costly to produce (its size is its bytes' length). */
    private final long size;

    StateSection(IndexParts.State state) {
        this.state = state;
        this.size = state.size();
    }

    @Override
    public int id() {
        return SectionIds.INDEX_STATE;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void write(SnapshotWriter out) {
        state.write(out);
    }
}
