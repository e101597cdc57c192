package dev.teavec.core.codec;

/**
 * CRC-32 as in zlib, PNG and {@code java.util.zip.CRC32} (reflected polynomial 0xEDB88320), eight bytes a
 * step (slicing-by-8), plus {@link #combine} so a whole snapshot's CRC follows from its chunks' CRCs without
 * a second pass. Our own, so the engine needs no JDK zip classes in Wasm and computes the same value on the
 * JVM and in the browser; the snapshot codec and the IndexedDB store share it. Values are finished CRCs (as
 * java.util.zip.CRC32 reports them) in an int; an instance accumulates one.
 */
public final class Crc32 {
    /** The finished CRC of everything added so far (0: nothing yet). */
    private int crc;

    private static final int POLY = 0xEDB88320;
    /** 8 tables of 256: table k maps a byte to its CRC contribution k positions further on. Never written after init. */
    private static final int[] TABLE = buildTable();

    private static int[] buildTable() {
        int[] t = new int[8 * 256];
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int bit = 0; bit < 8; bit++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ POLY : c >>> 1;
            }
            t[n] = c;
        }
        for (int k = 1; k < 8; k++) {
            for (int n = 0; n < 256; n++) {
                int prev = t[(k - 1) * 256 + n];
                t[k * 256 + n] = (prev >>> 8) ^ t[prev & 0xFF];
            }
        }
        return t;
    }

    /**
     * A copy of the 8 × 256 slicing tables (table k at {@code k * 256}): for a loop over bytes held where a
     * Java array cannot reach them (js-bindings: Wasm linear memory) that computes {@link #update}'s value.
     */
    public static int[] slicingTables() {
        return TABLE.clone();
    }

    /** The CRC of (the data whose CRC is {@code crc}) followed by {@code data[off..off+len)}. */
    public static int update(int crc, byte[] data, int off, int len) {
        int[] t = TABLE;
        int c = ~crc;
        int i = off;
        int end = off + len;
        for (; end - i >= 8; i += 8) {
            int lo = c ^ ((data[i] & 0xFF) | (data[i + 1] & 0xFF) << 8 | (data[i + 2] & 0xFF) << 16 | data[i + 3] << 24);
            int hi = (data[i + 4] & 0xFF) | (data[i + 5] & 0xFF) << 8 | (data[i + 6] & 0xFF) << 16 | data[i + 7] << 24;
            c = t[7 * 256 + (lo & 0xFF)] ^ t[6 * 256 + ((lo >>> 8) & 0xFF)] ^ t[5 * 256 + ((lo >>> 16) & 0xFF)]
                    ^ t[4 * 256 + (lo >>> 24)] ^ t[3 * 256 + (hi & 0xFF)] ^ t[2 * 256 + ((hi >>> 8) & 0xFF)]
                    ^ t[256 + ((hi >>> 16) & 0xFF)] ^ t[hi >>> 24];
        }
        for (; i < end; i++) {
            c = t[(c ^ data[i]) & 0xFF] ^ (c >>> 8);
        }
        return ~c;
    }

    /**
     * Like {@link #update} over the bytes of {@code words[off..off+count)} in little-endian order: what a
     * JS Int32Array view of a buffer holds on every engine we run on. Reading words skips assembling them from
     * bytes, and words cross from JS to Java faster than bytes do (see bench/README.md, Checksums over JS buffers).
     */
    public static int updateWords(int crc, int[] words, int off, int count) {
        int[] t = TABLE;
        int c = ~crc;
        int i = off;
        int end = off + count;
        for (; end - i >= 2; i += 2) {
            int lo = c ^ words[i];
            int hi = words[i + 1];
            c = t[7 * 256 + (lo & 0xFF)] ^ t[6 * 256 + ((lo >>> 8) & 0xFF)] ^ t[5 * 256 + ((lo >>> 16) & 0xFF)]
                    ^ t[4 * 256 + (lo >>> 24)] ^ t[3 * 256 + (hi & 0xFF)] ^ t[2 * 256 + ((hi >>> 8) & 0xFF)]
                    ^ t[256 + ((hi >>> 16) & 0xFF)] ^ t[hi >>> 24];
        }
        if (i < end) {
            int w = c ^ words[i];
            c = t[3 * 256 + (w & 0xFF)] ^ t[2 * 256 + ((w >>> 8) & 0xFF)] ^ t[256 + ((w >>> 16) & 0xFF)] ^ t[w >>> 24];
        }
        return ~c;
    }

    /**
     * CRC of A followed by B from crc(A), crc(B) and B's length. Appending a zero byte is a linear map
     * over GF(2) on the CRC register; we square its 32×32 matrix to shift by len2 bytes in log steps.
     */
    public static int combine(int crcA, int crcB, long lengthB) {
        if (lengthB <= 0) {
            return crcA;
        }
        // Operator for one zero bit, then squared thrice: one zero byte.
        int[] op = new int[32];
        op[0] = POLY;
        for (int n = 1; n < 32; n++) {
            op[n] = 1 << (n - 1);
        }
        int[] sq = new int[32];
        for (int s = 0; s < 3; s++) {
            square(sq, op);
            int[] tmp = op;
            op = sq;
            sq = tmp;
        }
        int crc = crcA;
        for (long len = lengthB; len != 0; len >>>= 1) {
            if ((len & 1) != 0) {
                crc = times(op, crc);
            }
            square(sq, op);
            int[] tmp = op;
            op = sq;
            sq = tmp;
        }
        return crc ^ crcB;
    }

    private static int times(int[] matrix, int vector) {
        int sum = 0;
        for (int i = 0; vector != 0; i++, vector >>>= 1) {
            if ((vector & 1) != 0) {
                sum ^= matrix[i];
            }
        }
        return sum;
    }

    private static void square(int[] result, int[] matrix) {
        for (int n = 0; n < 32; n++) {
            result[n] = times(matrix, matrix[n]);
        }
    }

    void update(byte[] b, int off, int len) {
        crc = update(crc, b, off, len);
    }

    /** Adds {@code len} bytes of {@code bytes} from {@code pos}, across chunk boundaries. */
    void update(SnapshotBytes bytes, int pos, int len) {
        while (len > 0) {
            byte[] chunk = bytes.chunkAt(pos);
            int off = SnapshotBytes.offsetIn(pos);
            int n = Math.min(len, chunk.length - off);
            update(chunk, off, n);
            pos += n;
            len -= n;
        }
    }

    int value() {
        return crc;
    }
}
