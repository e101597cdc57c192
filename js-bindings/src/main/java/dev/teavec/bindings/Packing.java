package dev.teavec.bindings;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.index.SearchResult;
import dev.teavec.core.search.FilteredResult;
import dev.teavec.core.vector.VectorChecks;

/** Plain-Java layouts for data crossing the boundary: results packed into one array, flat batches split. */
final class Packing {
    private Packing() {
    }

    /** [id0, distance0, id1, distance1, ..., visited]. */
    static double[] search(SearchResult result) {
        double[] packed = new double[result.size() * 2 + 1];
        for (int i = 0; i < result.size(); i++) {
            packed[2 * i] = result.id(i);
            packed[2 * i + 1] = result.distance(i);
        }
        packed[packed.length - 1] = result.visited();
        return packed;
    }

    /** [n, visited, strategy, matchedEstimate, id0, distance0, id1, distance1, ...]. */
    static double[] filtered(FilteredResult filtered) {
        SearchResult result = filtered.result();
        double[] packed = new double[4 + result.size() * 2];
        packed[0] = result.size();
        packed[1] = result.visited();
        packed[2] = filtered.strategy();
        packed[3] = filtered.matchedEstimate();
        for (int i = 0; i < result.size(); i++) {
            packed[4 + 2 * i] = result.id(i);
            packed[5 + 2 * i] = result.distance(i);
        }
        return packed;
    }

    /** Splits {@code count} vectors laid end to end, checking each (before anything is stored). */
    static float[][] split(float[] all, int count, int dim, dev.teavec.core.vector.Metric metric) {
        if (count < 0 || (long) count * dim != all.length) {
            throw new TeaVecException(ErrorCode.DIMENSION_MISMATCH, "a flat batch of " + count + " vectors of "
                    + dim + " dimensions must hold " + ((long) count * dim) + " numbers, got " + all.length);
        }
        float[][] vectors = new float[count][];
        for (int i = 0; i < count; i++) {
            float[] v = new float[dim];
            System.arraycopy(all, i * dim, v, 0, dim);
            VectorChecks.checkVector(v, dim, metric, "vector " + i + " of the batch");
            vectors[i] = v;
        }
        return vectors;
    }
}
