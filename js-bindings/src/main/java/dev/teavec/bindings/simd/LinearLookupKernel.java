package dev.teavec.bindings.simd;

import dev.teavec.core.store.LookupKernel;
import org.teavm.interop.Address;

/**
 * PQ over a {@link LinearCodeStorage} of PQ rows, in pq.wat: the query's table is filled in linear memory by SIMD
 * (from the shared {@link LinearPqCentroids}) and summed by a scalar Wasm loop (Wasm SIMD has no gather), both
 * in the reference's order, so to the same bits.
 */
final class LinearLookupKernel extends LinearKernel implements LookupKernel {
    private final LinearCodeStorage storage;
    private final int m;
    private final LinearPqCentroids centroids;
    private final LinearBlock table;
    private final LinearBlock query;
    private int directL2;

    LinearLookupKernel(LinearCodeStorage storage, LinearPqCentroids centroids) {
        super(storage.arena);
        this.storage = storage;
        this.centroids = centroids;
        this.m = storage.dimensions();
        this.table = alloc(m * ENTRIES * 4);
        this.query = alloc(centroids.dim * 4);
    }

    @Override
    public void setQuery(float[] q, boolean l2) {
        LinearFloatStorage.write(query.address, q, centroids.dim);
        Sq4PqKernels.pqFill(query.address, centroids.address, centroids.offsets, m, table.address, l2 ? 1 : 0);
    }

    @Override
    public void encode(float[] v, byte[] out) {
        setQuery(v, true);
        // The code lands in the query's block, free again once the table is made.
        Sq4PqKernels.pqNearest(table.address, m, query.address);
        Address a = Address.fromInt(query.address);
        for (int s = 0; s < m; s++) {
            out[s] = a.add(s).getByte();
        }
    }

    @Override
    public void setDirectQuery(float[] q, boolean l2) {
        LinearFloatStorage.write(query.address, q, centroids.dim);
        directL2 = l2 ? 1 : 0;
    }

    @Override
    public float direct(int ord) {
        return Sq4PqKernels.pqDirect(query.address, centroids.address, centroids.offsets, m, storage.address(ord), directL2);
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
}
