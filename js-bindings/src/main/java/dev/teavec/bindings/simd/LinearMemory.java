package dev.teavec.bindings.simd;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import org.teavm.interop.Address;
import org.teavm.interop.Import;
import org.teavm.jso.core.JSObjects;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Int8Array;
import org.teavm.runtime.heap.Heap;

/** JavaScript bytes copied into Wasm linear memory with one typed-array copy (memcpy speed, no Java arrays). */
public final class LinearMemory {
    private LinearMemory() {
    }

    /** Copies all of {@code source} to linear memory at {@code address}. */
    public static void copyIn(Int8Array source, int address) {
        Int8Array.create(buffer(), address, source.getLength()).set(source);
    }

    /**
     * Reads {@code len} bytes of {@code file} from {@code at} into linear memory at {@code address}: one copy, from
     * the file straight into place. CORRUPT_SNAPSHOT if the file ends first.
     */
    public static void readIn(SnapshotPieces.OpenFile file, double at, int address, int len) {
        SnapshotPieces.At where = JSObjects.create();
        where.setAt(at);
        int got = file.read(Int8Array.create(buffer(), address, len), where);
        if (got != len) {
            throw new TeaVecException(ErrorCode.CORRUPT_SNAPSHOT, "the checkpoint file ended " + (len - got)
                    + " bytes early");
        }
    }

    /** Bytes staged in linear memory per typed-array copy by {@link #read}. */
    private static final int STAGE = 1 << 20;
    /** Bytes moved into the Java array per {@link #unpack} call: small enough that V8 tiers that loop up early. */
    private static final int BLOCK = 1 << 16;

    /** Where {@link #read} takes bytes from: copies {@code [pos, pos + len)} to linear memory at {@code address}. */
    public interface Source {
        void copyTo(int pos, int address, int len);
    }

    /**
     * Bytes {@code [pos, pos + len)} of {@code source} as a new Java array: one typed-array copy into linear memory
     * per MiB, then moved into the array four bytes per load. TeaVM's {@code copyToJavaArray} crosses into JS
     * twice per 4 KiB and stores byte by byte in one long-running function (left in V8's baseline tier): see
     * bench/README.md, "Reopen: decode", for what it cost a reopen.
     */
    public static byte[] read(Source source, int pos, int len) {
        byte[] out = new byte[len];
        if (len == 0) {
            return out;
        }
        int stage = Math.min(STAGE, len);
        Address scratch = Heap.alloc(stage);
        if (scratch == null) {
            throw new TeaVecException(ErrorCode.CAPACITY_EXCEEDED, "Wasm linear memory is exhausted");
        }
        try {
            for (int done = 0; done < len; ) {
                int n = Math.min(stage, len - done);
                source.copyTo(pos + done, scratch.toInt(), n);
                for (int k = 0; k < n; k += BLOCK) {
                    unpack(scratch.add(k), out, done + k, Math.min(BLOCK, n - k));
                }
                done += n;
            }
        } finally {
            Heap.release(scratch);
        }
        return out;
    }

    /** All of {@code array} as a new Java array ({@link #read}). */
    public static byte[] read(Int8Array array) {
        return read((pos, address, len) -> copyIn(Int8Array.create(array.getBuffer(), array.getByteOffset() + pos, len),
                address), 0, array.getLength());
    }

    /** Little-endian words (Wasm's order) split into {@code n} bytes of {@code to} from {@code at}. */
    private static void unpack(Address from, byte[] to, int at, int n) {
        int i = 0;
        for (; n - i >= 4; i += 4) {
            int w = from.add(i).getInt();
            to[at + i] = (byte) w;
            to[at + i + 1] = (byte) (w >>> 8);
            to[at + i + 2] = (byte) (w >>> 16);
            to[at + i + 3] = (byte) (w >>> 24);
        }
        for (; i < n; i++) {
            to[at + i] = from.add(i).getByte();
        }
    }

    /** The Wasm memory's buffer, as TeaVM's runtime gets it (a new one after each growth: ask every time). */
    @Import(module = "teavmMemory", name = "linearMemory")
    private static native ArrayBuffer buffer();
}
