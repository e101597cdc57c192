package dev.teavec.bindings.simd;

import dev.teavec.core.store.LookupKernel;
import org.teavm.interop.Address;

/**
 * PQ table lookups over a {@link LinearCodeStorage} of PQ rows: the query's table is copied into linear memory and
 * summed by pq.wat's scalar Wasm loop (Wasm SIMD has no gather), in the reference's order, so to the same bits.
 */
final class LinearLookupKernel implements LookupKernel {
    private final LinearCodeStorage storage;
    private final int m;
    private final LinearBlock table;
    private final BatchScratch scratch;

    LinearLookupKernel(LinearCodeStorage storage) {
        this.storage = storage;
        this.m = storage.dimensions();
        this.table = storage.arena.alloc(m * ENTRIES * 4);
        this.scratch = new BatchScratch(storage.arena);
    }

    @Override
    public void setTable(float[] t) {
        LinearFloatStorage.write(table.address, t, m * ENTRIES);
    }

    @Override
    public float sum(int ord) {
        return Sq4PqKernels.adcSum(table.address, storage.address(ord), m);
    }

    @Override
    public void sum(int[] ords, int count, float[] out) {
        int addrs = scratch.addresses(storage.rows, ords, count);
        Sq4PqKernels.adcSumBatch(table.address, addrs, count, m, scratch.out());
        scratch.readFloats(out, count);
    }

    @Override
    public long bytesUsed() {
        return table.bytes + scratch.bytesUsed();
    }

    @Override
    public void release() {
        table.release();
        scratch.release();
    }
}
