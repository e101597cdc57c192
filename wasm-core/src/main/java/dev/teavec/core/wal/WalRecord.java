package dev.teavec.core.wal;

/** One valid record read back from a log: its sequence number, where it was, what it says. */
public final class WalRecord {
    private final long seq;
    private final int segment;
    private final int offset;
    private final WalOperation operation;

    WalRecord(long seq, int segment, int offset, WalOperation operation) {
        this.seq = seq;
        this.segment = segment;
        this.offset = offset;
        this.operation = operation;
    }

    public long seq() {
        return seq;
    }

    /** The id of the segment holding it. */
    public int segment() {
        return segment;
    }

    public int offset() {
        return offset;
    }

    public int op() {
        return operation.op();
    }

    public WalOperation operation() {
        return operation;
    }
}
