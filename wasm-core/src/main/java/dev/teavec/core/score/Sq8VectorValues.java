package dev.teavec.core.score;

import dev.teavec.core.quant.RangeTracker;
import dev.teavec.core.quant.Sq8Quantizer;
import dev.teavec.core.store.CodeStorage;
import dev.teavec.core.store.RowSource;
import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.vector.CosineScale;
import dev.teavec.core.vector.Metric;
import dev.teavec.core.vector.VectorOps;
import java.util.Arrays;

/**
 * SQ8 codes (one byte per dimension) plus one float per vector: the inverse norm of the decoded
 * vector under cosine, its squared norm under L2 (unused under dot). Float vectors are not kept.
 *
 * <p>Re-calibration policy. The initial ranges are the per-dimension min/max of a training sample
 * ({@link #train}). A later value outside its range is clamped; the vector counts as clipped when
 * a value overshoots by more than half a quantization step (less is ordinary rounding error). When the
 * vectors clipped since the last calibration exceed {@link #RECALIBRATE_FRACTION} of all stored
 * vectors (and at least {@link #RECALIBRATE_MIN_CLIPPED}), {@link #needsRecalibration()} turns
 * true and the owner calls {@link #recalibrate}: the ranges widen to the min/max of every vector
 * ever added (tracked exactly on add) and all codes are re-encoded: from exact floats when the owner
 * kept them; else the clipped vectors from exact copies held since they were added (at most the
 * trigger count, ~2% of the vectors, so clamping is never permanent) and the others by decoding and
 * re-encoding (at most half a new step of extra error). Ranges only widen, so re-calibrations grow
 * rarer as the index grows; the graph is kept as it is.
 *
 * <p>Under cosine, a vector beyond {@link CosineScale}'s safe range is encoded rescaled (ranges,
 * codes, norms and the exact copies of clipped vectors all hold the rescaled form), and
 * {@link #decode} scales it back.
 */
public final class Sq8VectorValues implements ScoringVectors {
    public static final double RECALIBRATE_FRACTION = 0.02;
    public static final int RECALIBRATE_MIN_CLIPPED = 32;

    private final Metric metric;
    private final int dim;
    private final CodeStorage codes;
    private final RangeTracker observed;
    private final float[] scratch;
    private final byte[] codeScratch;
    private Sq8Quantizer quantizer;
    private float[] norms = new float[16];
    /** Under dot: the largest squared norm set so far, M² of {@link InnerProductAsL2} (only grows). */
    private float maxSquaredNorm;
    private int clippedSinceCalibration;
    /** Exact copies of the vectors clipped since the last calibration, by ordinal. */
    private int[] clippedOrds = new int[8];
    private float[][] clippedExact = new float[8][];
    private int calibrations = 1;
    /** Under cosine, the ordinals encoded rescaled and their exponents; null until the first one. */
    private RescaledOrdinals rescaled;

    private Sq8VectorValues(Metric metric, Sq8Quantizer quantizer, RangeTracker observed, CodeStorage codes) {
        assert codes.size() == 0 && codes.dimensions() == quantizer.dimensions() : "codes must start empty";
        this.metric = metric;
        this.dim = quantizer.dimensions();
        this.quantizer = quantizer;
        this.observed = observed;
        this.codes = codes;
        this.scratch = new float[dim];
        this.codeScratch = new byte[dim];
    }

    /** Calibrates on every vector of {@code sample} and encodes them all, in order, into Java arrays. */
    public static Sq8VectorValues train(FloatVectorValues sample) {
        return train(sample, VectorStorageFactory.HEAP);
    }

    /** Calibrates on every vector of {@code sample} and encodes them all, in order, into {@code storage}. */
    public static Sq8VectorValues train(FloatVectorValues sample, VectorStorageFactory storage) {
        int dim = sample.dimensions();
        RangeTracker tracker = new RangeTracker(dim);
        float[] v = new float[dim];
        for (int ord = 0; ord < sample.size(); ord++) {
            // The ranges of what add() encodes: rescaled under cosine where it rescales.
            sample.readScored(ord, v);
            tracker.observe(v, 0);
        }
        Sq8VectorValues values = new Sq8VectorValues(sample.metric(), tracker.toQuantizer(), new RangeTracker(dim),
                storage.codes(dim));
        for (int ord = 0; ord < sample.size(); ord++) {
            sample.decode(ord, v);
            values.add(v);
        }
        return values;
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

    public Sq8Quantizer quantizer() {
        return quantizer;
    }

    /** Where the codes live: Java arrays or (browser build) Wasm linear memory. */
    public CodeStorage codes() {
        return codes;
    }

    /** Under dot: the largest squared norm stored so far (an upper bound once codes were re-calibrated). */
    float maxSquaredNorm() {
        return maxSquaredNorm;
    }

    /** Inverse norm (cosine) or squared norm (L2, dot) of the decoded vector {@code ord}. */
    public float norm(int ord) {
        return norms[ord];
    }

    /** All of them by ordinal (capacity may exceed size), for scoring loops; replaced when it grows. */
    float[] norms() {
        return norms;
    }

    /** How many calibrations the codes went through (1 after training). */
    public int calibrations() {
        return calibrations;
    }

    @Override
    public int add(float[] added) {
        int exponent = metric == Metric.COSINE ? CosineScale.exponent(added, 0, dim) : 0;
        float[] vector = added;
        if (exponent != 0) {
            vector = new float[dim];
            CosineScale.scale(added, 0, dim, exponent, vector);
        }
        observed.observe(vector, 0);
        int ord = codes.append();
        if (exponent != 0) {
            recordRescaled(ord, exponent);
        }
        if (ord == norms.length) {
            float[] grown = new float[norms.length * 2];
            System.arraycopy(norms, 0, grown, 0, norms.length);
            norms = grown;
        }
        boolean clipped = encode(ord, vector);
        normFromScratch(ord);
        if (clipped) {
            if (clippedSinceCalibration == clippedOrds.length) {
                int[] ords = new int[clippedOrds.length * 2];
                System.arraycopy(clippedOrds, 0, ords, 0, clippedOrds.length);
                clippedOrds = ords;
                float[][] exact = new float[ords.length][];
                System.arraycopy(clippedExact, 0, exact, 0, clippedExact.length);
                clippedExact = exact;
            }
            clippedOrds[clippedSinceCalibration] = ord;
            clippedExact[clippedSinceCalibration++] = vector == added ? vector.clone() : vector;
        }
        return ord;
    }

    private void recordRescaled(int ord, int exponent) {
        if (rescaled == null) {
            rescaled = new RescaledOrdinals();
        }
        rescaled.add(ord, exponent, null);
    }

    /** Encodes {@code v} as {@code ord}, leaving its code in {@code codeScratch}; true when a value was clamped. */
    private boolean encode(int ord, float[] v) {
        boolean clipped = quantizer.encode(v, codeScratch, 0);
        codes.write(ord, codeScratch);
        return clipped;
    }

    /** Sets the norm of {@code ord} from its code, which {@code codeScratch} holds (not read back). */
    private void normFromScratch(int ord) {
        quantizer.decode(codeScratch, 0, scratch);
        // One square root per stored vector, never per distance.
        if (metric == Metric.COSINE) {
            norms[ord] = VectorOps.inverseNorm(scratch, 0, dim);
            return;
        }
        float squared = VectorOps.dot(scratch, 0, scratch, 0, dim);
        norms[ord] = squared;
        maxSquaredNorm = Math.max(maxSquaredNorm, squared);
    }

    /**
     * Empty values in a given calibration state, to be filled by {@link #appendCodes} and
     * {@link #restoreClipped}: how a snapshot is loaded. Norms are recomputed from the codes, exactly
     * as {@link #add} computes them, so they cannot disagree with the codes.
     */
    public static Sq8VectorValues restore(Metric metric, Sq8Quantizer quantizer, RangeTracker observed, int calibrations,
            VectorStorageFactory storage) {
        Sq8VectorValues values = new Sq8VectorValues(metric, quantizer, observed, storage.codes(quantizer.dimensions()));
        values.calibrations = calibrations;
        return values;
    }

    /** Makes room for {@code count} codes in all, so that a snapshot load appends them without regrowing. */
    public void reserve(int count) {
        codes.reserve(count);
        if (count > norms.length) {
            float[] grown = new float[count];
            System.arraycopy(norms, 0, grown, 0, norms.length);
            norms = grown;
        }
    }

    /**
     * Appends {@code count} stored codes, end to end at {@code pos} of {@code source}, in one run
     * ({@link CodeStorage#appendRows}), each norm recomputed from its code as {@link #add} computes it, to the
     * bit ({@link CodeStorage#decodedSquaredNorms}; snapshots).
     */
    public void appendCodes(RowSource source, int pos, int count) {
        int first = codes.size();
        codes.appendRows(source, pos, count);
        if (first + count > norms.length) {
            float[] grown = new float[Math.max(first + count, norms.length * 2)];
            System.arraycopy(norms, 0, grown, 0, norms.length);
            norms = grown;
        }
        normsFromCodes(first, count);
    }

    /**
     * Sets the norms of {@code [first, first + count)} from their stored codes: all squared norms at once where
     * the codes live (SIMD in the browser), then as {@link #normFromScratch} keeps them, to the bit.
     */
    private void normsFromCodes(int first, int count) {
        codes.decodedSquaredNorms(quantizer, first, count, norms);
        for (int ord = first; ord < first + count; ord++) {
            if (metric == Metric.COSINE) {
                norms[ord] = VectorOps.inverseOfSquaredNorm(norms[ord]);
            } else {
                maxSquaredNorm = Math.max(maxSquaredNorm, norms[ord]);
            }
        }
    }

    /** Records the exact copy of clipped vector {@code ord} (ascending ords, after the codes): snapshots. */
    public void restoreClipped(int ord, float[] exact) {
        if (clippedSinceCalibration == clippedOrds.length) {
            int[] ords = new int[clippedOrds.length * 2];
            System.arraycopy(clippedOrds, 0, ords, 0, clippedOrds.length);
            clippedOrds = ords;
            float[][] copies = new float[ords.length][];
            System.arraycopy(clippedExact, 0, copies, 0, clippedExact.length);
            clippedExact = copies;
        }
        clippedOrds[clippedSinceCalibration] = ord;
        clippedExact[clippedSinceCalibration++] = exact.clone();
    }

    /** Per-dimension ranges of every vector added: the next calibration's ranges (snapshots). */
    public RangeTracker observedRanges() {
        return observed.copy();
    }

    /** Vectors clipped since the last calibration, whose exact copies are held. */
    public int clippedCount() {
        return clippedSinceCalibration;
    }

    public int clippedOrd(int i) {
        return clippedOrds[i];
    }

    /** The exact copy of the i-th clipped vector (not copied: do not modify). */
    public float[] clippedVector(int i) {
        return clippedExact[i];
    }

    public boolean needsRecalibration() {
        return clippedSinceCalibration >= RECALIBRATE_MIN_CLIPPED
                && clippedSinceCalibration > RECALIBRATE_FRACTION * codes.size();
    }

    /**
     * Widens the ranges to every value seen and re-encodes all codes, from {@code exact} when given
     * (same ordinals), else from the decoded codes.
     */
    public void recalibrate(FloatVectorValues exact) {
        assert exact == null || exact.size() == codes.size() : "exact vectors do not match the codes";
        Sq8Quantizer old = quantizer;
        quantizer = observed.toQuantizer();
        float[] v = new float[dim];
        int next = 0;
        for (int ord = 0; ord < codes.size(); ord++) {
            if (next < clippedSinceCalibration && clippedOrds[next] == ord) {
                System.arraycopy(clippedExact[next++], 0, v, 0, dim);
            } else if (exact != null) {
                // As add() encoded it: rescaled under cosine where it rescales, as the floats store it.
                exact.readScored(ord, v);
            } else {
                codes.read(ord, codeScratch);
                old.decode(codeScratch, 0, v);
            }
            boolean clipped = encode(ord, v);
            assert !clipped : "vector " + ord + " lies outside the range of every vector seen";
        }
        // The norms in one pass over the new codes, rather than reading each row back as it is written.
        normsFromCodes(0, codes.size());
        for (int i = 0; i < clippedSinceCalibration; i++) {
            clippedExact[i] = null;
        }
        clippedSinceCalibration = 0;
        calibrations++;
    }

    @Override
    public void decode(int ord, float[] out) {
        codes.read(ord, codeScratch);
        quantizer.decode(codeScratch, 0, out);
        int exponent = rescaled == null ? 0 : rescaled.exponentOf(ord);
        if (exponent != 0) {
            CosineScale.scale(out, 0, dim, -exponent, out);
            for (int i = 0; i < dim; i++) {
                // The approximation of a component near Float.MAX_VALUE can round past it.
                out[i] = Math.max(-Float.MAX_VALUE, Math.min(Float.MAX_VALUE, out[i]));
            }
        }
    }

    @Override
    public Sq8Scorer newScorer() {
        return new Sq8Scorer(this, codes().newKernel());
    }

    @Override
    public Sq8VectorValues copyOf(int[] ords, int count) {
        // Codes are copied as they are: re-quantizing would add error and the ranges are unchanged.
        Sq8VectorValues copy = new Sq8VectorValues(metric, quantizer, observed.copy(), codes.newEmpty());
        copy.calibrations = calibrations;
        copy.norms = new float[Math.max(16, count)];
        copy.maxSquaredNorm = maxSquaredNorm;
        for (int i = 0; i < count; i++) {
            int ord = copy.codes.append();
            codes.read(ords[i], codeScratch);
            copy.codes.write(ord, codeScratch);
            copy.norms[ord] = norms[ords[i]];
            int exponent = rescaled == null ? 0 : rescaled.exponentOf(ords[i]);
            if (exponent != 0) {
                copy.recordRescaled(ord, exponent);
            }
            // Kept clipped vectors keep their exact copies, or compaction would make their clamping permanent.
            // clippedOrds ascend; ords ascend for compaction but not for a renumbering (HnswReorder): searched.
            int clipped = Arrays.binarySearch(clippedOrds, 0, clippedSinceCalibration, ords[i]);
            if (clipped >= 0) {
                copy.restoreClipped(ord, clippedExact[clipped]);
            }
        }
        return copy;
    }

    @Override
    public long storageBytes() {
        return codes.bytesUsed();
    }

    @Override
    public void release() {
        codes.release();
    }

    @Override
    public long bytesUsed() {
        return codes.bytesUsed() + (long) norms.length * Float.BYTES + 4L * dim * Float.BYTES
                + (long) clippedSinceCalibration * dim * Float.BYTES + (rescaled == null ? 0 : rescaled.bytesUsed(dim));
    }
}
