package dev.teavec.bindings.simd;

import dev.teavec.core.store.BinaryKernel;
import org.teavm.interop.Address;

/** SIMD popcounts ({@link BinaryKernels}) over binary codes in a {@link LinearCodeStorage}. */
final class LinearBinaryKernel extends LinearKernel implements BinaryKernel {
    private final LinearCodeStorage storage;
    private final int words;
    private final int blocks;
    /** The query's four bit planes, interleaved by 16-byte block (see {@link BinaryKernels#planes}). */
    private final LinearBlock planes;
    /** A stored query's code, copied: a later append may move its row. */
    private final LinearBlock query;

    LinearBinaryKernel(LinearCodeStorage storage) {
        super(storage.arena);
        assert (storage.dimensions() & 7) == 0 : "binary rows are whole 64-bit words: " + storage.dimensions();
        this.storage = storage;
        this.words = storage.dimensions() >>> 3;
        this.blocks = storage.blocks;
        this.planes = alloc(blocks * 16 * PLANES);
        this.query = alloc(blocks * 16);
    }

    @Override
    public void setPlanes(long[] p) {
        Address base = Address.fromInt(planes.address);
        for (int j = 0; j < PLANES; j++) {
            for (int w = 0; w < words; w++) {
                base.add(((w >>> 1) << 6) + (j << 4) + ((w & 1) << 3)).putLong(p[j * words + w]);
            }
        }
    }

    @Override
    public int weighted(int ord) {
        return BinaryKernels.planes(planes.address, storage.address(ord), blocks);
    }

    @Override
    public void weighted(int[] ords, int count, int[] out) {
        int addrs = scratch.addresses(storage.rows, ords, count);
        BinaryKernels.planesBatch(planes.address, addrs, count, blocks, scratch.out());
        scratch.readInts(out, count);
    }

    @Override
    public void setQueryFromOrdinal(int ord) {
        Address.moveMemoryBlock(Address.fromInt(storage.address(ord)), Address.fromInt(query.address), blocks * 16);
    }

    @Override
    public int hamming(int ord) {
        return BinaryKernels.hamming(query.address, storage.address(ord), blocks);
    }

    @Override
    public void hamming(int[] ords, int count, int[] out) {
        int addrs = scratch.addresses(storage.rows, ords, count);
        BinaryKernels.hammingBatch(query.address, addrs, count, blocks, scratch.out());
        scratch.readInts(out, count);
    }
}
