package dev.teavec.core.codec;

/**
 * CRC-32 as in zlib, PNG and {@code java.util.zip.CRC32} (reflected polynomial 0xEDB88320, initial
 * and final value 0xFFFFFFFF), eight bytes a step (slicing-by-8). Our own, so the engine needs no JDK
 * zip classes in Wasm and computes the same value on the JVM and in the browser. Every section of a
 * snapshot passes through here on save and on load, so byte-at-a-time was a quarter of both.
 */
final class Crc32 {
    /** 8 tables of 256: table k maps a byte to its CRC contribution k bytes further on. Never written after init. */
    private static final int[] TABLE = table();

    private int crc = 0xFFFFFFFF;

    private static int[] table() {
        int[] t = new int[8 * 256];
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
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

    void update(byte[] b, int off, int len) {
        int[] t = TABLE;
        int c = crc;
        int i = off;
        int end = off + len;
        for (; end - i >= 8; i += 8) {
            int lo = c ^ ((b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | b[i + 3] << 24);
            int hi = (b[i + 4] & 0xFF) | (b[i + 5] & 0xFF) << 8 | (b[i + 6] & 0xFF) << 16 | b[i + 7] << 24;
            c = t[7 * 256 + (lo & 0xFF)] ^ t[6 * 256 + ((lo >>> 8) & 0xFF)] ^ t[5 * 256 + ((lo >>> 16) & 0xFF)]
                    ^ t[4 * 256 + (lo >>> 24)] ^ t[3 * 256 + (hi & 0xFF)] ^ t[2 * 256 + ((hi >>> 8) & 0xFF)]
                    ^ t[256 + ((hi >>> 16) & 0xFF)] ^ t[hi >>> 24];
        }
        for (; i < end; i++) {
            c = t[(c ^ b[i]) & 0xFF] ^ (c >>> 8);
        }
        crc = c;
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
        return ~crc;
    }
}
