package dev.teavec.bindings.simd;

import dev.teavec.core.quant.ProductQuantizer;
import org.teavm.interop.Address;

/**
 * A PQ quantizer's centroids copied into linear memory for pq.wat's table fill, once per storage (its lookup
 * kernels share them): the transposed sub-space blocks end to end, which puts dimension i's 256 centroid
 * values at floats {@code [256 · i, 256 · (i + 1))}, then the sub-space offsets (m + 1 ints).
 */
final class LinearPqCentroids {
    final ProductQuantizer of;
    final int address;
    final int offsets;
    private final LinearBlock block;

    LinearPqCentroids(LinearArena arena, ProductQuantizer pq) {
        int dim = pq.dimensions();
        int m = pq.subspaces();
        this.of = pq;
        this.block = arena.alloc(dim * ProductQuantizer.CENTROIDS * 4 + (m + 1) * 4);
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

    long bytes() {
        return block.bytes;
    }

    void release() {
        block.release();
    }
}
