package dev.teavec.bindings;

import dev.teavec.bindings.simd.JsRows;
import dev.teavec.core.codec.SnapshotBytes;
import dev.teavec.core.codec.SnapshotHeader;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Moves snapshot bytes across the JS boundary chunk by chunk: one Wasm GC array holds at most 2^27
 * elements, so a snapshot larger than that lives in Java as several chunks and in JS as one typed array.
 * One copy per chunk each way; on the way in, only of the chunks decoding reads (stored vectors are copied
 * from JavaScript into linear memory by their storage).
 */
final class SnapshotTransfer {
    private SnapshotTransfer() {
    }

    static Int8Array toJs(SnapshotBytes bytes) {
        Int8Array out = Int8Array.create(bytes.length());
        for (int i = 0; i < bytes.chunkCount(); i++) {
            out.set(bytes.chunk(i), i * SnapshotBytes.CHUNK_SIZE);
        }
        return out;
    }

    /**
     * The bytes of {@code array}, once its header is checked: garbage is refused before anything more is copied.
     * {@code crcVerified}: see {@link SnapshotBytes#crcVerified()}. {@code array} may also be a checkpoint in
     * pieces ({@link JsRows}).
     */
    static SnapshotBytes fromJs(Int8Array array, boolean crcVerified) {
        int length = array.getLength();
        int head = Math.min(length, SnapshotHeader.BYTES);
        JsRows rows = new JsRows(array);
        SnapshotHeader.check(rows.read(0, head), length);
        // Copied into Java chunk by chunk as decoding reaches them; stored vectors go to linear memory directly.
        SnapshotBytes bytes = SnapshotBytes.lazy(length, rows);
        return crcVerified ? bytes.crcVerified() : bytes;
    }
}
