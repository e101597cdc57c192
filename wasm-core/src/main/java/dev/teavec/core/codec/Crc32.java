package dev.teavec.core.codec;

/**
 * CRC-32 as in zlib, PNG and {@code java.util.zip.CRC32} (reflected polynomial 0xEDB88320, initial
 * and final value 0xFFFFFFFF), table-driven. Our own, so the engine needs no JDK zip classes in Wasm
 * and computes the same value on the JVM and in the browser.
 */
final class Crc32 {
    private static final int[] TABLE = table();

    private int crc = 0xFFFFFFFF;

    private static int[] table() {
        int[] t = new int[256];
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >>> 1) : c >>> 1;
            }
            t[n] = c;
        }
        return t;
    }

    void update(byte[] b, int off, int len) {
        int c = crc;
        for (int i = off, end = off + len; i < end; i++) {
            c = TABLE[(c ^ b[i]) & 0xFF] ^ (c >>> 8);
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
