package dev.teavec.bindings.simd;

import dev.teavec.core.quant.ProductQuantizer;
import dev.teavec.core.store.LookupKernel;

/**
 * PQ over a {@link LinearCodeStorage} of PQ rows, in pq.wat: the query's table is filled in linear memory by SIMD
 * (from the storage's {@link LinearPqCentroids}) and summed by a scalar Wasm loop (Wasm SIMD has no gather), both
 * in the reference's order, so to the same bits.
 */
final class LinearLookupKernel implements LookupKernel {
    private final LinearCodeStorage storage;
    private final int m;
    private final LinearBlock table;
    private LinearBlock query;
    private final BatchScratch scratch;

    LinearLookupKernel(LinearCodeStorage storage) {
        this.storage = storage;
        this.m = storage.dimensions();
        this.table = storage.arena.alloc(m * ENTRIES * 4);
        this.scratch = new BatchScratch(storage.arena);
    }

    @Override
    public void setQuery(ProductQuantizer pq, float[] q, boolean l2) {
        LinearPqCentroids centroids = storage.pqCentroids;
        if (centroids == null || centroids.of != pq) {
            if (centroids != null) {
                centroids.release();
            }
            centroids = new LinearPqCentroids(storage.arena, pq);
            storage.pqCentroids = centroids;
        }
        int dim = pq.dimensions();
        if (query == null) {
            query = storage.arena.alloc(dim * 4);
        }
        LinearFloatStorage.write(query.address, q, dim);
        Sq4PqKernels.pqFill(query.address, centroids.address, centroids.offsets, m, table.address, l2 ? 1 : 0);
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
        return table.bytes + (query == null ? 0 : query.bytes) + scratch.bytesUsed();
    }

    @Override
    public void release() {
        table.release();
        if (query != null) {
            query.release();
        }
        scratch.release();
    }
}
