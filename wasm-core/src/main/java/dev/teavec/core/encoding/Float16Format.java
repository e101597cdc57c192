package dev.teavec.core.encoding;

import dev.teavec.core.codec.SectionInput;
import dev.teavec.core.codec.SectionOutput;
import dev.teavec.core.score.Float16VectorValues;
import dev.teavec.core.vector.Metric;
import dev.teavec.core.store.VectorStorageFactory;

/**
 * Float16 vectors as a snapshot holds them (docs/format.md): {@code i32 count}, {@code i32 dim}, one
 * {@code i16} scale exponent per vector, then every vector's halves, {@code 2 · dim} bytes little-endian.
 * A reader accepts exactly what {@link Float16VectorValues#add} makes: finite halves whose largest
 * magnitude lies in [2^14, 2^15] (the zero vector: all zero, exponent 0, and never under cosine), so
 * norms recomputed on load are the saved index's.
 */
public final class Float16Format {
    /** Magnitude bits of 2^14 and 2^15 as halves. */
    private static final int LOWEST_TOP = 0x7400;
    private static final int HIGHEST_TOP = 0x7800;

    private Float16Format() {
    }

    public static long size(Float16VectorValues values) {
        return 8 + 2L * values.size() + 2L * values.size() * values.dimensions();
    }

    public static void write(SectionOutput out, Float16VectorValues values) {
        int n = values.size();
        int dim = values.dimensions();
        out.i32(n);
        out.i32(dim);
        for (int ord = 0; ord < n; ord++) {
            out.u16(values.scaleExponent(ord) & 0xffff);
        }
        byte[] row = new byte[2 * dim];
        for (int ord = 0; ord < n; ord++) {
            values.readRow(ord, row);
            out.bytes(row, 0, row.length);
        }
    }

    public static Float16VectorValues read(SectionInput in, int count, int dim, Metric metric, VectorStorageFactory storage) {
        in.expect("vector count", count);
        in.expect("dimensions", dim);
        in.need(2L * count + 2L * count * dim, count + " scale exponents and vectors of " + dim + " halves");
        // Chunk growth can double the last chunk; a norm and an exponent per vector, and the exponents read here.
        in.charge(2 * 2L * count * dim + 12L * count, "float16 vectors");
        int[] exponents = new int[count];
        for (int ord = 0; ord < count; ord++) {
            int at = in.position();
            int e = (short) in.u16("scale exponent");
            if (e < Float16VectorValues.MIN_SCALE_EXPONENT || e > Float16VectorValues.MAX_SCALE_EXPONENT) {
                throw in.corrupt(at, "scale exponent of vector " + ord + " is " + e + ", outside ["
                        + Float16VectorValues.MIN_SCALE_EXPONENT + ", " + Float16VectorValues.MAX_SCALE_EXPONENT + "]");
            }
            exponents[ord] = e;
        }
        int start = in.take(2L * count * dim, count + " vectors of " + dim + " halves");
        byte[] all = null;
        int rowBytes = 2 * dim;
        int step = dev.teavec.core.store.RowSource.rowsPerRead(rowBytes);
        for (int done = 0; done < count; done += step) {
            int n = Math.min(step, count - done);
            all = in.rows().read(start + rowBytes * done, rowBytes * n);
            for (int r = 0; r < n; r++) {
                check(in, all, r * rowBytes, dim, done + r, exponents[done + r], metric, start + rowBytes * (done + r));
            }
        }
        Float16VectorValues values = new Float16VectorValues(dim, metric, storage);
        values.reserve(count);
        values.appendRows(in.rows(), start, count, exponents);
        return values;
    }

    private static void check(SectionInput in, byte[] rows, int off, int dim, int ord, int exponent, Metric metric, int at) {
        int top = 0;
        for (int i = 0; i < dim; i++) {
            int magnitude = ((rows[off + 2 * i] & 0xFF) | ((rows[off + 2 * i + 1] & 0xFF) << 8)) & 0x7fff;
            if (magnitude >= 0x7c00) {
                throw in.corrupt(at + 2 * i, "vector " + ord + " holds an infinite or NaN half in dimension " + i);
            }
            top = Math.max(top, magnitude);
        }
        if (top == 0) {
            if (metric == Metric.COSINE) {
                throw in.corrupt(at, "vector " + ord + " is zero, which cosine cannot hold");
            }
            if (exponent != 0) {
                throw in.corrupt(at, "vector " + ord + " is zero but has scale exponent " + exponent);
            }
        } else if (top < LOWEST_TOP || top > HIGHEST_TOP) {
            throw in.corrupt(at, "vector " + ord + " is not scaled: its largest half is not in [2^14, 2^15]");
        }
    }
}
