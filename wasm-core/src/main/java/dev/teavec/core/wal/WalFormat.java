package dev.teavec.core.wal;

/**
 * The write-ahead log's record frame (docs/format.md, "Write-ahead log"). A log is a list of segments;
 * a segment is records laid end to end, the first of them a {@link SegmentStart}:
 *
 * <pre>
 * 0   u32  payload length n (at most {@link #MAX_PAYLOAD})
 * 4   u8   operation ({@link WalOp})
 * 5   u8   flags, 0
 * 6   u16  reserved, 0
 * 8   i64  sequence number, at least 0
 * 16  n    payload
 * 16+n u32 CRC-32 of bytes 0 .. 16+n
 * </pre>
 *
 * The checksum comes last, so a record is only valid once every byte of it reached storage.
 */
public final class WalFormat {
    /** Version of the log format, written in every {@link SegmentStart}. */
    public static final int VERSION = 1;
    public static final int HEADER_BYTES = 16;
    public static final int CRC_BYTES = 4;
    /** Bytes a record takes besides its payload. */
    public static final int FRAME_BYTES = HEADER_BYTES + CRC_BYTES;
    /**
     * 64 MiB: a record is held in one Java array on replay (a Wasm GC array holds at most 2^27 elements).
     * A larger batch has to be split by its caller, which then gives up its atomicity.
     */
    public static final int MAX_PAYLOAD = 1 << 26;

    private WalFormat() {
    }
}
