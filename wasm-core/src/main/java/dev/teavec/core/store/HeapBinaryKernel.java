package dev.teavec.core.store;

/**
 * The scalar reference for {@link BinaryKernel}: whole words from a {@link WordCodeStore} (what binary codes use
 * with scalar kernels), else each code's bytes read back as 64-bit words from a {@link ByteVectorStore}'s chunk or
 * through {@link CodeStorage#read}.
 */
final class HeapBinaryKernel implements BinaryKernel {
    private final CodeStorage storage;
    private final ByteVectorStore heap;
    private final WordCodeStore wordStore;
    private final int words;
    private final long[] planes;
    private final long[] query;
    private final byte[] row;

    HeapBinaryKernel(CodeStorage storage) {
        assert (storage.dimensions() & 7) == 0 : "binary rows are whole 64-bit words: " + storage.dimensions();
        this.storage = storage;
        this.heap = storage instanceof ByteVectorStore ? (ByteVectorStore) storage : null;
        this.wordStore = storage instanceof WordCodeStore ? (WordCodeStore) storage : null;
        this.words = storage.dimensions() >>> 3;
        this.planes = new long[PLANES * words];
        this.query = new long[words];
        this.row = heap == null ? new byte[storage.dimensions()] : null;
    }

    /** Word {@code w} of a code whose bytes start at {@code b[off]}, little-endian. */
    static long word(byte[] b, int off, int w) {
        int o = off + (w << 3);
        return (b[o] & 0xFFL) | (b[o + 1] & 0xFFL) << 8 | (b[o + 2] & 0xFFL) << 16 | (b[o + 3] & 0xFFL) << 24
                | (b[o + 4] & 0xFFL) << 32 | (b[o + 5] & 0xFFL) << 40 | (b[o + 6] & 0xFFL) << 48
                | (b[o + 7] & 0xFFL) << 56;
    }

    private byte[] bytesOf(int ord) {
        if (heap != null) {
            return heap.chunk(ord);
        }
        storage.read(ord, row);
        return row;
    }

    private int offsetOf(int ord) {
        return heap != null ? heap.offset(ord) : 0;
    }

    @Override
    public void setPlanes(long[] p) {
        System.arraycopy(p, 0, planes, 0, PLANES * words);
    }

    @Override
    public int weighted(int ord) {
        if (wordStore != null) {
            long[] data = wordStore.data();
            int base = ord * words;
            int sum = 0;
            for (int w = 0; w < words; w++) {
                long code = data[base + w];
                sum += Long.bitCount(code & planes[w])
                        + (Long.bitCount(code & planes[words + w]) << 1)
                        + (Long.bitCount(code & planes[2 * words + w]) << 2)
                        + (Long.bitCount(code & planes[3 * words + w]) << 3);
            }
            return sum;
        }
        byte[] b = bytesOf(ord);
        int off = offsetOf(ord);
        int sum = 0;
        for (int w = 0; w < words; w++) {
            long code = word(b, off, w);
            sum += Long.bitCount(code & planes[w])
                    + (Long.bitCount(code & planes[words + w]) << 1)
                    + (Long.bitCount(code & planes[2 * words + w]) << 2)
                    + (Long.bitCount(code & planes[3 * words + w]) << 3);
        }
        return sum;
    }

    @Override
    public void weighted(int[] ords, int count, int[] out) {
        for (int i = 0; i < count; i++) {
            out[i] = weighted(ords[i]);
        }
    }

    @Override
    public void setQueryFromOrdinal(int ord) {
        if (wordStore != null) {
            System.arraycopy(wordStore.data(), ord * words, query, 0, words);
            return;
        }
        byte[] b = bytesOf(ord);
        int off = offsetOf(ord);
        for (int w = 0; w < words; w++) {
            query[w] = word(b, off, w);
        }
    }

    @Override
    public int hamming(int ord) {
        if (wordStore != null) {
            long[] data = wordStore.data();
            int base = ord * words;
            int sum = 0;
            for (int w = 0; w < words; w++) {
                sum += Long.bitCount(data[base + w] ^ query[w]);
            }
            return sum;
        }
        byte[] b = bytesOf(ord);
        int off = offsetOf(ord);
        int sum = 0;
        for (int w = 0; w < words; w++) {
            sum += Long.bitCount(word(b, off, w) ^ query[w]);
        }
        return sum;
    }

    @Override
    public void hamming(int[] ords, int count, int[] out) {
        for (int i = 0; i < count; i++) {
            out[i] = hamming(ords[i]);
        }
    }
}
