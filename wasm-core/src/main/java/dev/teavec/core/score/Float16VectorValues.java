package dev.teavec.core.score;

import dev.teavec.core.quant.HalfFloat;
import dev.teavec.core.store.CodeStorage;
import dev.teavec.core.store.HeapFloat16Kernel;
import dev.teavec.core.store.RowSource;
import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.vector.Metric;
import dev.teavec.core.vector.VectorOps;

/**
 * Vectors as IEEE half floats (two bytes per dimension, little-endian, in a {@link CodeStorage} row of
 * {@code 2 · dim} bytes) times a per-vector power of two: vector {@code x} is stored as
 * {@code h = half(x · 2^e)}, {@code e} chosen so that its largest component lands in [2^14, 2^15). Scaling
 * by a power of two is exact, and it keeps any finite vector clear of the half's overflow (65504) and of
 * its subnormals (below 2^-14) however large or small its values, which a plain conversion would clamp or
 * flush; the decoded vector is {@code h · 2^-e}. Per vector one float more: the inverse norm of {@code h}
 * (cosine, where the scale cancels) or the squared norm of the decoded vector (L2, dot).
 */
public final class Float16VectorValues implements ScoringVectors {
    /** Where the largest component of a stored vector's halves lies: [2^TOP_EXPONENT, 2^(TOP_EXPONENT + 1)]. */
    public static final int TOP_EXPONENT = 14;
    /** Bounds of {@code e}: finite floats' largest components lie in [2^-149, 2^128). */
    public static final int MIN_SCALE_EXPONENT = TOP_EXPONENT - 127;
    public static final int MAX_SCALE_EXPONENT = TOP_EXPONENT + 149;

    private final Metric metric;
    private final int dim;
    private final CodeStorage halves;
    private final byte[] row;
    private final float[] scratch;
    private int[] exponents = new int[16];
    private float[] norms = new float[16];
    /** Under dot: the largest squared norm stored, M² of {@link InnerProductAsL2} (only grows). */
    private float maxSquaredNorm;

    public Float16VectorValues(int dim, Metric metric, VectorStorageFactory storage) {
        this(dim, metric, storage.codes(2 * dim));
    }

    private Float16VectorValues(int dim, Metric metric, CodeStorage halves) {
        assert halves.size() == 0 && halves.dimensions() == 2 * dim : "halves must start empty, 2 bytes a dimension";
        this.metric = metric;
        this.dim = dim;
        this.halves = halves;
        this.row = new byte[2 * dim];
        this.scratch = new float[dim];
    }

    @Override
    public int dimensions() {
        return dim;
    }

    @Override
    public Metric metric() {
        return metric;
    }

    @Override
    public int size() {
        return halves.size();
    }

    /** Where the halves live: Java arrays or (browser build) Wasm linear memory. */
    public CodeStorage halves() {
        return halves;
    }

    /** The power of two {@code e} vector {@code ord} was scaled by before conversion. */
    public int scaleExponent(int ord) {
        return exponents[ord];
    }

    float norm(int ord) {
        return norms[ord];
    }

    float[] norms() {
        return norms;
    }

    float maxSquaredNorm() {
        return maxSquaredNorm;
    }

    /** {@code 2^-e} of vector {@code ord}, the factor from its halves back to its values (as a double: it may be subnormal as a float). */
    double scale(int ord) {
        return factor(-exponents[ord]);
    }

    /** The {@code e} that brings the largest magnitude of {@code v} into [2^14, 2^15); 0 for the zero vector. */
    public static int scaleExponent(float[] v) {
        int maxBits = 0;
        for (float x : v) {
            maxBits = Math.max(maxBits, Float.floatToRawIntBits(x) & 0x7fffffff);
        }
        if (maxBits == 0) {
            return 0;
        }
        // floor(log2(max)) from the exponent bits of the double, where float subnormals are normal.
        int log2 = (int) ((Double.doubleToRawLongBits(Float.intBitsToFloat(maxBits)) >>> 52) & 0x7ff) - 1023;
        return TOP_EXPONENT - log2;
    }

    /**
     * Writes the halves of {@code v · 2^e} into {@code out[off..off + 2·dim)}. Exact up to the half's own
     * rounding: the product is formed in double and lands in float32 exactly wherever a half can hold it.
     */
    public static void encode(float[] v, int e, byte[] out, int off) {
        double f = factor(e);
        for (int i = 0; i < v.length; i++) {
            short h = HalfFloat.fromFloat((float) (v[i] * f));
            out[off + 2 * i] = (byte) h;
            out[off + 2 * i + 1] = (byte) (h >> 8);
        }
    }

    /** 2^e as a double, for e within ±1022. */
    static double factor(int e) {
        return Double.longBitsToDouble((long) (e + 1023) << 52);
    }

    @Override
    public int add(float[] vector) {
        int ord = halves.append();
        grow(ord + 1);
        int e = scaleExponent(vector);
        encode(vector, e, row, 0);
        halves.write(ord, row);
        exponents[ord] = e;
        normFromRow(ord);
        return ord;
    }

    private void grow(int count) {
        if (count > norms.length) {
            int n = Math.max(count, 2 * norms.length);
            float[] grownNorms = new float[n];
            System.arraycopy(norms, 0, grownNorms, 0, norms.length);
            norms = grownNorms;
            int[] grownExponents = new int[n];
            System.arraycopy(exponents, 0, grownExponents, 0, exponents.length);
            exponents = grownExponents;
        }
    }

    /** Sets the norm of {@code ord}, whose halves {@code row} holds and whose exponent is set. */
    private void normFromRow(int ord) {
        HeapFloat16Kernel.decode(row, 0, dim, 1.0, scratch);
        if (metric == Metric.COSINE) {
            // The scale cancels in a cosine: scored on the halves themselves.
            norms[ord] = VectorOps.inverseNorm(scratch, 0, dim);
            return;
        }
        double f = scale(ord);
        float squared = (float) (VectorOps.dot(scratch, 0, scratch, 0, dim) * f * f);
        norms[ord] = squared;
        maxSquaredNorm = Math.max(maxSquaredNorm, squared);
    }

    /** Makes room for {@code count} vectors in all (snapshot loads). */
    public void reserve(int count) {
        halves.reserve(count);
        grow(count);
    }

    /**
     * Appends {@code count} rows of halves at {@code pos} of {@code source} in one run, with their scale
     * exponents (already validated), and computes their norms as {@link #add} does (snapshots).
     */
    public void appendRows(RowSource source, int pos, int count, int[] scaleExponents) {
        int first = halves.size();
        halves.appendRows(source, pos, count);
        grow(first + count);
        for (int i = 0; i < count; i++) {
            exponents[first + i] = scaleExponents[i];
            halves.read(first + i, row);
            normFromRow(first + i);
        }
    }

    /** The raw halves of {@code ord} into {@code out[0..2·dim)}. */
    public void readRow(int ord, byte[] out) {
        halves.read(ord, out);
    }

    @Override
    public void decode(int ord, float[] out) {
        halves.read(ord, row);
        // Rounding up to 2^15 can carry a component near Float.MAX_VALUE past it: decode clamps.
        HeapFloat16Kernel.decode(row, 0, dim, scale(ord), out);
    }

    @Override
    public Float16Scorer newScorer() {
        return new Float16Scorer(this, halves().newFloat16Kernel());
    }

    @Override
    public Float16VectorValues copyOf(int[] ords, int count) {
        // Halves are copied as they are: compaction adds no error.
        Float16VectorValues copy = new Float16VectorValues(dim, metric, halves.newEmpty());
        copy.grow(count);
        for (int i = 0; i < count; i++) {
            int ord = copy.halves.append();
            halves.read(ords[i], copy.row);
            copy.halves.write(ord, copy.row);
            copy.exponents[ord] = exponents[ords[i]];
            copy.norms[ord] = norms[ords[i]];
        }
        copy.maxSquaredNorm = maxSquaredNorm;
        return copy;
    }

    @Override
    public long bytesUsed() {
        return halves.bytesUsed() + (long) norms.length * (Float.BYTES + Integer.BYTES);
    }

    @Override
    public long storageBytes() {
        return halves.bytesUsed();
    }

    @Override
    public void release() {
        halves.release();
    }
}
