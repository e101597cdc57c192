package dev.teavec.core.codec;

/** One section to write: its frame fields, the exact payload size, and the payload itself. */
interface SectionPayload {
    int id();

    /** The section's own layout version; each section kind starts at 1. */
    default int version() {
        return 1;
    }

    /** Whether a reader that does not know this section may skip it: sections are required unless they say so. */
    default boolean optional() {
        return false;
    }

    /** Exact payload bytes {@link #write} will produce. */
    long size();

    void write(SnapshotWriter out);
}
