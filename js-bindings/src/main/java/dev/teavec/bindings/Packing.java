package dev.teavec.bindings;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.index.SearchResult;
import dev.teavec.core.search.FilteredResult;
import dev.teavec.core.vector.Metric;
import dev.teavec.core.vector.VectorChecks;

/**
 * Plain-Java layouts for data crossing the boundary: search hits packed into one array, flat batches
 * split. The hits layout is written once, here: {@link #layoutJson()} describes it to the JS package,
 * whose decoder is generated from that description when the package is built.
 */
final class Packing {
    /** The header of packed hits, one number each, in this order. */
    static final String[] HEADER = {"count", "visited", "strategy", "matched"};
    /** The numbers of one hit, in this order (score: the distance, lower is closer, as JS results name it). */
    static final String[] HIT = {"id", "score"};
    /**
     * Names of the strategy codes: FilteredResult's EXACT, GRAPH and GRAPH_THEN_EXACT, then a search
     * without a filter (matched is then the live count).
     */
    static final String[] STRATEGIES = {"exact", "graph", "graphThenExact", "unfiltered"};
    static final int UNFILTERED = 3;

    private Packing() {
    }

    /** [count, visited, strategy, matched, id0, score0, id1, score1, ...], best first. */
    static double[] hits(SearchResult result, int strategy, int matched) {
        int head = HEADER.length;
        int stride = HIT.length;
        double[] packed = new double[head + result.size() * stride];
        packed[0] = result.size();
        packed[1] = result.visited();
        packed[2] = strategy;
        packed[3] = matched;
        for (int i = 0; i < result.size(); i++) {
            packed[head + stride * i] = result.id(i);
            packed[head + stride * i + 1] = result.distance(i);
        }
        return packed;
    }

    static double[] hits(FilteredResult filtered) {
        return hits(filtered.result(), filtered.strategy(), filtered.matchedEstimate());
    }

    /** {"header": [...], "hit": [...], "strategies": [...]}. */
    static String layoutJson() {
        return "{\"header\":" + EngineApi.strings(HEADER) + ",\"hit\":" + EngineApi.strings(HIT) + ",\"strategies\":"
                + EngineApi.strings(STRATEGIES) + "}";
    }

    /** Splits {@code count} vectors laid end to end, checking each (before anything is stored). */
    static float[][] split(float[] all, int count, int dim, Metric metric) {
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
