package dev.teavec.core.codec;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;

/**
 * Writes snapshots (layout in docs/format.md): little-endian fields into bytes allocated once at
 * their exact final size, since every section reports its size up front. A snapshot is the header,
 * then each section as a frame (id, version, flags, length, CRC32) and its payload.
 */
final class SnapshotWriter implements SectionOutput {
    static final int MAGIC = 0x43455654; // "TVEC" read as a little-endian int
    static final int FORMAT_VERSION = 3;
    static final int HEADER_BYTES = 24;
    static final int FRAME_BYTES = 12;
    static final int KIND_INDEX = 1;
    static final int KIND_DATABASE = 2;
    static final int FLAG_OPTIONAL = 1;

    private final SnapshotBytes bytes;
    private int pos;

    private SnapshotWriter(SnapshotBytes bytes) {
        this.bytes = bytes;
    }

    /** A complete snapshot of {@code kind} made of {@code sections}. */
    static SnapshotBytes encode(int kind, SectionPayload[] sections) {
        long size = snapshotSize(sections);
        if (size > Integer.MAX_VALUE) {
            throw new TeaVecException(ErrorCode.CAPACITY_EXCEEDED,
                    "a snapshot holds at most 2^31 - 1 bytes; this one would need " + size);
        }
        SnapshotWriter out = new SnapshotWriter(SnapshotBytes.allocate((int) size));
        out.snapshot(kind, sections);
        assert out.pos == size : "wrote " + out.pos + " of " + size + " bytes";
        return out.bytes;
    }

    static long snapshotSize(SectionPayload[] sections) {
        long size = HEADER_BYTES;
        for (SectionPayload s : sections) {
            size += FRAME_BYTES + s.size();
        }
        return size;
    }

    /** Writes a complete snapshot at the current position (also used for snapshots nested in a section). */
    void snapshot(int kind, SectionPayload[] sections) {
        int start = pos;
        long size = snapshotSize(sections);
        i32(MAGIC);
        u16(FORMAT_VERSION);
        u16(0);
        u16(kind);
        u16(0);
        i32((int) size);
        i32(sections.length);
        i32(crc(start, 20));
        for (SectionPayload s : sections) {
            section(s);
        }
    }

    private void section(SectionPayload s) {
        int start = pos;
        long size = s.size();
        u16(s.id());
        u8(s.version());
        u8(s.optional() ? FLAG_OPTIONAL : 0);
        i32((int) size);
        int crcAt = pos;
        i32(0);
        s.write(this);
        if (pos - crcAt - 4 != size) {
            throw new IllegalStateException(SectionIds.name(s.id()) + " wrote " + (pos - crcAt - 4) + " bytes, declared " + size);
        }
        Crc32 crc = new Crc32();
        crc.update(bytes, start, 8);
        crc.update(bytes, crcAt + 4, (int) size);
        int end = pos;
        pos = crcAt;
        i32(crc.value());
        pos = end;
    }

    private int crc(int from, int len) {
        Crc32 crc = new Crc32();
        crc.update(bytes, from, len);
        return crc.value();
    }

    @Override
    public void u8(int v) {
        bytes.set(pos++, (byte) v);
    }

    @Override
    public void u16(int v) {
        u8(v);
        u8(v >>> 8);
    }

    @Override
    public void i32(int v) {
        byte[] chunk = bytes.chunkAt(pos);
        int off = SnapshotBytes.offsetIn(pos);
        if (off + 4 <= chunk.length) {
            chunk[off] = (byte) v;
            chunk[off + 1] = (byte) (v >>> 8);
            chunk[off + 2] = (byte) (v >>> 16);
            chunk[off + 3] = (byte) (v >>> 24);
            pos += 4;
        } else {
            u16(v);
            u16(v >>> 16);
        }
    }

    @Override
    public void i64(long v) {
        i32((int) v);
        i32((int) (v >>> 32));
    }

    @Override
    public void f32(float v) {
        i32(Float.floatToRawIntBits(v));
    }

    @Override
    public void f64(double v) {
        i64(Double.doubleToRawLongBits(v));
    }

    @Override
    public void bytes(byte[] src, int off, int len) {
        while (len > 0) {
            byte[] chunk = bytes.chunkAt(pos);
            int at = SnapshotBytes.offsetIn(pos);
            int n = Math.min(len, chunk.length - at);
            System.arraycopy(src, off, chunk, at, n);
            pos += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public void floats(float[] src, int off, int len) {
        int i = 0;
        while (i < len) {
            byte[] chunk = bytes.chunkAt(pos);
            int c = SnapshotBytes.offsetIn(pos);
            // The floats wholly inside this chunk in a tight loop; one across two chunks through i32.
            int whole = Math.min(len - i, (chunk.length - c) >> 2);
            if (whole == 0) {
                i32(Float.floatToRawIntBits(src[off + i++]));
                continue;
            }
            for (int end = i + whole; i < end; i++, c += 4) {
                int v = Float.floatToRawIntBits(src[off + i]);
                chunk[c] = (byte) v;
                chunk[c + 1] = (byte) (v >>> 8);
                chunk[c + 2] = (byte) (v >>> 16);
                chunk[c + 3] = (byte) (v >>> 24);
            }
            pos += 4 * whole;
        }
    }
}
