package dev.teavec.core.store;

import dev.teavec.core.quant.HalfFloat;
import dev.teavec.core.vector.VectorOps;

/**
 * The scalar {@link Float16Kernel} over any {@link CodeStorage} (in place over a {@link ByteVectorStore}'s
 * arrays, else row by row through {@code read}), and the reference the SIMD kernel
 * (npm-package/src/simd/float16.wat) must equal bit for bit: sixteen lanes as {@link VectorOps#dot}'s.
 */
public final class HeapFloat16Kernel implements Float16Kernel {
    private final CodeStorage storage;
    /** The storage when it is Java arrays, read in place; else null and rows are copied out. */
    private final ByteVectorStore heap;
    private final int dim;
    private final float[] query;
    private final byte[] row;

    public HeapFloat16Kernel(CodeStorage storage) {
        assert storage.dimensions() % 2 == 0 : "two bytes a half";
        this.storage = storage;
        this.heap = storage instanceof ByteVectorStore ? (ByteVectorStore) storage : null;
        this.dim = storage.dimensions() / 2;
        this.query = new float[dim];
        this.row = new byte[2 * dim];
    }

    @Override
    public void setQuery(float[] q) {
        System.arraycopy(q, 0, query, 0, dim);
    }

    @Override
    public void setQueryFromOrdinal(int ord, double factor) {
        storage.read(ord, row);
        decode(row, 0, dim, factor, query);
    }

    @Override
    public float dot(int ord) {
        if (heap != null) {
            return dot(query, heap.chunk(ord), heap.offset(ord), dim);
        }
        storage.read(ord, row);
        return dot(query, row, 0, dim);
    }

    @Override
    public void dot(int[] ords, int count, float[] out) {
        for (int i = 0; i < count; i++) {
            out[i] = dot(ords[i]);
        }
    }

    /** The half of dimension {@code i} in a row of little-endian halves at {@code row[off..)}. */
    public static int half(byte[] row, int off, int i) {
        return (row[off + 2 * i] & 0xFF) | (row[off + 2 * i + 1] << 8);
    }

    /** Half {@code i} of the row as a float ({@link HalfFloat#toFloatFinite}: finite halves only). */
    private static float at(byte[] row, int off, int i) {
        return HalfFloat.toFloatFinite(half(row, off, i));
    }

    /**
     * {@code out[i] = clamp((float) (half_i · factor))} for {@code i < dim}: the product in double (exact, a
     * half has 11 significant bits and {@code factor} is a power of two) rounded once; a carry past
     * {@link Float#MAX_VALUE} is clamped to it.
     */
    public static void decode(byte[] row, int off, int dim, double factor, float[] out) {
        for (int i = 0; i < dim; i++) {
            float x = (float) (at(row, off, i) * factor);
            out[i] = Math.max(-Float.MAX_VALUE, Math.min(Float.MAX_VALUE, x));
        }
    }

    /**
     * {@code Σ q_i · h_i} over the halves at {@code row[off..off + 2·dim)}, in {@link VectorOps#dot}'s sixteen
     * lanes and reduction order (the SIMD kernel's).
     */
    public static float dot(float[] q, byte[] row, int off, int dim) {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
        float s8 = 0f, s9 = 0f, s10 = 0f, s11 = 0f, s12 = 0f, s13 = 0f, s14 = 0f, s15 = 0f;
        int end = dim & -VectorOps.LANES;
        for (int i = 0; i < end; i += VectorOps.LANES) {
            s0 += q[i] * at(row, off, i);
            s1 += q[i + 1] * at(row, off, i + 1);
            s2 += q[i + 2] * at(row, off, i + 2);
            s3 += q[i + 3] * at(row, off, i + 3);
            s4 += q[i + 4] * at(row, off, i + 4);
            s5 += q[i + 5] * at(row, off, i + 5);
            s6 += q[i + 6] * at(row, off, i + 6);
            s7 += q[i + 7] * at(row, off, i + 7);
            s8 += q[i + 8] * at(row, off, i + 8);
            s9 += q[i + 9] * at(row, off, i + 9);
            s10 += q[i + 10] * at(row, off, i + 10);
            s11 += q[i + 11] * at(row, off, i + 11);
            s12 += q[i + 12] * at(row, off, i + 12);
            s13 += q[i + 13] * at(row, off, i + 13);
            s14 += q[i + 14] * at(row, off, i + 14);
            s15 += q[i + 15] * at(row, off, i + 15);
        }
        int x = end;
        // The last, partial block: lane j gets dimension end + j, as in the zero-padded SIMD block.
        switch (dim - end) {
            case 15: s14 += q[x + 14] * at(row, off, x + 14); // fall through
            case 14: s13 += q[x + 13] * at(row, off, x + 13); // fall through
            case 13: s12 += q[x + 12] * at(row, off, x + 12); // fall through
            case 12: s11 += q[x + 11] * at(row, off, x + 11); // fall through
            case 11: s10 += q[x + 10] * at(row, off, x + 10); // fall through
            case 10: s9 += q[x + 9] * at(row, off, x + 9); // fall through
            case 9: s8 += q[x + 8] * at(row, off, x + 8); // fall through
            case 8: s7 += q[x + 7] * at(row, off, x + 7); // fall through
            case 7: s6 += q[x + 6] * at(row, off, x + 6); // fall through
            case 6: s5 += q[x + 5] * at(row, off, x + 5); // fall through
            case 5: s4 += q[x + 4] * at(row, off, x + 4); // fall through
            case 4: s3 += q[x + 3] * at(row, off, x + 3); // fall through
            case 3: s2 += q[x + 2] * at(row, off, x + 2); // fall through
            case 2: s1 += q[x + 1] * at(row, off, x + 1); // fall through
            case 1: s0 += q[x] * at(row, off, x); // fall through
            default: break;
        }
        float l0 = (s0 + s4) + (s8 + s12);
        float l1 = (s1 + s5) + (s9 + s13);
        float l2 = (s2 + s6) + (s10 + s14);
        float l3 = (s3 + s7) + (s11 + s15);
        return (l0 + l1) + (l2 + l3);
    }
}
