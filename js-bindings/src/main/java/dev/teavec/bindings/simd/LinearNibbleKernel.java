package dev.teavec.bindings.simd;

import dev.teavec.core.store.NibbleKernel;
import org.teavm.interop.Address;

/**
 * SIMD integer dot products (16-bit weights × 4-bit codes) over a {@link LinearCodeStorage} of SQ4 rows. Each
 * 16-byte block of codes holds 32 dimensions; the kernel splits it into low nibbles (even dimensions) and high
 * nibbles (odd ones), so the weights are stored de-interleaved to match: per block, the 16 even then the 16 odd.
 */
final class LinearNibbleKernel extends LinearKernel implements NibbleKernel {
    private final LinearCodeStorage storage;
    private final int blocks;
    /** {@code blocks} × 32 i16 weights (a zeroed block: padding dimensions stay zero). */
    private final LinearBlock weights;

    LinearNibbleKernel(LinearCodeStorage storage) {
        super(storage.arena);
        this.storage = storage;
        this.blocks = storage.blocks;
        this.weights = alloc(blocks * 64);
    }

    @Override
    public void setWeights(short[] w) {
        Address a = Address.fromInt(weights.address);
        int n = 2 * storage.dimensions();
        for (int i = 0; i < n; i++) {
            int r = i & 31;
            a.add(((i >> 5) << 6) + ((((r & 1) << 4) + (r >> 1)) << 1)).putShort(w[i]);
        }
    }

    @Override
    public int dot(int ord) {
        return Sq4PqKernels.dotU4(weights.address, storage.address(ord), blocks);
    }

    @Override
    public void dot(int[] ords, int count, int[] out) {
        int addrs = scratch.addresses(storage.rows, ords, count);
        Sq4PqKernels.dotU4Batch(weights.address, addrs, count, blocks, scratch.out());
        scratch.readInts(out, count);
    }
}
