package dev.teavec.core.codec;

/**
 * The header of a snapshot (docs/format.md), checked on its own before the rest is even copied: where
 * the bytes come from outside (JavaScript), garbage is then refused at once, not after a copy of its
 * whole length.
 */
public final class SnapshotHeader {
    /** Bytes of the header: what {@link #check} needs of the snapshot's start. */
    public static final int BYTES = SnapshotWriter.HEADER_BYTES;

    private SnapshotHeader() {
    }

    /**
     * Checks the header of a snapshot of {@code length} bytes, of either kind, whose first
     * {@code min(length, BYTES)} bytes {@code head} holds: magic, CRC, version, flags, the total length
     * against {@code length}, the section count. CORRUPT_SNAPSHOT as a full decode would report it.
     */
    public static void check(byte[] head, int length) {
        SnapshotBytes bytes = SnapshotBytes.of(head);
        SnapshotLayout.readHeader(new SnapshotReader(bytes, 0, length, "header"), bytes, 0, length, SnapshotLayout.ANY_KIND);
    }
}
