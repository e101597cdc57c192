package dev.teavec.core.store;

/** Scalar reference of {@link NibbleKernel}: reads Java-array codes in place, other storages' rows copied out. */
final class HeapNibbleKernel implements NibbleKernel {
    private final CodeStorage codes;
    private final ByteVectorStore heap;
    private final int codeBytes;
    private final short[] weights;
    private final byte[] row;

    HeapNibbleKernel(CodeStorage codes) {
        this.codes = codes;
        this.heap = codes instanceof ByteVectorStore ? (ByteVectorStore) codes : null;
        this.codeBytes = codes.dimensions();
        this.weights = new short[2 * codeBytes];
        this.row = heap == null ? new byte[codeBytes] : null;
    }

    @Override
    public void setWeights(short[] w) {
        System.arraycopy(w, 0, weights, 0, weights.length);
    }

    @Override
    public int dot(int ord) {
        if (heap != null) {
            return dotNibbles(weights, heap.chunk(ord), heap.offset(ord), codeBytes);
        }
        codes.read(ord, row);
        return dotNibbles(weights, row, 0, codeBytes);
    }

    @Override
    public void dot(int[] ords, int count, int[] out) {
        for (int i = 0; i < count; i++) {
            out[i] = dot(ords[i]);
        }
    }

    /** {@code Σ w_i · c_i} over packed 4-bit codes at {@code codes[off..off + codeBytes)}: exact (int). */
    static int dotNibbles(short[] w, byte[] codes, int off, int codeBytes) {
        int s0 = 0;
        int s1 = 0;
        for (int j = 0; j < codeBytes; j++) {
            int b = codes[off + j];
            s0 += w[2 * j] * (b & 0xF);
            s1 += w[2 * j + 1] * ((b >> 4) & 0xF);
        }
        return s0 + s1;
    }
}
