package dev.teavec.bindings.simd;

import dev.teavec.core.store.Float16Kernel;
import dev.teavec.core.vector.VectorOps;

/**
 * SIMD float16 dot products over a {@link LinearCodeStorage} whose rows are halves. The query is a float
 * copy in linear memory, zero-padded to a multiple of 16; a stored row is made the query by decoding it there
 * in SIMD. A batch is one kernel call per neighbour list, as {@link LinearFloatKernel}'s.
 */
final class LinearFloat16Kernel extends LinearKernel implements Float16Kernel {
    private final LinearCodeStorage storage;
    private final int dim;
    /** The row's 16-byte blocks of 8 halves. */
    private final int blocks;
    private final LinearBlock query;

    LinearFloat16Kernel(LinearCodeStorage storage) {
        super(storage.arena);
        this.storage = storage;
        this.dim = storage.dimensions() / 2;
        this.blocks = storage.blocks;
        // Zeroed: the padding past dim stays +0 (setQuery writes dim floats, decodeF16 decodes zero padding).
        this.query = alloc(VectorOps.padded(dim) * 4);
    }

    @Override
    public void setQuery(float[] q) {
        LinearFloatStorage.write(query.address, q, dim);
    }

    @Override
    public void setQueryFromOrdinal(int ord, double factor) {
        Float16Kernels.decodeF16(storage.address(ord), blocks, factor, query.address);
    }

    @Override
    public float dot(int ord) {
        return Float16Kernels.dotF16(query.address, storage.address(ord), blocks);
    }

    @Override
    public void dot(int[] ords, int count, float[] out) {
        int addrs = scratch.addresses(storage.rows, ords, count);
        Float16Kernels.dotF16Batch(query.address, addrs, count, blocks, scratch.out());
        scratch.readFloats(out, count);
    }
}
