package dev.teavec.core.wal;

/**
 * Bytes of a segment that the log reader cut and did not apply: from {@link #offset} to the segment's end.
 * Everything after a damaged record is dropped with it, since applying later records without it would
 * give a state that never existed.
 */
public final class DroppedBytes {
    /** The bytes end inside a record: a write that did not complete (a crash, a full disk). */
    public static final String TORN = "torn";
    /** A complete record whose CRC-32 does not match: damaged after it was written. */
    public static final String CHECKSUM = "checksum";
    /** A record whose CRC matches but whose fields or payload break the format's rules. */
    public static final String MALFORMED = "malformed";
    /** A valid record of an operation this reader does not know: written by a newer TeaVec. */
    public static final String UNKNOWN_OPERATION = "unknown-operation";
    /** A sequence number that does not follow the previous record's. */
    public static final String SEQUENCE = "sequence";
    /** The segment continues from a later record than the log and checkpoint hold: records are missing. */
    public static final String GAP = "gap";

    private final int segment;
    private final int offset;
    private final int bytes;
    private final int records;
    private final long seq;
    private final String reason;
    private final String detail;

    DroppedBytes(int segment, int offset, int bytes, int records, long seq, String reason, String detail) {
        this.segment = segment;
        this.offset = offset;
        this.bytes = bytes;
        this.records = records;
        this.seq = seq;
        this.reason = reason;
        this.detail = detail;
    }

    public int segment() {
        return segment;
    }

    public int offset() {
        return offset;
    }

    public int bytes() {
        return bytes;
    }

    /** Record frames in the dropped bytes, as far as their length fields can be followed (a torn one is not counted). */
    public int records() {
        return records;
    }

    /** Sequence number the first dropped record claims, or -1 when its header is unreadable or damaged. */
    public long seq() {
        return seq;
    }

    public String reason() {
        return reason;
    }

    public String detail() {
        return detail;
    }

    @Override
    public String toString() {
        return "segment " + segment + " at byte " + offset + ": " + bytes + " bytes, " + records + " records dropped ("
                + reason + ": " + detail + ")";
    }
}
