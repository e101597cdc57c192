package dev.teavec.bindings;

import dev.teavec.core.codec.SnapshotBytes;
import dev.teavec.core.codec.SnapshotHeader;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * Moves snapshot bytes across the JS boundary chunk by chunk: one Wasm GC array holds at most 2^27
 * elements, so a snapshot larger than that lives in Java as several chunks and in JS as one typed array.
 * One copy per chunk each way.
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
     * {@code crcVerified}: see {@link SnapshotBytes#crcVerified()}.
     */
    static SnapshotBytes fromJs(Int8Array array, boolean crcVerified) {
        int length = array.getLength();
        int head = Math.min(length, SnapshotHeader.BYTES);
        SnapshotHeader.check(Int8Array.create(array.getBuffer(), array.getByteOffset(), head).copyToJavaArray(), length);
        byte[][] chunks = new byte[SnapshotBytes.chunkCount(length)][];
        for (int i = 0; i < chunks.length; i++) {
            int from = i * SnapshotBytes.CHUNK_SIZE;
            int n = Math.min(SnapshotBytes.CHUNK_SIZE, length - from);
            chunks[i] = Int8Array.create(array.getBuffer(), array.getByteOffset() + from, n).copyToJavaArray();
        }
        SnapshotBytes bytes = SnapshotBytes.ofChunks(chunks);
        return crcVerified ? bytes.crcVerified() : bytes;
    }
}
