package dev.teavec.core.wal;

import dev.teavec.core.codec.Crc32;
import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;

/**
 * The 32 bytes in front of a checkpoint's snapshot in a checkpoint file (file and OPFS storage; IndexedDB
 * keeps the same facts in its manifest):
 *
 * <pre>
 * 0   4 bytes  magic "TVCK"
 * 4   u16      version 1
 * 6   u16      flags 0
 * 8   u32      generation, at least 1
 * 12  i64      sequence number of the last log record the snapshot holds
 * 20  u32      snapshot length
 * 24  u32      CRC-32 of the snapshot
 * 28  u32      CRC-32 of bytes 0..27
 * </pre>
 */
public final class CheckpointHeader {
    public static final int BYTES = 32;
    static final int MAGIC = 0x4B435654; // "TVCK" read as a little-endian int
    static final int VERSION = 1;

    private final int generation;
    private final long seq;
    private final int length;
    private final int crc;

    public CheckpointHeader(int generation, long seq, int length, int crc) {
        if (generation < 1 || seq < 0 || length < 0) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "a checkpoint has a generation of at least 1, a"
                    + " sequence number and a length of at least 0");
        }
        this.generation = generation;
        this.seq = seq;
        this.length = length;
        this.crc = crc;
    }

    public int generation() {
        return generation;
    }

    public long seq() {
        return seq;
    }

    public int length() {
        return length;
    }

    /** CRC-32 of the snapshot bytes. */
    public int crc() {
        return crc;
    }

    public byte[] encode() {
        byte[] b = new byte[BYTES];
        put(b, 0, MAGIC);
        put(b, 4, VERSION);
        put(b, 8, generation);
        put(b, 12, (int) seq);
        put(b, 16, (int) (seq >>> 32));
        put(b, 20, length);
        put(b, 24, crc);
        put(b, 28, Crc32.update(0, b, 0, 28));
        return b;
    }

    /**
     * The header at the start of {@code b}, for a file of {@code fileLength} bytes; CORRUPT_SNAPSHOT saying
     * what is wrong when it is not a complete, intact header of a checkpoint whose snapshot fills the file.
     */
    public static CheckpointHeader decode(byte[] b, long fileLength) {
        if (b.length < BYTES || fileLength < BYTES) {
            throw corrupt("the file has " + fileLength + " bytes, less than a checkpoint header");
        }
        if (WalReader.i32(b, 0) != MAGIC) {
            throw corrupt("not a TeaVec checkpoint (bad magic)");
        }
        if (WalReader.i32(b, 28) != Crc32.update(0, b, 0, 28)) {
            throw corrupt("the checkpoint header's CRC-32 does not match");
        }
        int version = WalReader.i32(b, 4);
        if (version != VERSION) {
            throw corrupt("checkpoint version " + (version & 0xFFFF) + ", flags " + (version >>> 16)
                    + "; this reader knows version " + VERSION + " without flags");
        }
        int generation = WalReader.i32(b, 8);
        long seq = WalReader.i64(b, 12);
        int length = WalReader.i32(b, 20);
        if (generation < 1 || seq < 0 || length < 0) {
            throw corrupt("generation " + generation + ", sequence number " + seq + ", length " + length);
        }
        if (fileLength != BYTES + (long) length) {
            throw corrupt("the header announces " + length + " snapshot bytes, the file holds " + (fileLength - BYTES));
        }
        return new CheckpointHeader(generation, seq, length, WalReader.i32(b, 24));
    }

    private static void put(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
        b[p + 2] = (byte) (v >>> 16);
        b[p + 3] = (byte) (v >>> 24);
    }

    private static TeaVecException corrupt(String problem) {
        return new TeaVecException(ErrorCode.CORRUPT_SNAPSHOT, problem);
    }
}
