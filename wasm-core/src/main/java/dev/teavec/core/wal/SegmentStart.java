package dev.teavec.core.wal;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;

/**
 * The first record of every segment. Its sequence number is that of the last record before the segment
 * (it does not take a number of its own); {@link #generation} is the checkpoint generation the log builds
 * on from here (0: none yet). Payload: u16 log format version, u16 reserved 0, u32 generation.
 */
public final class SegmentStart extends WalOperation {
    private final int generation;

    public SegmentStart(int generation) {
        if (generation < 0) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "a generation is at least 0, got " + generation);
        }
        this.generation = generation;
    }

    public int generation() {
        return generation;
    }

    @Override
    public int op() {
        return WalOp.SEGMENT_START;
    }

    @Override
    long payloadSize() {
        return 8;
    }

    @Override
    void write(WalBuffer out) {
        out.u16(WalFormat.VERSION);
        out.u16(0);
        out.i32(generation);
    }

    static SegmentStart read(WalPayloadReader in) {
        int version = in.u16("the log format version");
        if (version != WalFormat.VERSION) {
            throw in.malformed("log format version " + version + (version > WalFormat.VERSION
                    ? ": written by a newer TeaVec" : "") + "; this reader knows version " + WalFormat.VERSION);
        }
        if (in.u16("reserved") != 0) {
            throw in.malformed("reserved bits are set");
        }
        int generation = in.i32("the generation");
        if (generation < 0) {
            throw in.malformed("the generation is negative");
        }
        return new SegmentStart(generation);
    }
}
