package dev.teavec.core.store;

import dev.teavec.core.vector.VectorOps;

/** Scalar kernels over a {@link FloatVectorStore}. A stored query is read in place, never copied. */
final class HeapFloatKernel implements FloatKernel {
    private final FloatVectorStore store;
    private final int dim;
    private final float[] own;
    private float[] query;
    private int queryOff;

    HeapFloatKernel(FloatVectorStore store) {
        this.store = store;
        this.dim = store.dimensions();
        this.own = new float[dim];
        this.query = own;
    }

    @Override
    public void setQuery(float[] q) {
        assert q.length == dim : "query length " + q.length + " != " + dim;
        System.arraycopy(q, 0, own, 0, dim);
        query = own;
        queryOff = 0;
    }

    @Override
    public void setQueryFromOrdinal(int ord) {
        query = store.chunk(ord);
        queryOff = store.offset(ord);
    }

    @Override
    public float dot(int ord) {
        return VectorOps.dot(query, queryOff, store.chunk(ord), store.offset(ord), dim);
    }

    @Override
    public float squaredL2(int ord) {
        return VectorOps.squaredL2(query, queryOff, store.chunk(ord), store.offset(ord), dim);
    }

    @Override
    public void dot(int[] ords, int count, float[] out) {
        for (int i = 0; i < count; i++) {
            out[i] = dot(ords[i]);
        }
    }

    @Override
    public void squaredL2(int[] ords, int count, float[] out) {
        for (int i = 0; i < count; i++) {
            out[i] = squaredL2(ords[i]);
        }
    }
}
