package dev.teavec.bindings.idb;

import dev.teavec.core.codec.Crc32;
import org.teavm.jso.JSBody;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Int32Array;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * CRC-32 of a JS ArrayBuffer. The bytes have to be copied into Java to be checksummed; copied as 32-bit words
 * they cost ~4× less than as bytes (the copy, not the CRC, dominated save and load times).
 */
final class BufferCrc {
    private static final boolean LITTLE_ENDIAN = isLittleEndian();

    private BufferCrc() {
    }

    static int of(ArrayBuffer buffer) {
        int length = buffer.getByteLength();
        if (!LITTLE_ENDIAN) {
            return Crc32.update(0, new Int8Array(buffer).copyToJavaArray(), 0, length);
        }
        int wordBytes = length & ~3;
        int crc = 0;
        if (wordBytes > 0) {
            int[] words = new Int32Array(buffer, 0, wordBytes >>> 2).copyToJavaArray();
            crc = Crc32.updateWords(0, words, 0, words.length);
        }
        if (wordBytes < length) {
            crc = Crc32.update(crc, new Int8Array(buffer, wordBytes, length - wordBytes).copyToJavaArray(), 0,
                    length - wordBytes);
        }
        return crc;
    }

    @JSBody(script = "return new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;")
    private static native boolean isLittleEndian();
}
