package dev.teavec.core.score;

import dev.teavec.core.quant.RangeTracker;
import dev.teavec.core.quant.Sq4Quantizer;
import dev.teavec.core.store.CodeStorage;
import dev.teavec.core.store.RowSource;
import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.vector.CosineScale;
import dev.teavec.core.vector.Metric;
import dev.teavec.core.vector.VectorOps;
import java.util.Arrays;

/**
 * SQ4 codes (half a byte per dimension, {@link Sq4Quantizer}) plus one float per vector: the inverse
 * norm of the decoded vector under cosine, its squared norm under L2 and dot.
 *
 * <p>Training and re-calibration are SQ8's ({@link Sq8VectorValues}): ranges are the per-dimension
 * min/max of the training sample ({@link RangeTracker}); every added vector widens the observed ranges;
 * a vector overshooting its range by more than half a step is clamped, counted as clipped and kept exactly
 * until the next calibration; when the clipped exceed SQ8's thresholds
 * ({@link Sq8VectorValues#RECALIBRATE_FRACTION}, {@link Sq8VectorValues#RECALIBRATE_MIN_CLIPPED}), the
 * ranges widen to the observed ones and every code is re-encoded (from kept floats, the exact copies, or
 * the decoded codes). Under cosine, vectors beyond {@link CosineScale}'s safe range are encoded rescaled.
 * The policy's state lives in the same classes as SQ8's; the loop around it is written out here because
 * the core engine (which holds SQ8 but not SQ4) has no room for a shared generalisation.
 */
public final class Sq4VectorValues implements ScoringVectors {
    private final Metric metric;
    private final int dim;
    private final int codeBytes;
    private final CodeStorage codes;
    private final RangeTracker observed;
    private final float[] scratch;
    private final byte[] codeScratch;
    private Sq4Quantizer quantizer;
    private float[] norms = new float[16];
    private float maxSquaredNorm;
    private int clippedCount;
    private int[] clippedOrds = new int[8];
    private float[][] clippedExact = new float[8][];
    private int calibrations = 1;
    private RescaledOrdinals rescaled;

    private Sq4VectorValues(Metric metric, Sq4Quantizer quantizer, RangeTracker observed, CodeStorage codes) {
        assert codes.size() == 0 && codes.dimensions() == Sq4Quantizer.codeBytes(quantizer.dimensions()) : "codes must start empty";
        this.metric = metric;
        this.dim = quantizer.dimensions();
        this.codeBytes = Sq4Quantizer.codeBytes(dim);
        this.quantizer = quantizer;
        this.observed = observed;
        this.codes = codes;
        this.scratch = new float[dim];
        this.codeScratch = new byte[codeBytes];
    }

    /** Calibrates on every vector of {@code sample} and encodes them all, in order, into {@code storage}. */
    public static Sq4VectorValues train(FloatVectorValues sample, VectorStorageFactory storage) {
        int dim = sample.dimensions();
        RangeTracker tracker = new RangeTracker(dim);
        float[] v = new float[dim];
        for (int ord = 0; ord < sample.size(); ord++) {
            // The ranges of what add() encodes: rescaled under cosine where it rescales.
            sample.readScored(ord, v);
            tracker.observe(v, 0);
        }
        Sq4VectorValues values = new Sq4VectorValues(sample.metric(), Sq4Quantizer.of(tracker), new RangeTracker(dim),
                storage.codes(Sq4Quantizer.codeBytes(dim)));
        for (int ord = 0; ord < sample.size(); ord++) {
            sample.decode(ord, v);
            values.add(v);
        }
        return values;
    }

    /** Empty values in a given calibration state, filled by {@link #appendCodes} and {@link #restoreClipped} (snapshots). */
    public static Sq4VectorValues restore(Metric metric, Sq4Quantizer quantizer, RangeTracker observed, int calibrations,
            VectorStorageFactory storage) {
        Sq4VectorValues values = new Sq4VectorValues(metric, quantizer, observed,
                storage.codes(Sq4Quantizer.codeBytes(quantizer.dimensions())));
        values.calibrations = calibrations;
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

    public Sq4Quantizer quantizer() {
        return quantizer;
    }

    public CodeStorage codes() {
        return codes;
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
            if (rescaled == null) {
                rescaled = new RescaledOrdinals();
            }
            rescaled.add(ord, exponent, null);
        }
        growNorms(ord + 1);
        if (encode(ord, vector)) {
            recordClipped(ord, vector == added ? vector.clone() : vector);
        }
        return ord;
    }

    private void growNorms(int count) {
        if (count > norms.length) {
            float[] grown = new float[Math.max(count, norms.length * 2)];
            System.arraycopy(norms, 0, grown, 0, norms.length);
            norms = grown;
        }
    }

    private void recordClipped(int ord, float[] exact) {
        if (clippedCount == clippedOrds.length) {
            int[] ords = new int[clippedOrds.length * 2];
            System.arraycopy(clippedOrds, 0, ords, 0, clippedOrds.length);
            clippedOrds = ords;
            float[][] copies = new float[ords.length][];
            System.arraycopy(clippedExact, 0, copies, 0, clippedExact.length);
            clippedExact = copies;
        }
        clippedOrds[clippedCount] = ord;
        clippedExact[clippedCount++] = exact;
    }

    private boolean encode(int ord, float[] v) {
        boolean clipped = quantizer.encode(v, codeScratch, 0);
        codes.write(ord, codeScratch);
        normFromScratch(ord);
        return clipped;
    }

    /** Sets the norm of {@code ord} from its codes, which {@code codeScratch} holds. */
    private void normFromScratch(int ord) {
        quantizer.decode(codeScratch, 0, scratch);
        if (metric == Metric.COSINE) {
            norms[ord] = VectorOps.inverseNorm(scratch, 0, dim);
            return;
        }
        float squared = VectorOps.dot(scratch, 0, scratch, 0, dim);
        norms[ord] = squared;
        maxSquaredNorm = Math.max(maxSquaredNorm, squared);
    }

    public void reserve(int count) {
        codes.reserve(count);
        growNorms(count);
    }

    /** Appends {@code count} stored codes at {@code pos} of {@code source} in one run, norms recomputed (snapshots). */
    public void appendCodes(RowSource source, int pos, int count) {
        int first = codes.size();
        codes.appendRows(source, pos, count);
        growNorms(first + count);
        for (int ord = first; ord < first + count; ord++) {
            codes.read(ord, codeScratch);
            normFromScratch(ord);
        }
    }

    /** Records the exact copy of clipped vector {@code ord} (ascending ords, after the codes): snapshots. */
    public void restoreClipped(int ord, float[] exact) {
        recordClipped(ord, exact.clone());
    }

    public RangeTracker observedRanges() {
        return observed.copy();
    }

    public int clippedCount() {
        return clippedCount;
    }

    public int clippedOrd(int i) {
        return clippedOrds[i];
    }

    /** The exact copy of the i-th clipped vector (not copied: do not modify). */
    public float[] clippedVector(int i) {
        return clippedExact[i];
    }

    public boolean needsRecalibration() {
        return clippedCount >= Sq8VectorValues.RECALIBRATE_MIN_CLIPPED
                && clippedCount > Sq8VectorValues.RECALIBRATE_FRACTION * codes.size();
    }

    /** Widens the ranges to every value seen and re-encodes all codes, from {@code exact} when given. */
    public void recalibrate(FloatVectorValues exact) {
        assert exact == null || exact.size() == codes.size() : "exact vectors do not match the codes";
        Sq4Quantizer old = quantizer;
        quantizer = Sq4Quantizer.of(observed);
        float[] v = new float[dim];
        int next = 0;
        for (int ord = 0; ord < codes.size(); ord++) {
            if (next < clippedCount && clippedOrds[next] == ord) {
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
        for (int i = 0; i < clippedCount; i++) {
            clippedExact[i] = null;
        }
        clippedCount = 0;
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
                out[i] = Math.max(-Float.MAX_VALUE, Math.min(Float.MAX_VALUE, out[i]));
            }
        }
    }

    /** The decoded vector {@code ord} as it is scored (rescaled under cosine where add() rescaled it). */
    void decodeScored(int ord, float[] out) {
        codes.read(ord, codeScratch);
        quantizer.decode(codeScratch, 0, out);
    }

    @Override
    public Sq4Scorer newScorer() {
        return new Sq4Scorer(this, codes().newNibbleKernel());
    }

    @Override
    public Sq4VectorValues copyOf(int[] ords, int count) {
        Sq4VectorValues copy = new Sq4VectorValues(metric, quantizer, observed.copy(), codes.newEmpty());
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
                if (copy.rescaled == null) {
                    copy.rescaled = new RescaledOrdinals();
                }
                copy.rescaled.add(ord, exponent, null);
            }
            // Kept clipped vectors keep their exact copies, or compaction would make their clamping permanent.
            // clippedOrds ascend; ords ascend for compaction but not for a renumbering (HnswReorder): searched.
            int clipped = Arrays.binarySearch(clippedOrds, 0, clippedCount, ords[i]);
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
                + (long) clippedCount * dim * Float.BYTES + (rescaled == null ? 0 : rescaled.bytesUsed(dim));
    }
}
