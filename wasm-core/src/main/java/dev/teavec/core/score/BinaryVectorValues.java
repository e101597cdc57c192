package dev.teavec.core.score;

import dev.teavec.core.quant.BinaryQuantizer;
import dev.teavec.core.store.BinaryKernel;
import dev.teavec.core.store.CodeStorage;
import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.store.WordCodeStore;
import dev.teavec.core.vector.Metric;

/**
 * Binary codes ({@link BinaryQuantizer}): {@code ceil(d/64)} 64-bit words per vector, stored as a row of
 * {@code 8 · words} bytes (little-endian words) in a {@link CodeStorage} (Java arrays, or Wasm linear memory
 * where the browser build scores them with SIMD popcounts: {@link BinaryKernel}), plus
 * {@link BinaryQuantizer#TERMS} floats and the code's popcount per vector in Java arrays (the estimator
 * combines them in Java after the integer kernel). Under cosine a vector is normalized before encoding
 * (cosine distance is then one minus an inner product), so {@link #decode} gives a unit-length
 * approximation; float vectors are not kept here (see {@code BinaryVectors} for re-ranking).
 */
public final class BinaryVectorValues implements ScoringVectors {
    private final Metric metric;
    private final int dim;
    private final int wordsPer;
    private final BinaryQuantizer quantizer;
    private final CodeStorage codes;
    private float[] terms;
    /** Set bits of each code: the {@code |s|} of the estimator, by ordinal. */
    private int[] ones;
    private final long[] code;
    private final byte[] row;
    private final float[] scratch;
    private final float[] unit;
    /** Under dot: the largest squared norm stored so far, M² of {@link InnerProductAsL2} (only grows). */
    private float maxSquaredNorm;

    /** Codes in Java arrays (tests, the JVM). */
    public BinaryVectorValues(Metric metric, BinaryQuantizer quantizer) {
        this(metric, quantizer, VectorStorageFactory.HEAP);
    }

    /**
     * Codes in rows that {@code storage} makes; on the plain Java heap ({@link VectorStorageFactory#HEAP}, scalar
     * kernels) in a {@link WordCodeStore}, whose words the scalar kernel reads without assembling bytes.
     */
    public BinaryVectorValues(Metric metric, BinaryQuantizer quantizer, VectorStorageFactory storage) {
        this(metric, quantizer, storage == VectorStorageFactory.HEAP
                ? new WordCodeStore(BinaryQuantizer.words(quantizer.dimensions()))
                : storage.codes(8 * BinaryQuantizer.words(quantizer.dimensions())));
    }

    private BinaryVectorValues(Metric metric, BinaryQuantizer quantizer, CodeStorage codes) {
        assert codes.size() == 0 && codes.dimensions() == 8 * BinaryQuantizer.words(quantizer.dimensions())
                : "codes must start empty, 8 bytes per word";
        this.metric = metric;
        this.dim = quantizer.dimensions();
        this.wordsPer = BinaryQuantizer.words(dim);
        this.quantizer = quantizer;
        this.codes = codes;
        this.terms = new float[16 * BinaryQuantizer.TERMS];
        this.ones = new int[16];
        this.code = new long[wordsPer];
        this.row = new byte[8 * wordsPer];
        this.scratch = new float[dim];
        this.unit = new float[dim];
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
        return codes.size();
    }

    public BinaryQuantizer quantizer() {
        return quantizer;
    }

    /** Where the code words live: Java arrays or (browser build) Wasm linear memory. */
    CodeStorage codes() {
        return codes;
    }

    /** Per-vector terms by ordinal ({@link BinaryQuantizer#TERMS} each; capacity may exceed size). */
    float[] terms() {
        return terms;
    }

    /** Set bits per code by ordinal (capacity may exceed size). */
    int[] ones() {
        return ones;
    }

    /** Under dot: the largest squared norm stored so far. */
    float maxSquaredNorm() {
        return maxSquaredNorm;
    }

    /** Copies the code words of vector {@code ord} into {@code out[0..words)}. */
    public void readCode(int ord, long[] out) {
        codes.read(ord, row);
        for (int w = 0; w < wordsPer; w++) {
            long v = 0;
            for (int b = 7; b >= 0; b--) {
                v = (v << 8) | (row[(w << 3) + b] & 0xFFL);
            }
            out[w] = v;
        }
    }

    /** Word {@code w} of vector {@code ord}'s code (reads the whole code: use {@link #readCode} in loops). */
    public long word(int ord, int w) {
        readCode(ord, code);
        return code[w];
    }

    /** Term {@code t} (alpha, |r|², r·c) of vector {@code ord}. */
    public float term(int ord, int t) {
        return terms[ord * BinaryQuantizer.TERMS + t];
    }

    /** Squared norm of the stored vector, exact from its terms: {@code |c|² + 2 r·c + |r|²}. */
    float squaredNorm(int ord) {
        int t = ord * BinaryQuantizer.TERMS;
        return Math.max(0f, quantizer.centroidSquaredNorm() + 2f * terms[t + 2] + terms[t + 1]);
    }

    /** Makes room for {@code count} vectors in all. */
    public void reserve(int count) {
        codes.reserve(count);
        grow(count);
    }

    private void grow(int count) {
        if (count * BinaryQuantizer.TERMS > terms.length) {
            float[] t = new float[count * BinaryQuantizer.TERMS];
            System.arraycopy(terms, 0, t, 0, size() * BinaryQuantizer.TERMS);
            terms = t;
        }
        if (count > ones.length) {
            int[] o = new int[count];
            System.arraycopy(ones, 0, o, 0, size());
            ones = o;
        }
    }

    @Override
    public int add(float[] vector) {
        int ord = codes.size();
        if (ord == ones.length) {
            grow(2 * ord);
        }
        quantizer.encode(scored(vector, unit), code, 0, terms, ord * BinaryQuantizer.TERMS, scratch);
        store(codes.append(), code);
        noteNorm(ord);
        return ord;
    }

    /**
     * Appends a code read from a snapshot: {@code code} ({@link BinaryQuantizer#words} words) and its
     * terms, validated by the reader.
     */
    public int appendCode(long[] words, float[] codeTerms) {
        int ord = codes.size();
        if (ord == ones.length) {
            grow(2 * ord);
        }
        System.arraycopy(codeTerms, 0, terms, ord * BinaryQuantizer.TERMS, BinaryQuantizer.TERMS);
        store(codes.append(), words);
        noteNorm(ord);
        return ord;
    }

    /** Writes {@code words} as row {@code ord} (little-endian) and counts its bits. */
    private void store(int ord, long[] words) {
        int bits = 0;
        for (int w = 0; w < wordsPer; w++) {
            long v = words[w];
            bits += Long.bitCount(v);
            for (int b = 0; b < 8; b++) {
                row[(w << 3) + b] = (byte) (v >>> (b << 3));
            }
        }
        codes.write(ord, row);
        ones[ord] = bits;
    }

    private void noteNorm(int ord) {
        if (metric == Metric.DOT) {
            maxSquaredNorm = Math.max(maxSquaredNorm, squaredNorm(ord));
        }
    }

    /** {@code v} as the codes see it: normalized under cosine (into {@code out}), else itself. */
    float[] scored(float[] v, float[] out) {
        if (metric != Metric.COSINE) {
            return v;
        }
        double sq = 0;
        for (int i = 0; i < dim; i++) {
            sq += (double) v[i] * v[i];
        }
        double inv = sq > 0 ? 1.0 / Math.sqrt(sq) : 0;
        for (int i = 0; i < dim; i++) {
            out[i] = (float) (v[i] * inv);
        }
        return out;
    }

    @Override
    public void decode(int ord, float[] out) {
        readCode(ord, code);
        quantizer.decode(code, 0, terms, ord * BinaryQuantizer.TERMS, out);
    }

    @Override
    public QueryScorer newScorer() {
        return new BinaryScorer(this, codes().newBinaryKernel());
    }

    @Override
    public BinaryVectorValues copyOf(int[] ords, int count) {
        // Codes are copied, not re-encoded: compaction adds no error.
        BinaryVectorValues copy = new BinaryVectorValues(metric, quantizer, codes.newEmpty());
        copy.reserve(Math.max(count, 1));
        for (int i = 0; i < count; i++) {
            codes.read(ords[i], row);
            copy.codes.write(copy.codes.append(), row);
            System.arraycopy(terms, ords[i] * BinaryQuantizer.TERMS, copy.terms, i * BinaryQuantizer.TERMS,
                    BinaryQuantizer.TERMS);
            copy.ones[i] = ones[ords[i]];
            copy.noteNorm(i);
        }
        return copy;
    }

    @Override
    public long bytesUsed() {
        // The rotation's sign tables and the centroid are the encoding's state.
        return codes.bytesUsed() + (long) terms.length * Float.BYTES + (long) ones.length * Integer.BYTES
                + (long) dim * Float.BYTES * (1 + quantizer.rotation().rounds());
    }

    @Override
    public long storageBytes() {
        return codes.bytesUsed();
    }

    @Override
    public void release() {
        codes.release();
    }

    /** Throws {@link IllegalStateException} at the first code with padding bits set or a bad term. */
    public void checkIntegrity() {
        long padMask = (dim & 63) == 0 ? 0L : -1L << (dim & 63);
        for (int ord = 0; ord < size(); ord++) {
            readCode(ord, code);
            if ((code[wordsPer - 1] & padMask) != 0) {
                throw new IllegalStateException("binary code " + ord + " has bits set beyond dimension " + dim);
            }
            int bits = 0;
            for (long v : code) {
                bits += Long.bitCount(v);
            }
            if (bits != ones[ord]) {
                throw new IllegalStateException("binary code " + ord + " has " + bits + " bits set, counted " + ones[ord]);
            }
            float alpha = term(ord, 0);
            float rSq = term(ord, 1);
            if (!(alpha >= 0f) || !(rSq >= 0f) || Float.isInfinite(alpha) || Float.isInfinite(rSq)
                    || !Float.isFinite(term(ord, 2))) {
                throw new IllegalStateException("binary code " + ord + " has bad terms");
            }
        }
    }
}
