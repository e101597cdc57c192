package dev.teavec.core.wal;

import dev.teavec.core.codec.Crc32;
import dev.teavec.core.codec.Wtf8Text;
import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;

/**
 * Records being written: a growable little-endian byte buffer. {@link #append} adds one framed record
 * (several appended records make one write of a group commit).
 */
public final class WalBuffer {
    private byte[] data;
    private int size;

    public WalBuffer(int capacity) {
        data = new byte[Math.max(capacity, 64)];
    }

    public int size() {
        return size;
    }

    /** The backing array; bytes {@code 0..size()} are the records. */
    public byte[] array() {
        return data;
    }

    public void clear() {
        size = 0;
    }

    /**
     * Appends the record {@code (seq, operation)}: header, payload, CRC-32. CAPACITY_EXCEEDED (and nothing
     * appended) when the payload is larger than {@link WalFormat#MAX_PAYLOAD}.
     */
    public void append(long seq, WalOperation operation) {
        long payload = operation.payloadSize();
        if (payload > WalFormat.MAX_PAYLOAD) {
            throw new TeaVecException(ErrorCode.CAPACITY_EXCEEDED, "a " + WalOp.name(operation.op())
                    + " log record holds at most " + WalFormat.MAX_PAYLOAD + " bytes; this one needs " + payload
                    + " (split the batch)");
        }
        if (seq < 0) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "a sequence number is at least 0, got " + seq);
        }
        int start = size;
        ensure(WalFormat.FRAME_BYTES + payload);
        i32((int) payload);
        u8(operation.op());
        u8(0);
        u16(0);
        i64(seq);
        operation.write(this);
        assert size - start == WalFormat.HEADER_BYTES + payload : "payload size of " + WalOp.name(operation.op());
        i32(Crc32.update(0, data, start, size - start));
    }

    private void ensure(long more) {
        long needed = size + more;
        if (needed > data.length) {
            if (needed > Integer.MAX_VALUE - 64) {
                throw new TeaVecException(ErrorCode.CAPACITY_EXCEEDED, "log records waiting to be written exceed 2 GiB");
            }
            byte[] bigger = new byte[(int) Math.max(needed, Math.min(Integer.MAX_VALUE - 64L, 2L * data.length))];
            System.arraycopy(data, 0, bigger, 0, size);
            data = bigger;
        }
    }

    void u8(int v) {
        data[size++] = (byte) v;
    }

    void u16(int v) {
        u8(v);
        u8(v >>> 8);
    }

    void i32(int v) {
        data[size] = (byte) v;
        data[size + 1] = (byte) (v >>> 8);
        data[size + 2] = (byte) (v >>> 16);
        data[size + 3] = (byte) (v >>> 24);
        size += 4;
    }

    void i64(long v) {
        i32((int) v);
        i32((int) (v >>> 32));
    }

    void floats(float[] src, int off, int len) {
        for (int i = 0; i < len; i++) {
            i32(Float.floatToRawIntBits(src[off + i]));
        }
    }

    /** A u32 byte length and the text in WTF-8 (the snapshot's string encoding). */
    void text(String s) {
        int len = Wtf8Text.byteLength(s);
        i32(len);
        size = Wtf8Text.encode(s, data, size);
    }

    /** Bytes {@link #text} writes for {@code s}. */
    static long textSize(String s) {
        return 4L + Wtf8Text.byteLength(s);
    }
}
