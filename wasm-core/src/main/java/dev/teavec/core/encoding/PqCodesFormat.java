package dev.teavec.core.encoding;

import dev.teavec.core.codec.SectionInput;
import dev.teavec.core.codec.SectionOutput;
import dev.teavec.core.quant.ProductQuantizer;
import dev.teavec.core.score.PqVectorValues;
import dev.teavec.core.store.CodeStorage;
import dev.teavec.core.store.VectorStorageFactory;
import dev.teavec.core.vector.Metric;

/**
 * Trained PQ as a snapshot holds it: the vector count, the dimensions, the centroids per sub-space (256), every
 * sub-space's centroids (sub-space by sub-space, centroid by centroid, its length of float32 each), then one
 * byte per sub-space per vector (docs/format.md). Norms are recomputed from the codes. Part of PQ's payload.
 */
public final class PqCodesFormat {
    private PqCodesFormat() {
    }

    public static long size(PqVectorValues values) {
        return 12 + 4 * values.quantizer().centroidFloats() + (long) values.size() * values.quantizer().subspaces();
    }

    public static void write(SectionOutput out, PqVectorValues values) {
        ProductQuantizer pq = values.quantizer();
        int n = values.size();
        int m = pq.subspaces();
        out.i32(n);
        out.i32(pq.dimensions());
        out.i32(ProductQuantizer.CENTROIDS);
        for (int s = 0; s < m; s++) {
            float[] c = pq.centroids(s);
            out.floats(c, 0, c.length);
        }
        CodeStorage codes = values.codes();
        byte[] code = new byte[m];
        for (int ord = 0; ord < n; ord++) {
            codes.read(ord, code);
            out.bytes(code, 0, m);
        }
    }

    /** Reads {@code count} codes of {@code subspaces} bytes for {@code dim} dimensions, validating everything. */
    public static PqVectorValues read(SectionInput in, int count, int dim, int subspaces, Metric metric,
            VectorStorageFactory storage) {
        in.expect("vector count", count);
        in.expect("dimensions", dim);
        in.expect("centroids per sub-space", ProductQuantizer.CENTROIDS);
        long centroidFloats = (long) ProductQuantizer.CENTROIDS * dim;
        in.need(4 * centroidFloats, "the centroids");
        in.charge(8 * centroidFloats, "the PQ centroids");
        int[] offsets = ProductQuantizer.offsets(dim, subspaces);
        float[][] centroids = new float[subspaces][];
        for (int s = 0; s < subspaces; s++) {
            centroids[s] = new float[ProductQuantizer.CENTROIDS * (offsets[s + 1] - offsets[s])];
            in.readFinite(centroids[s], 0, centroids[s].length, "centroids of sub-space " + s);
        }
        // Codes, doubled for chunk growth, and one norm per vector.
        in.charge(2L * count * subspaces + 4L * count, "the PQ codes");
        PqVectorValues values = PqVectorValues.restore(metric, ProductQuantizer.restore(dim, centroids), storage);
        values.reserve(count);
        int start = in.take((long) count * subspaces, count + " codes of " + subspaces + " bytes");
        values.appendCodes(in.rows(), start, count);
        if (metric != Metric.L2) {
            for (int ord = 0; ord < count; ord++) {
                float norm = values.norm(ord);
                // Every code indexes a centroid; what must hold is that scores stay finite.
                if (!(norm > 0f || (metric == Metric.DOT && norm == 0f)) || Float.isInfinite(norm)) {
                    throw in.corrupt(start + ord * subspaces, "code " + ord + " decodes to a vector of "
                            + (metric == Metric.COSINE ? "inverse norm " : "squared norm ") + norm
                            + (metric == Metric.COSINE ? ", which cosine cannot score" : ", which dot cannot score"));
                }
            }
        }
        return values;
    }
}
