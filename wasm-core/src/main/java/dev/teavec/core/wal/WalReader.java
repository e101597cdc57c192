package dev.teavec.core.wal;

import dev.teavec.core.codec.Crc32;
import dev.teavec.core.error.TeaVecException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a log: its segments oldest first, each cut at its first bad record, and the valid records that
 * follow the checkpoint. Rules (docs/format.md, "Write-ahead log"):
 * <ul>
 * <li>a segment is records end to end, the first a {@link SegmentStart}; any record that is torn, fails its
 *     CRC, breaks a rule of the format or does not follow the previous record's sequence number ends the
 *     segment: it and everything after it in the segment are dropped and reported;</li>
 * <li>a segment's start continues the log when its sequence number is the last one read so far, or lies
 *     between it and the checkpoint's (those records are in the checkpoint). A start beyond both means
 *     records are missing: the whole segment is dropped ({@link DroppedBytes#GAP});</li>
 * <li>records the checkpoint covers (sequence number at most its) are skipped, the others returned; a covered
 *     record's payload is not decoded (its frame, CRC-32 and sequence number are checked).</li>
 * </ul>
 * Nothing is ever returned that follows a dropped record without a valid segment start re-establishing
 * the sequence: a cut never lets a later record apply to a state it was not written against.
 */
public final class WalReader {
    private static final long NONE = Long.MIN_VALUE;

    private final long checkpointSeq;
    private final List<WalRecord> records = new ArrayList<>();
    private final List<DroppedBytes> dropped = new ArrayList<>();
    private long prev = NONE;
    private int covered;

    private WalReader(long checkpointSeq) {
        this.checkpointSeq = checkpointSeq;
    }

    /**
     * Reads {@code segments} (their bytes, oldest first, named by {@code ids}) after a checkpoint that covers
     * the records up to {@code checkpointSeq} (0 without a checkpoint).
     */
    public static WalContents read(byte[][] segments, int[] ids, long checkpointSeq) {
        if (ids.length != segments.length || checkpointSeq < 0) {
            throw new IllegalArgumentException("one id per segment and a checkpoint sequence number of at least 0");
        }
        WalReader reader = new WalReader(checkpointSeq);
        int n = segments.length;
        long[] starts = new long[n];
        int[] generations = new int[n];
        boolean lastUsable = false;
        for (int i = 0; i < n; i++) {
            starts[i] = -1;
            generations[i] = -1;
            int droppedBefore = reader.dropped.size();
            reader.segment(segments[i], ids[i], starts, generations, i);
            lastUsable = reader.dropped.size() == droppedBefore && starts[i] >= 0;
        }
        long last = reader.prev == NONE ? checkpointSeq : Math.max(checkpointSeq, reader.prev);
        return new WalContents(reader.records, new WalRecovery(checkpointSeq, last, reader.covered, reader.dropped,
                ids.clone(), starts, generations, lastUsable));
    }

    private void segment(byte[] b, int id, long[] starts, int[] generations, int index) {
        int pos = 0;
        while (pos < b.length) {
            int left = b.length - pos;
            if (left < WalFormat.HEADER_BYTES) {
                drop(b, id, pos, -1, DroppedBytes.TORN, "the bytes end inside a record header");
                return;
            }
            long length = i32(b, pos) & 0xFFFFFFFFL;
            int op = b[pos + 4] & 0xFF;
            long seq = i64(b, pos + 8);
            if (length > WalFormat.MAX_PAYLOAD) {
                drop(b, id, pos, -1, DroppedBytes.MALFORMED, "a payload length of " + length + " bytes (at most "
                        + WalFormat.MAX_PAYLOAD + ")");
                return;
            }
            int end = pos + WalFormat.HEADER_BYTES + (int) length;
            if (length + WalFormat.FRAME_BYTES > left) {
                drop(b, id, pos, -1, DroppedBytes.TORN, "the bytes end inside a record of " + (length
                        + WalFormat.FRAME_BYTES) + " bytes (" + left + " present)");
                return;
            }
            if (Crc32.update(0, b, pos, end - pos) != i32(b, end)) {
                drop(b, id, pos, -1, DroppedBytes.CHECKSUM, "the record's CRC-32 does not match");
                return;
            }
            if (b[pos + 5] != 0 || b[pos + 6] != 0 || b[pos + 7] != 0 || seq < 0) {
                drop(b, id, pos, seq, DroppedBytes.MALFORMED, seq < 0 ? "a negative sequence number"
                        : "reserved header bits are set");
                return;
            }
            if (!WalOp.isKnown(op)) {
                drop(b, id, pos, seq, DroppedBytes.UNKNOWN_OPERATION, WalOp.name(op)
                        + " (written by a newer TeaVec?)");
                return;
            }
            boolean first = pos == 0;
            if (first != (op == WalOp.SEGMENT_START)) {
                drop(b, id, pos, seq, DroppedBytes.MALFORMED, first ? "the segment does not begin with a segment start"
                        : "a segment start inside a segment");
                return;
            }
            // A record the checkpoint covers is never applied: its frame, CRC and sequence number are all that
            // matter, and a reopen after a first checkpoint would otherwise decode the whole log again.
            boolean coveredRecord = !first && seq <= checkpointSeq;
            WalOperation operation = null;
            if (!coveredRecord) {
                try {
                    operation = WalOperation.read(op, new WalPayloadReader(b, pos + WalFormat.HEADER_BYTES, end));
                } catch (TeaVecException e) {
                    drop(b, id, pos, seq, DroppedBytes.MALFORMED, WalOp.name(op) + ": " + e.getMessage());
                    return;
                }
            }
            if (first) {
                long bound = prev == NONE ? checkpointSeq : Math.max(prev, checkpointSeq);
                if (prev != NONE && seq < prev) {
                    drop(b, id, pos, seq, DroppedBytes.SEQUENCE, "the segment continues from record " + seq
                            + ", but the log before it reached " + prev);
                    return;
                }
                if (seq > bound) {
                    drop(b, id, pos, seq, DroppedBytes.GAP, "the segment continues from record " + seq
                            + ", but the checkpoint and the log before it end at " + bound + ": records " + (bound + 1)
                            + ".." + seq + " are missing");
                    return;
                }
                starts[index] = seq;
                generations[index] = ((SegmentStart) operation).generation();
            } else if (seq != prev + 1) {
                drop(b, id, pos, seq, DroppedBytes.SEQUENCE, "record " + seq + " follows record " + prev);
                return;
            } else if (seq > checkpointSeq) {
                records.add(new WalRecord(seq, id, pos, operation));
            } else {
                covered++;
            }
            prev = seq;
            pos = end + WalFormat.CRC_BYTES;
        }
    }

    private void drop(byte[] b, int id, int pos, long seq, String reason, String detail) {
        dropped.add(new DroppedBytes(id, pos, b.length - pos, framesFrom(b, pos), seq, reason, detail));
    }

    /** Whole record frames from {@code pos}, following length fields only. */
    private static int framesFrom(byte[] b, int pos) {
        int count = 0;
        while (b.length - pos >= WalFormat.FRAME_BYTES) {
            long length = i32(b, pos) & 0xFFFFFFFFL;
            if (length > WalFormat.MAX_PAYLOAD || length + WalFormat.FRAME_BYTES > b.length - pos) {
                break;
            }
            count++;
            pos += WalFormat.FRAME_BYTES + (int) length;
        }
        return count;
    }

    static int i32(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | b[p + 3] << 24;
    }

    static long i64(byte[] b, int p) {
        return (i32(b, p) & 0xFFFFFFFFL) | (long) i32(b, p + 4) << 32;
    }
}
