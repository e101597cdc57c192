package dev.teavec.bindings.simd;

import dev.teavec.core.store.FloatKernel;
import dev.teavec.core.vector.VectorOps;
import org.teavm.interop.Address;

/**
 * SIMD float distances over a {@link LinearFloatStorage}. The query is a padded copy in linear memory,
 * or a stored vector's own address. A batch writes the vectors' addresses to a scratch block, makes one
 * kernel call and reads the results back: one crossing per neighbour list.
 */
final class LinearFloatKernel extends LinearKernel implements FloatKernel {
    private final LinearFloatStorage storage;
    private final int dim;
    private final int blocks;
    private final LinearBlock own;
    private int query;

    LinearFloatKernel(LinearFloatStorage storage) {
        super(storage.arena);
        this.storage = storage;
        this.dim = storage.dimensions();
        this.blocks = storage.blocks;
        this.own = alloc(blocks * VectorOps.LANES * 4);
        this.query = own.address;
    }

    @Override
    public void setQuery(float[] q) {
        LinearFloatStorage.write(own.address, q, dim);
        query = own.address;
    }

    @Override
    public void setQueryFromOrdinal(int ord) {
        query = storage.address(ord);
    }

    @Override
    public float dot(int ord) {
        return SimdKernels.dotF32(query, storage.address(ord), blocks);
    }

    @Override
    public float squaredL2(int ord) {
        return SimdKernels.l2F32(query, storage.address(ord), blocks);
    }

    @Override
    public void dot(int[] ords, int count, float[] out) {
        int addrs = scratch.addresses(storage.rows, ords, count);
        SimdKernels.dotF32Batch(query, addrs, count, blocks, scratch.out());
        scratch.readFloats(out, count);
    }

    @Override
    public void squaredL2(int[] ords, int count, float[] out) {
        int addrs = scratch.addresses(storage.rows, ords, count);
        SimdKernels.l2F32Batch(query, addrs, count, blocks, scratch.out());
        scratch.readFloats(out, count);
    }
}
