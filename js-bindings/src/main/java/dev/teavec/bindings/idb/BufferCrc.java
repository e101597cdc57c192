package dev.teavec.bindings.idb;

import dev.teavec.bindings.simd.LinearMemory;
import dev.teavec.bindings.simd.SnapshotPieces;
import dev.teavec.core.codec.Crc32;
import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import org.teavm.interop.Address;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Int8Array;
import org.teavm.runtime.heap.Heap;

/**
 * CRC-32 of a JS ArrayBuffer. The bytes are copied into Wasm linear memory 16 MiB at a time with one typed-array
 * copy (memcpy speed) and checksummed there with word loads: copying them into Java arrays cost more than the
 * checksum itself (see bench/README.md, Checksums over JS buffers).
 */
public final class BufferCrc {
    private static final int PIECE = 16 << 20;

    private BufferCrc() {
    }

    public static int of(ArrayBuffer buffer) {
        return of(buffer, 0, buffer.getByteLength());
    }

    /** CRC-32 of {@code length} bytes of {@code buffer} from {@code offset}. */
    public static int of(ArrayBuffer buffer, int offset, int length) {
        if (length <= 0) {
            return 0;
        }
        int piece = Math.min(PIECE, length);
        Address scratch = scratch(piece);
        try {
            int crc = 0;
            for (int done = 0; done < length; ) {
                int n = Math.min(piece, length - done);
                LinearMemory.copyIn(new Int8Array(buffer, offset + done, n), scratch.toInt());
                crc = update(scratch.add(piece), crc, scratch, n);
                done += n;
            }
            return crc;
        } finally {
            Heap.release(scratch);
        }
    }

    /**
     * CRC-32 of {@code length} bytes of an open file from {@code at}, read straight into linear memory a piece at a
     * time (no JavaScript buffer); CORRUPT_SNAPSHOT if the file ends first. (Its own loop rather than a shared one
     * taking a source: the core engine, which has only {@link #of}, stays smaller.)
     */
    public static int ofFile(SnapshotPieces.OpenFile file, double at, int length) {
        if (length <= 0) {
            return 0;
        }
        int piece = Math.min(PIECE, length);
        Address scratch = scratch(piece);
        try {
            int crc = 0;
            for (int done = 0; done < length; ) {
                int n = Math.min(piece, length - done);
                LinearMemory.readIn(file, at + done, scratch.toInt(), n);
                crc = update(scratch.add(piece), crc, scratch, n);
                done += n;
            }
            return crc;
        } finally {
            Heap.release(scratch);
        }
    }

    /**
     * {@code piece} bytes of linear memory followed by Crc32's slicing tables: the tables beside the bytes, plain
     * loads, where a Java array's cost bounds checks.
     */
    private static Address scratch(int piece) {
        int[] tables = Crc32.slicingTables();
        Address scratch = Heap.alloc(piece + 4 * tables.length);
        if (scratch == null) {
            throw new TeaVecException(ErrorCode.CAPACITY_EXCEEDED, "Wasm linear memory is exhausted");
        }
        Address t = scratch.add(piece);
        for (int i = 0; i < tables.length; i++) {
            t.add(4 * i).putInt(tables[i]);
        }
        return scratch;
    }

    /**
     * Crc32.update's slicing-by-8 over {@code n} bytes of linear memory (little-endian, as Wasm always is), its
     * eight 256-entry tables at {@code t}.
     */
    private static int update(Address t, int crc, Address a, int n) {
        int c = ~crc;
        int i = 0;
        for (; n - i >= 8; i += 8) {
            int lo = c ^ a.add(i).getInt();
            int hi = a.add(i + 4).getInt();
            c = t.add((7 * 256 + (lo & 0xFF)) << 2).getInt() ^ t.add((6 * 256 + ((lo >>> 8) & 0xFF)) << 2).getInt()
                    ^ t.add((5 * 256 + ((lo >>> 16) & 0xFF)) << 2).getInt() ^ t.add((4 * 256 + (lo >>> 24)) << 2).getInt()
                    ^ t.add((3 * 256 + (hi & 0xFF)) << 2).getInt() ^ t.add((2 * 256 + ((hi >>> 8) & 0xFF)) << 2).getInt()
                    ^ t.add((256 + ((hi >>> 16) & 0xFF)) << 2).getInt() ^ t.add((hi >>> 24) << 2).getInt();
        }
        for (; i < n; i++) {
            c = t.add(((c ^ a.add(i).getByte()) & 0xFF) << 2).getInt() ^ (c >>> 8);
        }
        return ~c;
    }
}
