package dev.teavec.core.codec;

/** One section to write: its frame fields, the exact payload size, and the payload itself. */
interface SectionPayload {
    int id();

    int version();

    /** Whether a reader that does not know this section may skip it. */
    boolean optional();

    /** Exact payload bytes {@link #write} will produce. */
    long size();

    void write(SnapshotWriter out);
}
