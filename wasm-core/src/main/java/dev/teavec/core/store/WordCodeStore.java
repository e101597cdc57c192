package dev.teavec.core.store;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;

/**
 * Binary codes on the Java heap as 64-bit words (a {@link CodeStorage} of {@code 8 · words} bytes a row, which
 * reads and writes little-endian bytes), so that the scalar {@link HeapBinaryKernel} popcounts whole words with
 * no byte-to-word assembly per distance: what binary codes use where the factory's kernels are scalar.
 */
public final class WordCodeStore implements CodeStorage {
    private final int words;
    private long[] data;
    private int size;

    public WordCodeStore(int words) {
        assert words > 0 : "words must be positive: " + words;
        this.words = words;
        this.data = new long[16 * words];
    }

    /** Every row's words, row {@code ord} at {@code [ord · words, (ord + 1) · words)}; replaced when it grows. */
    long[] data() {
        return data;
    }

    int words() {
        return words;
    }

    @Override
    public int dimensions() {
        return 8 * words;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int append() {
        if ((long) (size + 1) * words > Integer.MAX_VALUE - 8) {
            throw new TeaVecException(ErrorCode.CAPACITY_EXCEEDED, "the index holds the maximum number of binary codes");
        }
        if ((size + 1) * words > data.length) {
            reserve(Math.max(size + 1, 2 * size));
        }
        return size++;
    }

    @Override
    public void reserve(int count) {
        if ((long) count * words > data.length && (long) count * words <= Integer.MAX_VALUE - 8) {
            long[] grown = new long[count * words];
            System.arraycopy(data, 0, grown, 0, size * words);
            data = grown;
        }
    }

    @Override
    public void write(int ord, byte[] codes) {
        assert ord >= 0 && ord < size : "ordinal out of range: " + ord + " of " + size;
        for (int w = 0; w < words; w++) {
            data[ord * words + w] = HeapBinaryKernel.word(codes, 0, w);
        }
    }

    @Override
    public void read(int ord, byte[] out) {
        assert ord >= 0 && ord < size : "ordinal out of range: " + ord + " of " + size;
        for (int w = 0; w < words; w++) {
            long v = data[ord * words + w];
            for (int b = 0; b < 8; b++) {
                out[(w << 3) + b] = (byte) (v >>> (b << 3));
            }
        }
    }

    @Override
    public WordCodeStore newEmpty() {
        return new WordCodeStore(words);
    }

    /** Not an SQ8 store: binary codes are scored by {@link #newBinaryKernel()}. */
    @Override
    public CodeKernel newKernel() {
        throw new UnsupportedOperationException("binary codes have no SQ8 kernel");
    }

    @Override
    public BinaryKernel newBinaryKernel() {
        return new HeapBinaryKernel(this);
    }

    @Override
    public long bytesUsed() {
        return (long) data.length * Long.BYTES;
    }
}
