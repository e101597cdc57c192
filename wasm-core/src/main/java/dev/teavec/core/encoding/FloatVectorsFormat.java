package dev.teavec.core.encoding;

import dev.teavec.core.codec.SectionInput;
import dev.teavec.core.codec.SectionOutput;
import dev.teavec.core.number.Decimal;
import dev.teavec.core.score.FloatVectorValues;
import dev.teavec.core.store.FloatKernel;
import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.vector.Metric;

/**
 * Float32 vectors as a snapshot holds them: a count, the dimensions, then every vector, ordinal by
 * ordinal (docs/format.md). Every value must be finite and, under cosine, no vector zero, as when it was
 * added. Float32's whole payload, part of SQ8's, and (format versions 1 and 2) sections VECTORS_F32 and RERANK_F32.
 */
public final class FloatVectorsFormat {
    private FloatVectorsFormat() {
    }

    public static long size(FloatVectorValues vectors) {
        return 8 + 4L * vectors.size() * vectors.dimensions();
    }

    public static void write(SectionOutput out, FloatVectorValues vectors) {
        int n = vectors.size();
        int dim = vectors.dimensions();
        out.i32(n);
        out.i32(dim);
        float[] v = new float[dim];
        for (int ord = 0; ord < n; ord++) {
            // As added: under cosine the store may hold a rescaled copy (CosineScale), which add() remakes.
            vectors.decode(ord, v);
            out.floats(v, 0, dim);
        }
    }

    /**
     * Reads {@code count} vectors of {@code dim} dimensions into {@code storage}: copied in as one run
     * ({@link dev.teavec.core.store.FloatStorage#appendRows}: in the browser, straight from the JavaScript
     * bytes into linear memory), then checked and scored as add() would: each by its squared norm, which the
     * storage's kernel computes where the vector lives (SIMD in the browser) and which alone proves it finite
     * and, under cosine, gives its inverse norm ({@link FloatVectorValues#adoptStoredNorm}); only vectors it
     * does not settle (huge, tiny, zero, not finite) are read back and checked element by element.
     */
    public static FloatVectorValues read(SectionInput in, int count, int dim, Metric metric, VectorStorageFactory storage) {
        in.expect("vector count", count);
        in.expect("dimensions", dim);
        in.need(4L * count * dim, count + " vectors of " + dim + " float32");
        // Chunk growth can double the last chunk; cosine adds one inverse norm per vector.
        in.charge(2 * 4L * count * dim + 8L * count, "float vectors");
        FloatVectorValues values = new FloatVectorValues(dim, metric, storage);
        values.reserve(count);
        int start = in.take(4L * count * dim, count + " vectors of " + dim + " float32");
        values.store().appendRows(in.rows(), start, count);
        FloatKernel self = values.store().newKernel();
        try {
            float[] v = null;
            for (int ord = 0; ord < count; ord++) {
                self.setQueryFromOrdinal(ord);
                if (values.adoptStoredNorm(ord, self.dot(ord))) {
                    continue;
                }
                if (v == null) {
                    v = new float[dim];
                }
                adoptChecked(in, values, ord, v, start + 4 * ord * dim);
            }
        } finally {
            self.release();
        }
        return values;
    }

    /** Vector {@code ord} read back, checked finite and (cosine) non-zero, and adopted; {@code at}: its offset. */
    private static void adoptChecked(SectionInput in, FloatVectorValues values, int ord, float[] v, int at) {
        values.store().read(ord, v);
        for (int i = 0; i < v.length; i++) {
            // x - x is 0 for every finite x, NaN for infinities and NaN (no calls in the loop).
            if (v[i] - v[i] != 0f) {
                throw in.corrupt(at + 4 * i, "vector " + ord + " holds " + Decimal.formatFloat(v[i])
                        + ", not a finite number");
            }
        }
        values.adoptStored(ord, v);
        // adoptStored took the inverse norm, which is 0 only for the zero vector.
        if (values.metric().usesNorm() && values.invNorm(ord) == 0f) {
            throw in.corrupt(at, "vector " + ord + " is zero, which cosine cannot hold");
        }
    }
}
