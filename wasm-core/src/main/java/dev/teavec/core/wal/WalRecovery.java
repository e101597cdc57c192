package dev.teavec.core.wal;

import java.util.Collections;
import java.util.List;

/**
 * What reading a log found besides its valid records: what was cut and why, which records the checkpoint
 * already covered, where the state ends, and each segment's start (to decide which segments a later
 * checkpoint makes unnecessary).
 */
public final class WalRecovery {
    private final long checkpointSeq;
    private final long lastSeq;
    private final int covered;
    private final List<DroppedBytes> dropped;
    private final int[] segmentIds;
    private final long[] segmentStarts;
    private final int[] segmentGenerations;
    private final boolean lastSegmentUsable;

    WalRecovery(long checkpointSeq, long lastSeq, int covered, List<DroppedBytes> dropped, int[] segmentIds,
            long[] segmentStarts, int[] segmentGenerations, boolean lastSegmentUsable) {
        this.checkpointSeq = checkpointSeq;
        this.lastSeq = lastSeq;
        this.covered = covered;
        this.dropped = Collections.unmodifiableList(dropped);
        this.segmentIds = segmentIds;
        this.segmentStarts = segmentStarts;
        this.segmentGenerations = segmentGenerations;
        this.lastSegmentUsable = lastSegmentUsable;
    }

    /** The sequence number the loaded checkpoint covers (0 without a checkpoint). */
    public long checkpointSeq() {
        return checkpointSeq;
    }

    /** Sequence number of the last record in the recovered state: the next record gets lastSeq + 1. */
    public long lastSeq() {
        return lastSeq;
    }

    /** Valid records skipped because the checkpoint already holds them. */
    public int covered() {
        return covered;
    }

    public List<DroppedBytes> dropped() {
        return dropped;
    }

    public boolean isClean() {
        return dropped.isEmpty();
    }

    public int segmentCount() {
        return segmentIds.length;
    }

    public int segmentId(int i) {
        return segmentIds[i];
    }

    /** The sequence number segment {@code i} continues from (its SegmentStart's), or -1 when it has none that is valid. */
    public long segmentStart(int i) {
        return segmentStarts[i];
    }

    /** The checkpoint generation segment {@code i} builds on, or -1 when it has no valid start. */
    public int segmentGeneration(int i) {
        return segmentGenerations[i];
    }

    /**
     * Whether new records may be appended to the last segment: it exists, starts validly and nothing of it
     * was cut. Otherwise the writer starts a new segment (appending after cut bytes would hide the new records
     * behind them).
     */
    public boolean lastSegmentUsable() {
        return lastSegmentUsable;
    }
}
