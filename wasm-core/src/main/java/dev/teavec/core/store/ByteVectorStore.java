package dev.teavec.core.store;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;

/**
 * Fixed-length byte codes by ordinal (SQ8 vectors), stored in chunks for the same reason as
 * {@link FloatVectorStore}: one Wasm GC array holds at most 2^27 elements, and 1M × 384 codes are
 * 384 MB. Read a code as {@code chunk(ord)[offset(ord) + i] & 0xFF}.
 */
public final class ByteVectorStore implements CodeStorage {
    /** 2^22 bytes (4 MiB) per chunk, far below the 2^27-element cap. */
    static final int CHUNK_BYTES = 1 << 22;

    private final int dim;
    private final int vectorsPerChunk;
    private byte[][] chunks = new byte[0][];
    private int size;

    public ByteVectorStore(int dim) {
        this(dim, CHUNK_BYTES);
    }

    /** Visible for tests, which use tiny chunks to cross chunk boundaries with few vectors. */
    public ByteVectorStore(int dim, int chunkBytes) {
        assert dim > 0 : "dim must be positive: " + dim;
        this.dim = dim;
        this.vectorsPerChunk = Math.max(1, chunkBytes / dim);
    }

    @Override
    public int dimensions() {
        return dim;
    }

    @Override
    public int size() {
        return size;
    }

    /** Reserves the next ordinal and returns it; the caller fills its bytes through {@link #chunk(int)} or {@link #write}. */
    @Override
    public int append() {
        if (size == Integer.MAX_VALUE) {
            throw new TeaVecException(ErrorCode.CAPACITY_EXCEEDED, "the index holds the maximum number of vectors");
        }
        ensureRoom();
        return size++;
    }

    public byte[] chunk(int ord) {
        assert ord >= 0 && ord < size : "ordinal out of range: " + ord + " of " + size;
        return chunks[ord / vectorsPerChunk];
    }

    public int offset(int ord) {
        return (ord % vectorsPerChunk) * dim;
    }

    @Override
    public void write(int ord, byte[] codes) {
        System.arraycopy(codes, 0, chunk(ord), offset(ord), dim);
    }

    @Override
    public void read(int ord, byte[] out) {
        System.arraycopy(chunk(ord), offset(ord), out, 0, dim);
    }

    @Override
    public ByteVectorStore newEmpty() {
        return new ByteVectorStore(dim, vectorsPerChunk * dim);
    }

    @Override
    public CodeKernel newKernel() {
        return new HeapCodeKernel(this);
    }

    /**
     * Makes room for ordinal {@code size}. Full chunks have a fixed size; the last one starts small
     * and doubles up to that size, so a small index does not pay for a whole chunk.
     */
    private void ensureRoom() {
        int chunk = size / vectorsPerChunk;
        int slot = size % vectorsPerChunk;
        if (chunk == chunks.length) {
            byte[][] grown = new byte[chunks.length + 1][];
            System.arraycopy(chunks, 0, grown, 0, chunks.length);
            grown[chunk] = new byte[Math.min(vectorsPerChunk, 16) * dim];
            chunks = grown;
        } else if ((slot + 1) * dim > chunks[chunk].length) {
            int vectors = Math.min(vectorsPerChunk, Math.max(slot + 1, 2 * (chunks[chunk].length / dim)));
            byte[] bigger = new byte[vectors * dim];
            System.arraycopy(chunks[chunk], 0, bigger, 0, slot * dim);
            chunks[chunk] = bigger;
        }
    }

    /** Bytes held by codes (allocated chunk capacity). */
    @Override
    public long bytesUsed() {
        long bytes = 0;
        for (byte[] c : chunks) {
            bytes += c.length;
        }
        return bytes;
    }
}
