package dev.teavec.bindings.idb;

import dev.teavec.core.codec.Crc32;
import org.teavm.jso.JSBody;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Int32Array;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * CRC-32 of a JS ArrayBuffer. The bytes have to be copied into Java to be checksummed; copied as 32-bit words
 * they cost less than as bytes, and the copy dominates (see bench/README.md, Checksums over JS buffers).
 */
public final class BufferCrc {
    private static final boolean LITTLE_ENDIAN = isLittleEndian();
    private static final int PIECE = 16 << 20;

    private BufferCrc() {
    }

    public static int of(ArrayBuffer buffer) {
        return of(buffer, 0, buffer.getByteLength());
    }

    /**
     * CRC-32 of {@code length} bytes of {@code buffer} from {@code offset}, copied into Java 16 MiB at a time (one
     * Wasm GC array holds at most 2^27 elements).
     */
    public static int of(ArrayBuffer buffer, int offset, int length) {
        int crc = 0;
        for (int done = 0; done < length; ) {
            int n = Math.min(PIECE, length - done);
            int at = offset + done;
            int wordBytes = LITTLE_ENDIAN && (at & 3) == 0 ? n & ~3 : 0;
            if (wordBytes > 0) {
                int[] words = new Int32Array(buffer, at, wordBytes >>> 2).copyToJavaArray();
                crc = Crc32.updateWords(crc, words, 0, words.length);
            }
            if (wordBytes < n) {
                crc = Crc32.update(crc, new Int8Array(buffer, at + wordBytes, n - wordBytes).copyToJavaArray(), 0,
                        n - wordBytes);
            }
            done += n;
        }
        return crc;
    }

    @JSBody(script = "return new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;")
    private static native boolean isLittleEndian();
}
