package dev.teavec.core.encoding;

import dev.teavec.core.codec.SectionInput;
import dev.teavec.core.codec.SectionOutput;
import dev.teavec.core.number.Decimal;
import dev.teavec.core.quant.RangeTracker;
import dev.teavec.core.quant.Sq8Quantizer;
import dev.teavec.core.score.FloatVectorValues;
import dev.teavec.core.score.Sq8VectorValues;
import dev.teavec.core.store.CodeStorage;
import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.vector.Metric;

/**
 * SQ8 codes with their whole calibration state, so that a loaded index quantizes, clips and re-calibrates
 * later vectors exactly as the saved one would have: the quantizer's ranges, the ranges of every vector
 * seen (the next calibration's), the clipped vectors' exact copies, then one byte per dimension per vector
 * (docs/format.md). Norms are not stored: they are recomputed from the codes. Part of SQ8's payload, and
 * (format versions 1 and 2) section VECTORS_SQ8.
 */
public final class Sq8CodesFormat {
    private Sq8CodesFormat() {
    }

    public static long size(Sq8VectorValues values) {
        long dim = values.dimensions();
        return 12 + 8 * dim + 4 + 8 * dim + 4 + values.clippedCount() * (4 + 4 * dim) + values.size() * dim;
    }

    public static void write(SectionOutput out, Sq8VectorValues values) {
        int dim = values.dimensions();
        int n = values.size();
        out.i32(n);
        out.i32(dim);
        out.i32(values.calibrations());
        Sq8Quantizer q = values.quantizer();
        for (int i = 0; i < dim; i++) {
            out.f32(q.min(i));
        }
        for (int i = 0; i < dim; i++) {
            out.f32(q.max(i));
        }
        RangeTracker observed = values.observedRanges();
        out.i32(observed.count());
        for (int i = 0; i < dim; i++) {
            out.f32(observed.min(i));
        }
        for (int i = 0; i < dim; i++) {
            out.f32(observed.max(i));
        }
        out.i32(values.clippedCount());
        for (int c = 0; c < values.clippedCount(); c++) {
            out.i32(values.clippedOrd(c));
            out.floats(values.clippedVector(c), 0, dim);
        }
        CodeStorage codes = values.codes();
        byte[] code = new byte[dim];
        for (int ord = 0; ord < n; ord++) {
            codes.read(ord, code);
            out.bytes(code, 0, dim);
        }
    }

    public static Sq8VectorValues read(SectionInput in, int count, int dim, Metric metric, VectorStorageFactory storage) {
        in.expect("vector count", count);
        in.expect("dimensions", dim);
        int calibrations = in.count("calibrations", 1, Integer.MAX_VALUE, 0);
        in.need(16L * dim, "the quantizer's and the observed ranges");
        in.charge(40L * dim, "the SQ8 ranges");
        float[] qMin = new float[dim];
        float[] qMax = new float[dim];
        readRanges(in, qMin, qMax, "quantizer");
        int observedCount = in.count("observed vector count", 1, Integer.MAX_VALUE, 0);
        float[] oMin = new float[dim];
        float[] oMax = new float[dim];
        readRanges(in, oMin, oMax, "observed");
        for (int i = 0; i < dim; i++) {
            if (oMin[i] > qMin[i] || oMax[i] < qMax[i]) {
                // Re-calibration widens to the observed ranges; they always contain the quantizer's.
                throw in.corrupt(in.position(), "observed range of dimension " + i + " does not contain the quantizer's");
            }
        }
        int clipped = in.count("clipped count", 0, count, 4 + 4L * dim);
        in.charge(clipped * (8 + 4L * dim) + 2L * count * dim + 8L * count, "the SQ8 codes");
        Sq8Quantizer quantizer = Sq8Quantizer.fromRange(qMin, qMax);
        Sq8VectorValues values = Sq8VectorValues.restore(metric, quantizer, RangeTracker.restore(oMin, oMax, observedCount),
                calibrations, storage);
        int[] clippedOrds = new int[clipped];
        float[][] clippedVectors = new float[clipped][];
        int previous = -1;
        for (int c = 0; c < clipped; c++) {
            int at = in.position();
            int ord = in.i32("clipped ordinal");
            if (ord <= previous || ord >= count) {
                throw in.corrupt(at, "clipped ordinal " + ord + " must be above " + previous + " and below " + count);
            }
            float[] v = new float[dim];
            in.readFinite(v, 0, dim, "clipped vector " + c);
            requireWithin(in, v, oMin, oMax, "clipped vector " + c);
            clippedOrds[c] = ord;
            clippedVectors[c] = v;
            previous = ord;
        }
        values.reserve(count);
        // One run (in the browser straight from the JavaScript bytes into linear memory); norms from the codes.
        values.appendCodes(in.rows(), in.take((long) count * dim, count + " codes of " + dim + " bytes"), count);
        for (int c = 0; c < clipped; c++) {
            values.restoreClipped(clippedOrds[c], clippedVectors[c]);
        }
        return values;
    }

    /** Re-calibration re-encodes kept floats within the observed ranges: they must lie inside. */
    public static void requireObserved(SectionInput in, int at, FloatVectorValues exact, RangeTracker observed) {
        int dim = exact.dimensions();
        float[] v = new float[dim];
        for (int ord = 0; ord < exact.size(); ord++) {
            // In the form SQ8 observed it: rescaled under cosine where add() rescaled it.
            exact.readScored(ord, v);
            for (int i = 0; i < dim; i++) {
                if (v[i] < observed.min(i) || v[i] > observed.max(i)) {
                    throw in.corrupt(at, "re-rank float vector " + ord + " lies outside the observed SQ8 range in dimension " + i);
                }
            }
        }
    }

    static void readRanges(SectionInput in, float[] min, float[] max, String what) {
        int at = in.position();
        in.readFinite(min, 0, min.length, what + " minima");
        in.readFinite(max, 0, max.length, what + " maxima");
        for (int i = 0; i < min.length; i++) {
            float range = max[i] - min[i];
            if (!(range >= 0f) || Float.isInfinite(range)) {
                throw in.corrupt(at, what + " range of dimension " + i + " is [" + Decimal.formatFloat(min[i]) + ", "
                        + Decimal.formatFloat(max[i]) + "]");
            }
        }
    }

    /** Vectors that re-calibration re-encodes must lie in the observed ranges, as every added vector does. */
    static void requireWithin(SectionInput in, float[] v, float[] min, float[] max, String what) {
        for (int i = 0; i < v.length; i++) {
            if (v[i] < min[i] || v[i] > max[i]) {
                throw in.corrupt(in.position(), what + " lies outside the observed range in dimension " + i);
            }
        }
    }
}
