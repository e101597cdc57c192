package dev.teavec.core.store;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;

/**
 * Float vectors by ordinal, stored in fixed-size chunks. A single Wasm GC array holds at most 2^27
 * elements, so one flat {@code float[]} would cap the index at ~350k × 384; chunks lift that limit
 * and let the store grow without copying what it already holds.
 */
public final class FloatVectorStore implements FloatStorage {
    /** 2^20 floats (4 MiB) per chunk: far below the 2^27 cap, large enough that chunk lookups are rare. */
    static final int CHUNK_FLOATS = 1 << 20;

    private final int dim;
    private final int vectorsPerChunk;
    private float[][] chunks = new float[0][];
    private int size;

    public FloatVectorStore(int dim) {
        this(dim, CHUNK_FLOATS);
    }

    /** Visible for tests, which use tiny chunks to cross chunk boundaries with few vectors. */
    public FloatVectorStore(int dim, int chunkFloats) {
        assert dim > 0 : "dim must be positive: " + dim;
        this.dim = dim;
        this.vectorsPerChunk = Math.max(1, chunkFloats / dim);
    }

    @Override
    public int dimensions() {
        return dim;
    }

    @Override
    public int size() {
        return size;
    }

    /** Appends a copy of {@code v} and returns its ordinal. */
    @Override
    public int add(float[] v) {
        assert v.length == dim : "vector length " + v.length + " != " + dim;
        if (size == Integer.MAX_VALUE) {
            throw new TeaVecException(ErrorCode.CAPACITY_EXCEEDED, "the index holds the maximum number of vectors");
        }
        ensureRoom();
        System.arraycopy(v, 0, chunks[size / vectorsPerChunk], (size % vectorsPerChunk) * dim, dim);
        return size++;
    }

    /** The chunk array holding {@code ord}; read it from {@link #offset(int)} for {@link #dimensions()} floats. */
    public float[] chunk(int ord) {
        assert ord >= 0 && ord < size : "ordinal out of range: " + ord + " of " + size;
        return chunks[ord / vectorsPerChunk];
    }

    public int offset(int ord) {
        return (ord % vectorsPerChunk) * dim;
    }

    public float[] copyOf(int ord) {
        float[] out = new float[dim];
        read(ord, out);
        return out;
    }

    @Override
    public void set(int ord, float[] v) {
        System.arraycopy(v, 0, chunk(ord), offset(ord), dim);
    }

    @Override
    public void read(int ord, float[] out) {
        System.arraycopy(chunk(ord), offset(ord), out, 0, dim);
    }

    @Override
    public FloatVectorStore newEmpty() {
        return new FloatVectorStore(dim, vectorsPerChunk * dim);
    }

    @Override
    public FloatKernel newKernel() {
        return new HeapFloatKernel(this);
    }

    /**
     * Makes room for ordinal {@code size}. Full chunks have a fixed size; the last one starts small
     * and doubles up to that size, so a small index does not pay for a whole chunk.
     */
    private void ensureRoom() {
        int chunk = size / vectorsPerChunk;
        int slot = size % vectorsPerChunk;
        if (chunk == chunks.length) {
            float[][] grown = new float[chunks.length + 1][];
            System.arraycopy(chunks, 0, grown, 0, chunks.length);
            grown[chunk] = new float[Math.min(vectorsPerChunk, 16) * dim];
            chunks = grown;
        } else if ((slot + 1) * dim > chunks[chunk].length) {
            int vectors = Math.min(vectorsPerChunk, Math.max(slot + 1, 2 * (chunks[chunk].length / dim)));
            float[] bigger = new float[vectors * dim];
            System.arraycopy(chunks[chunk], 0, bigger, 0, slot * dim);
            chunks[chunk] = bigger;
        }
    }

    /** Bytes held by vector data (allocated chunk capacity). */
    @Override
    public long bytesUsed() {
        long floats = 0;
        for (float[] c : chunks) {
            floats += c.length;
        }
        return floats * Float.BYTES;
    }
}
