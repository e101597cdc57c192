package dev.teavec.core.score;

import dev.teavec.core.quant.BinaryQuantizer;
import dev.teavec.core.vector.Metric;

/**
 * Binary codes ({@link BinaryQuantizer}): {@code ceil(d/64)} 64-bit words per vector plus
 * {@link BinaryQuantizer#TERMS} floats, in Java arrays. Under cosine a vector is normalized before encoding
 * (cosine distance is then one minus an inner product), so {@link #decode} gives a unit-length
 * approximation; float vectors are not kept here (see {@code BinaryVectors} for re-ranking).
 */
public final class BinaryVectorValues implements ScoringVectors {
    private final Metric metric;
    private final int dim;
    private final int wordsPer;
    private final BinaryQuantizer quantizer;
    private long[] words;
    private float[] terms;
    private int size;
    private final float[] scratch;
    private final float[] unit;
    /** Under dot: the largest squared norm stored so far, M² of {@link InnerProductAsL2} (only grows). */
    private float maxSquaredNorm;

    public BinaryVectorValues(Metric metric, BinaryQuantizer quantizer) {
        this.metric = metric;
        this.dim = quantizer.dimensions();
        this.wordsPer = BinaryQuantizer.words(dim);
        this.quantizer = quantizer;
        this.words = new long[16 * wordsPer];
        this.terms = new float[16 * BinaryQuantizer.TERMS];
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
        return size;
    }

    public BinaryQuantizer quantizer() {
        return quantizer;
    }

    /** Code words by ordinal ({@link BinaryQuantizer#words} per vector; capacity may exceed size). */
    long[] words() {
        return words;
    }

    /** Per-vector terms by ordinal ({@link BinaryQuantizer#TERMS} each). */
    float[] terms() {
        return terms;
    }

    /** Under dot: the largest squared norm stored so far. */
    float maxSquaredNorm() {
        return maxSquaredNorm;
    }

    /** Word {@code w} of vector {@code ord}'s code. */
    public long word(int ord, int w) {
        return words[ord * wordsPer + w];
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
        if (count * wordsPer > words.length) {
            long[] w = new long[count * wordsPer];
            System.arraycopy(words, 0, w, 0, size * wordsPer);
            words = w;
        }
        if (count * BinaryQuantizer.TERMS > terms.length) {
            float[] t = new float[count * BinaryQuantizer.TERMS];
            System.arraycopy(terms, 0, t, 0, size * BinaryQuantizer.TERMS);
            terms = t;
        }
    }

    @Override
    public int add(float[] vector) {
        if (size * wordsPer == words.length) {
            reserve(size * 2);
        }
        int ord = size;
        quantizer.encode(scored(vector, unit), words, ord * wordsPer, terms, ord * BinaryQuantizer.TERMS, scratch);
        size++;
        noteNorm(ord);
        return ord;
    }

    /**
     * Appends a code read from a snapshot: {@code code} ({@link BinaryQuantizer#words} words) and its
     * terms, validated by the reader.
     */
    public int appendCode(long[] code, float[] codeTerms) {
        if (size * wordsPer == words.length) {
            reserve(size * 2);
        }
        int ord = size;
        System.arraycopy(code, 0, words, ord * wordsPer, wordsPer);
        System.arraycopy(codeTerms, 0, terms, ord * BinaryQuantizer.TERMS, BinaryQuantizer.TERMS);
        size++;
        noteNorm(ord);
        return ord;
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
        quantizer.decode(words, ord * wordsPer, terms, ord * BinaryQuantizer.TERMS, out);
    }

    @Override
    public QueryScorer newScorer() {
        return new BinaryScorer(this);
    }

    @Override
    public BinaryVectorValues copyOf(int[] ords, int count) {
        // Codes are copied, not re-encoded: compaction adds no error.
        BinaryVectorValues copy = new BinaryVectorValues(metric, quantizer);
        copy.reserve(Math.max(count, 1));
        for (int i = 0; i < count; i++) {
            System.arraycopy(words, ords[i] * wordsPer, copy.words, i * wordsPer, wordsPer);
            System.arraycopy(terms, ords[i] * BinaryQuantizer.TERMS, copy.terms, i * BinaryQuantizer.TERMS,
                    BinaryQuantizer.TERMS);
            copy.size++;
            copy.noteNorm(i);
        }
        return copy;
    }

    @Override
    public long bytesUsed() {
        // The rotation's sign tables and the centroid are the encoding's state.
        return (long) words.length * Long.BYTES + (long) terms.length * Float.BYTES
                + (long) dim * Float.BYTES * (1 + quantizer.rotation().rounds());
    }

    @Override
    public long storageBytes() {
        // Codes live in Java arrays, not in storage from a VectorStorageFactory.
        return 0;
    }

    @Override
    public void release() {
        // Nothing outside the Java heap.
    }

    /** Throws {@link IllegalStateException} at the first code with padding bits set or a bad term. */
    public void checkIntegrity() {
        long padMask = (dim & 63) == 0 ? 0L : -1L << (dim & 63);
        for (int ord = 0; ord < size; ord++) {
            if ((words[ord * wordsPer + wordsPer - 1] & padMask) != 0) {
                throw new IllegalStateException("binary code " + ord + " has bits set beyond dimension " + dim);
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
