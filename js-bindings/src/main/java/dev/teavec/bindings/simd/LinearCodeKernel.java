package dev.teavec.bindings.simd;

import dev.teavec.core.quant.Sq8Quantizer;
import dev.teavec.core.store.CodeKernel;
import dev.teavec.core.vector.VectorOps;
import org.teavm.interop.Address;

/** SIMD integer dot products (16-bit weights × 8-bit codes) over a {@link LinearCodeStorage}. */
final class LinearCodeKernel extends LinearKernel implements CodeKernel {
    private final LinearCodeStorage storage;
    private final int dim;
    private final int blocks;
    /** The weights as i16, zero-padded like the codes. */
    private final LinearBlock weights;
    /** Scratch of the SIMD preparation: the float weights, then [constant, scale]. */
    private final LinearBlock prepared;
    /** The preparation tables of {@link #tablesOf}, in linear memory; rebuilt when the quantizer changes. */
    private LinearBlock tables;
    private Sq8Quantizer tablesOf;
    private float constant;
    private float scale;

    LinearCodeKernel(LinearCodeStorage storage) {
        super(storage.arena);
        this.storage = storage;
        this.dim = storage.dimensions();
        this.blocks = storage.blocks;
        this.weights = alloc(blocks * VectorOps.LANES * 2);
        this.prepared = alloc(blocks * VectorOps.LANES * 4 + 8);
    }

    @Override
    public void setQueryFromOrdinal(int ord, Sq8Quantizer quantizer) {
        if (quantizer != tablesOf) {
            float[] t = quantizer.preparationTables(blocks * VectorOps.LANES);
            if (tables == null) {
                tables = alloc(t.length * 4);
            }
            LinearFloatStorage.write(tables.address, t, t.length);
            tablesOf = quantizer;
        }
        int out = prepared.address + blocks * VectorOps.LANES * 4;
        SimdKernels.prepareU8(storage.address(ord), tables.address, blocks, prepared.address, weights.address, out,
                quantizer.minSquaredSum(), Sq8Quantizer.maxWeight(dim));
        constant = Address.fromInt(out).getFloat();
        scale = Address.fromInt(out + 4).getFloat();
    }

    @Override
    public float constant() {
        return constant;
    }

    @Override
    public float scale() {
        return scale;
    }

    @Override
    public void setWeights(short[] w) {
        Address a = Address.fromInt(weights.address);
        for (int i = 0; i < dim; i++) {
            a.add(i << 1).putShort(w[i]);
        }
    }

    @Override
    public int dot(int ord) {
        return SimdKernels.dotU8(weights.address, storage.address(ord), blocks);
    }

    @Override
    public void dot(int[] ords, int count, int[] out) {
        int addrs = scratch.addresses(storage.rows, ords, count);
        SimdKernels.dotU8Batch(weights.address, addrs, count, blocks, scratch.out());
        scratch.readInts(out, count);
    }
}
