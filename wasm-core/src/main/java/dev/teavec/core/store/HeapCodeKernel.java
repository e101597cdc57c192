package dev.teavec.core.store;

import dev.teavec.core.quant.Sq8Quantizer;
import dev.teavec.core.vector.VectorOps;

/** Scalar integer dot products over a {@link ByteVectorStore}. */
final class HeapCodeKernel implements CodeKernel {
    private final ByteVectorStore store;
    private final int dim;
    private final short[] weights;
    private final float[] scaled;
    private float constant;
    private float scale;

    HeapCodeKernel(ByteVectorStore store) {
        this.store = store;
        this.dim = store.dimensions();
        this.weights = new short[dim];
        this.scaled = new float[dim];
    }

    @Override
    public void setQueryFromOrdinal(int ord, Sq8Quantizer quantizer) {
        constant = quantizer.prepareFromCodes(store.chunk(ord), store.offset(ord), scaled);
        scale = Sq8Quantizer.toIntWeights(scaled, weights, dim);
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
        System.arraycopy(w, 0, weights, 0, dim);
    }

    @Override
    public int dot(int ord) {
        return VectorOps.dotCodes(weights, store.chunk(ord), store.offset(ord), dim);
    }

    @Override
    public void dot(int[] ords, int count, int[] out) {
        for (int i = 0; i < count; i++) {
            out[i] = dot(ords[i]);
        }
    }
}
