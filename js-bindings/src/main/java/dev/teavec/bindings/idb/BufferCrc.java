package dev.teavec.bindings.idb;

import dev.teavec.bindings.simd.LinearMemory;
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
        Address scratch = Heap.alloc(piece);
        if (scratch == null) {
            throw new TeaVecException(ErrorCode.CAPACITY_EXCEEDED, "Wasm linear memory is exhausted");
        }
        try {
            int[] tables = Crc32.slicingTables();
            int crc = 0;
            for (int done = 0; done < length; ) {
                int n = Math.min(piece, length - done);
                LinearMemory.copyIn(new Int8Array(buffer, offset + done, n), scratch.toInt());
                crc = update(tables, crc, scratch, n);
                done += n;
            }
            return crc;
        } finally {
            Heap.release(scratch);
        }
    }

    /** Crc32.update's slicing-by-8 over {@code n} bytes of linear memory (little-endian, as Wasm always is). */
    private static int update(int[] t, int crc, Address a, int n) {
        int c = ~crc;
        int i = 0;
        for (; n - i >= 8; i += 8) {
            int lo = c ^ a.add(i).getInt();
            int hi = a.add(i + 4).getInt();
            c = t[7 * 256 + (lo & 0xFF)] ^ t[6 * 256 + ((lo >>> 8) & 0xFF)] ^ t[5 * 256 + ((lo >>> 16) & 0xFF)]
                    ^ t[4 * 256 + (lo >>> 24)] ^ t[3 * 256 + (hi & 0xFF)] ^ t[2 * 256 + ((hi >>> 8) & 0xFF)]
                    ^ t[256 + ((hi >>> 16) & 0xFF)] ^ t[hi >>> 24];
        }
        for (; i < n; i++) {
            c = t[(c ^ a.add(i).getByte()) & 0xFF] ^ (c >>> 8);
        }
        return ~c;
    }
}
