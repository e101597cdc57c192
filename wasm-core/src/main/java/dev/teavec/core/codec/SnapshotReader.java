package dev.teavec.core.codec;

import dev.teavec.core.number.Decimal;
import dev.teavec.core.store.RowSource;

/**
 * A bounds-checked little-endian cursor over {@code [position, end)} of a snapshot. Every read checks
 * the bytes present first, and every count is checked against a limit and against the bytes left for
 * the elements it announces, so nothing is allocated on a length field's word alone.
 */
final class SnapshotReader implements SectionInput {
    private final SnapshotBytes bytes;
    private final int end;
    private int pos;
    private final String where;
    /** Null for a reader that allocates nothing on its payload's word (headers, frames). */
    private final DecodeBudget budget;

    SnapshotReader(SnapshotBytes bytes, int start, int end, String where) {
        this(bytes, start, end, where, null);
    }

    SnapshotReader(SnapshotBytes bytes, int start, int end, String where, DecodeBudget budget) {
        this.bytes = bytes;
        this.pos = start;
        this.end = end;
        this.where = where;
        this.budget = budget;
    }

    /** The snapshot this reads (strings are decoded where they lie: {@link Wtf8#read}). */
    SnapshotBytes bytes() {
        return bytes;
    }

    @Override
    public int position() {
        return pos;
    }

    @Override
    public int remaining() {
        return end - pos;
    }

    /** Fails unless {@code n} more bytes are present. */
    @Override
    public void need(long n, String what) {
        if (n < 0 || n > end - pos) {
            throw Corrupt.at(pos, where + ": " + what + " needs " + n + " bytes, " + (end - pos) + " left");
        }
    }

    void skip(int n, String what) {
        need(n, what);
        pos += n;
    }

    @Override
    public int u8(String what) {
        need(1, what);
        return bytes.get(pos++) & 0xFF;
    }

    @Override
    public int u16(String what) {
        need(2, what);
        int v = (bytes.get(pos) & 0xFF) | (bytes.get(pos + 1) & 0xFF) << 8;
        pos += 2;
        return v;
    }

    @Override
    public int i32(String what) {
        need(4, what);
        return rawI32();
    }

    private int rawI32() {
        byte[] chunk = bytes.chunkAt(pos);
        int off = SnapshotBytes.offsetIn(pos);
        int v;
        if (off + 4 <= chunk.length) {
            v = (chunk[off] & 0xFF) | (chunk[off + 1] & 0xFF) << 8 | (chunk[off + 2] & 0xFF) << 16 | chunk[off + 3] << 24;
        } else {
            v = (bytes.get(pos) & 0xFF) | (bytes.get(pos + 1) & 0xFF) << 8 | (bytes.get(pos + 2) & 0xFF) << 16
                    | bytes.get(pos + 3) << 24;
        }
        pos += 4;
        return v;
    }

    @Override
    public long i64(String what) {
        need(8, what);
        long lo = rawI32() & 0xFFFFFFFFL;
        return lo | (long) rawI32() << 32;
    }

    @Override
    public double f64(String what) {
        return Double.longBitsToDouble(i64(what));
    }

    @Override
    public float f32(String what) {
        return Float.intBitsToFloat(i32(what));
    }

    /** A float that must be finite (vectors, ranges). */
    @Override
    public float finite(String what) {
        int at = pos;
        float v = f32(what);
        if (Float.isNaN(v) || Float.isInfinite(v)) {
            throw Corrupt.at(at, where + ": " + what + " is " + Decimal.formatFloat(v) + ", not a finite number");
        }
        return v;
    }

    /** A u32 count in {@code min..max}, each of whose elements takes at least {@code bytesEach} of what is left. */
    @Override
    public int count(String what, int min, int max, long bytesEach) {
        int at = pos;
        int v = i32(what);
        if (v < min || v > max) {
            throw Corrupt.at(at, where + ": " + what + " is " + (v & 0xFFFFFFFFL) + ", outside " + min + ".." + max);
        }
        if (bytesEach * v > end - pos) {
            throw Corrupt.at(at, where + ": " + what + " " + v + " needs at least " + (bytesEach * v)
                    + " bytes, " + (end - pos) + " left");
        }
        return v;
    }

    /** A u32 that must equal {@code expected}. */
    @Override
    public void expect(String what, int expected) {
        int at = pos;
        int v = i32(what);
        if (v != expected) {
            throw Corrupt.at(at, where + ": " + what + " is " + v + ", expected " + expected);
        }
    }

    @Override
    public void readBytes(byte[] dst, int off, int len, String what) {
        need(len, what);
        bytes.copy(pos, dst, off, len);
        pos += len;
    }

    /** Reads {@code len} finite floats into {@code dst}. */
    @Override
    public void readFinite(float[] dst, int off, int len, String what) {
        need(4L * len, what);
        int p = pos;
        int i = 0;
        while (i < len) {
            byte[] chunk = bytes.chunkAt(p);
            int c = SnapshotBytes.offsetIn(p);
            // The floats wholly inside this chunk in a tight loop (most of a snapshot's bytes are vectors);
            // a float across two chunks alone (whole == 0). Finite unless the exponent bits are all ones.
            int whole = Math.min(len - i, (chunk.length - c) >> 2);
            for (int end = i + Math.max(whole, 1); i < end; i++, c += 4, p += 4) {
                int bits = whole == 0 ? rawI32At(p)
                        : (chunk[c] & 0xFF) | (chunk[c + 1] & 0xFF) << 8 | (chunk[c + 2] & 0xFF) << 16 | chunk[c + 3] << 24;
                if ((bits & 0x7F800000) == 0x7F800000) {
                    int at = p;
                    pos = p;
                    float v = Float.intBitsToFloat(bits);
                    throw Corrupt.at(at, where + ": " + what + " holds " + Decimal.formatFloat(v) + ", not a finite number");
                }
                dst[off + i] = Float.intBitsToFloat(bits);
            }
        }
        pos = p;
    }

    @Override
    public void readInts(int[] dst, int off, int len, String what) {
        need(4L * len, what);
        int p = pos;
        int i = 0;
        while (i < len) {
            byte[] chunk = bytes.chunkAt(p);
            int c = SnapshotBytes.offsetIn(p);
            // The ints wholly inside this chunk in a tight loop; one across two chunks alone.
            int whole = Math.min(len - i, (chunk.length - c) >> 2);
            if (whole == 0) {
                dst[off + i++] = rawI32At(p);
                p += 4;
                continue;
            }
            for (int end = i + whole; i < end; i++, c += 4) {
                dst[off + i] = (chunk[c] & 0xFF) | (chunk[c + 1] & 0xFF) << 8 | (chunk[c + 2] & 0xFF) << 16 | chunk[c + 3] << 24;
            }
            p += 4 * whole;
        }
        pos = p;
    }

    private int rawI32At(int p) {
        return (bytes.get(p) & 0xFF) | (bytes.get(p + 1) & 0xFF) << 8 | (bytes.get(p + 2) & 0xFF) << 16 | bytes.get(p + 3) << 24;
    }

    @Override
    public int take(long n, String what) {
        need(n, what);
        int at = pos;
        pos += (int) n;
        return at;
    }

    @Override
    public RowSource rows() {
        return bytes.rows();
    }

    /** Fails unless the payload was read to its last byte. */
    @Override
    public void expectEnd() {
        if (pos != end) {
            throw Corrupt.at(pos, where + ": " + (end - pos) + " bytes left over after the last field");
        }
    }

    @Override
    public void charge(long bytes, String what) {
        if (budget == null) {
            throw new IllegalStateException(where + " has no decode budget");
        }
        budget.charge(bytes, where + ": " + what, pos);
    }

    @Override
    public RuntimeException corrupt(int offset, String problem) {
        return Corrupt.at(offset, where + ": " + problem);
    }

    @Override
    public RuntimeException tooNew(int offset, String problem) {
        return Corrupt.tooNew(offset, where + ": " + problem);
    }
}
