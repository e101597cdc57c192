package dev.teavec.bindings.simd;

import org.teavm.interop.Address;

/** Addresses in and results out for the batch kernels; grows to the largest batch seen. */
final class BatchScratch {
    private final LinearArena arena;
    private LinearBlock addrs;
    private LinearBlock out;

    BatchScratch(LinearArena arena) {
        this.arena = arena;
    }

    /** Writes the addresses of {@code ords[0..count)} and returns where they start. */
    int addresses(LinearRows rows, int[] ords, int count) {
        if (addrs == null || addrs.bytes < count * 4) {
            int n = Math.max(64, Integer.highestOneBit(Math.max(1, count - 1)) << 1);
            if (addrs != null) {
                addrs.release();
                out.release();
            }
            addrs = arena.alloc(n * 4);
            out = arena.alloc(n * 4);
        }
        Address a = Address.fromInt(addrs.address);
        for (int i = 0; i < count; i++) {
            a.add(i << 2).putInt(rows.address(ords[i]));
        }
        return addrs.address;
    }

    long bytesUsed() {
        return addrs == null ? 0 : addrs.bytes + out.bytes;
    }

    /** Returns both blocks; again is a no-op. A later batch would allocate them afresh. */
    void release() {
        if (addrs != null) {
            addrs.release();
            out.release();
            addrs = null;
            out = null;
        }
    }

    /** Where the batch kernels write their results. */
    int out() {
        return out.address;
    }

    void readFloats(float[] dst, int count) {
        Address a = Address.fromInt(out.address);
        for (int i = 0; i < count; i++) {
            dst[i] = a.add(i << 2).getFloat();
        }
    }

    void readInts(int[] dst, int count) {
        Address a = Address.fromInt(out.address);
        for (int i = 0; i < count; i++) {
            dst[i] = a.add(i << 2).getInt();
        }
    }
}
