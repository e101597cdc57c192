package dev.teavec.core.encoding;

import dev.teavec.core.codec.SectionInput;
import dev.teavec.core.codec.SectionOutput;
import dev.teavec.core.quant.RangeTracker;
import dev.teavec.core.quant.Sq4Quantizer;
import dev.teavec.core.score.Sq4VectorValues;
import dev.teavec.core.store.CodeStorage;
import dev.teavec.core.store.RowSource;
import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.vector.Metric;

/**
 * SQ4 codes with their whole calibration state, laid out as {@link Sq8CodesFormat} (and validated by the
 * same range checks): count, dimensions, calibrations, the quantizer's ranges, the observed ranges with
 * their vector count, the clipped vectors' exact copies, then {@code ceil(dim / 2)} bytes of packed codes
 * per vector (an odd last dimension leaves the last high nibble zero). Norms are recomputed from the codes.
 */
public final class Sq4CodesFormat {
    private Sq4CodesFormat() {
    }

    public static long size(Sq4VectorValues values) {
        long dim = values.dimensions();
        return 12 + 8 * dim + 4 + 8 * dim + 4 + values.clippedCount() * (4 + 4 * dim)
                + values.size() * (long) Sq4Quantizer.codeBytes((int) dim);
    }

    public static void write(SectionOutput out, Sq4VectorValues values) {
        int dim = values.dimensions();
        int n = values.size();
        out.i32(n);
        out.i32(dim);
        out.i32(values.calibrations());
        Sq4Quantizer q = values.quantizer();
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
        byte[] code = new byte[Sq4Quantizer.codeBytes(dim)];
        for (int ord = 0; ord < n; ord++) {
            codes.read(ord, code);
            out.bytes(code, 0, code.length);
        }
    }

    public static Sq4VectorValues read(SectionInput in, int count, int dim, Metric metric, VectorStorageFactory storage) {
        in.expect("vector count", count);
        in.expect("dimensions", dim);
        int calibrations = in.count("calibrations", 1, Integer.MAX_VALUE, 0);
        in.need(16L * dim, "the quantizer's and the observed ranges");
        in.charge(32L * dim, "the SQ4 ranges");
        float[] qMin = new float[dim];
        float[] qMax = new float[dim];
        Sq8CodesFormat.readRanges(in, qMin, qMax, "quantizer");
        int observedCount = in.count("observed vector count", 1, Integer.MAX_VALUE, 0);
        float[] oMin = new float[dim];
        float[] oMax = new float[dim];
        Sq8CodesFormat.readRanges(in, oMin, oMax, "observed");
        for (int i = 0; i < dim; i++) {
            if (oMin[i] > qMin[i] || oMax[i] < qMax[i]) {
                throw in.corrupt(in.position(), "observed range of dimension " + i + " does not contain the quantizer's");
            }
        }
        int codeBytes = Sq4Quantizer.codeBytes(dim);
        int clipped = in.count("clipped count", 0, count, 4 + 4L * dim);
        in.charge(clipped * (8 + 4L * dim) + 2L * count * codeBytes + 8L * count, "the SQ4 codes");
        Sq4VectorValues values = Sq4VectorValues.restore(metric, Sq4Quantizer.fromRange(qMin, qMax),
                RangeTracker.restore(oMin, oMax, observedCount), calibrations, storage);
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
            Sq8CodesFormat.requireWithin(in, v, oMin, oMax, "clipped vector " + c);
            clippedOrds[c] = ord;
            clippedVectors[c] = v;
            previous = ord;
        }
        int start = in.take((long) count * codeBytes, count + " codes of " + codeBytes + " bytes");
        if ((dim & 1) != 0) {
            // The padding nibble must be zero: one encoding per vector.
            int step = RowSource.rowsPerRead(codeBytes);
            for (int done = 0; done < count; done += step) {
                int n = Math.min(step, count - done);
                byte[] rows = in.rows().read(start + codeBytes * done, codeBytes * n);
                for (int r = 0; r < n; r++) {
                    if ((rows[r * codeBytes + codeBytes - 1] & 0xF0) != 0) {
                        throw in.corrupt(start + codeBytes * (done + r + 1) - 1, "codes of vector " + (done + r)
                                + " set the padding nibble after the last dimension");
                    }
                }
            }
        }
        values.reserve(count);
        values.appendCodes(in.rows(), start, count);
        for (int c = 0; c < clipped; c++) {
            values.restoreClipped(clippedOrds[c], clippedVectors[c]);
        }
        return values;
    }
}
