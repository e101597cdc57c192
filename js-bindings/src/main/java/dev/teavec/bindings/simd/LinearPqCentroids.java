package dev.teavec.bindings.simd;

import dev.teavec.core.quant.ProductQuantizer;
import dev.teavec.core.store.LookupKernel;
import dev.teavec.core.store.LookupTables;
import org.teavm.interop.Address;

/**
 * A PQ quantizer's centroids copied into linear memory for pq.wat's table fill, once per PQ vectors (their scorers'
 * kernels share them): the transposed sub-space blocks end to end, which puts dimension i's 256 centroid values at
 * floats {@code [256 · i, 256 · (i + 1))}, then the sub-space offsets (m + 1 ints).
 */
final class LinearPqCentroids implements LookupTables {
    private final LinearCodeStorage storage;
    final int dim;
    final int address;
    final int offsets;
    private final LinearBlock block;

    LinearPqCentroids(LinearCodeStorage storage, ProductQuantizer pq) {
        this.storage = storage;
        this.dim = pq.dimensions();
        int m = pq.subspaces();
        this.block = storage.arena.alloc(dim * ProductQuantizer.CENTROIDS * 4 + (m + 1) * 4);
        this.address = block.address;
        this.offsets = address + dim * ProductQuantizer.CENTROIDS * 4;
        for (int s = 0; s < m; s++) {
            float[] cs = pq.centroids(s);
            Address a = Address.fromInt(address + pq.offset(s) * ProductQuantizer.CENTROIDS * 4);
            for (int k = 0; k < cs.length; k++) {
                a.add(k << 2).putFloat(cs[k]);
            }
            Address.fromInt(offsets).add(s << 2).putInt(pq.offset(s));
        }
        Address.fromInt(offsets).add(m << 2).putInt(dim);
    }

    @Override
    public LookupKernel newKernel() {
        return new LinearLookupKernel(storage, this);
    }

    @Override
    public long bytesUsed() {
        return block.bytes;
    }

    @Override
    public void release() {
        block.release();
    }
}
