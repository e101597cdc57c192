package dev.teavec.core.store;

import dev.teavec.core.quant.ProductQuantizer;

/** Scalar reference of {@link LookupKernel}: reads Java-array codes in place, other storages' rows copied out. */
final class HeapLookupKernel implements LookupKernel {
    private final CodeStorage codes;
    private final ByteVectorStore heap;
    private final int m;
    private final byte[] row;
    private final float[] table;
    private final ProductQuantizer pq;
    private float[] query;
    private boolean l2;

    HeapLookupKernel(CodeStorage codes, ProductQuantizer pq) {
        this.pq = pq;
        this.codes = codes;
        this.heap = codes instanceof ByteVectorStore ? (ByteVectorStore) codes : null;
        this.m = codes.dimensions();
        this.row = heap == null ? new byte[m] : null;
        this.table = new float[m * ENTRIES];
        assert pq.subspaces() == m : "sub-spaces " + pq.subspaces() + " for rows of " + m;
    }

    @Override
    public void setQuery(float[] q, boolean l2) {
        pq.fillTable(q, l2, table);
    }

    @Override
    public void encode(float[] v, byte[] out) {
        pq.encode(v, out);
    }

    @Override
    public void setDirectQuery(float[] q, boolean l2) {
        this.query = q;
        this.l2 = l2;
    }

    @Override
    public float direct(int ord) {
        if (heap != null) {
            return direct(heap.chunk(ord), heap.offset(ord));
        }
        codes.read(ord, row);
        return direct(row, 0);
    }

    private float direct(byte[] code, int off) {
        float sum = 0f;
        for (int s = 0; s < m; s++) {
            sum += pq.partial(s, query, code[off + s] & 0xFF, l2);
        }
        return sum;
    }

    @Override
    public float sum(int ord) {
        if (heap != null) {
            return sum(table, heap.chunk(ord), heap.offset(ord), m);
        }
        codes.read(ord, row);
        return sum(table, row, 0, m);
    }

    @Override
    public void sum(int[] ords, int count, float[] out) {
        for (int i = 0; i < count; i++) {
            out[i] = sum(ords[i]);
        }
    }

    static float sum(float[] table, byte[] codes, int off, int m) {
        float sum = 0f;
        for (int s = 0; s < m; s++) {
            sum += table[(s << 8) + (codes[off + s] & 0xFF)];
        }
        return sum;
    }
}
