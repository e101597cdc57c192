package dev.teavec.core.vector;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import dev.teavec.core.number.Decimal;

/** Validation at the engine's public boundary: every vector that enters is checked here first. */
public final class VectorChecks {
    /**
     * Under l2 and dot a vector's squared norm stays below 2^124 (its norm below 2^62, about 4.6e18): then every
     * distance between two stored vectors (at most 4 · 2^124 squared) and every per-dimension span SQ8/SQ4 take
     * is a finite float. Above it distances overflow to infinity or NaN, the graph's order breaks, and the index
     * once saved snapshots its own loader refused. Cosine rescales vectors first (CosineScale): no bound there.
     */
    public static final double MAX_SQUARED_NORM = 0x1p124;

    private VectorChecks() {
    }

    public static void checkVector(float[] v, int expectedDim, Metric metric, String what) {
        if (v == null) {
            throw new TeaVecException(ErrorCode.INVALID_VECTOR, what + " must be a Float32Array, got null");
        }
        if (v.length != expectedDim) {
            throw new TeaVecException(ErrorCode.DIMENSION_MISMATCH,
                    what + " must have " + expectedDim + " dimensions, got " + v.length);
        }
        // The norm is summed only where its bound applies (l2, dot); cosine needs a direction instead.
        boolean cosine = metric.usesNorm();
        boolean zero = true;
        double squaredNorm = 0;
        for (int i = 0; i < v.length; i++) {
            float x = v[i];
            if (Float.isNaN(x) || Float.isInfinite(x)) {
                throw new TeaVecException(ErrorCode.INVALID_VECTOR,
                        what + " must contain only finite numbers, got " + Decimal.formatFloat(x)
                                + " at index " + i);
            }
            if (cosine) {
                zero &= x == 0f;
            } else {
                squaredNorm += (double) x * x;
            }
        }
        if (squaredNorm >= MAX_SQUARED_NORM) {
            throw new TeaVecException(ErrorCode.INVALID_VECTOR, what + " must have a norm below 2^62 (4.6e18) under "
                    + metric.jsName() + " so that distances stay finite, got " + Decimal.formatFloat((float) Math.sqrt(squaredNorm)));
        }
        // Any non-zero component gives a direction, however small (CosineScale rescales it).
        if (cosine && zero) {
            throw new TeaVecException(ErrorCode.INVALID_VECTOR,
                    what + " must not be the zero vector under cosine: it has no direction");
        }
    }

    public static void checkK(int k) {
        if (k <= 0) {
            throw new TeaVecException(ErrorCode.INVALID_K, "k must be a positive integer, got " + k);
        }
    }

    /** The beam width a caller passes to one search (the configured ef_search is checked by ConfigField). */
    public static void checkEfSearch(int efSearch) {
        if (efSearch < 1) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "efSearch must be a positive integer, got " + efSearch);
        }
    }

    /** A query's rerankK: 0 (every candidate of the beam) or more. */
    public static void checkRerankK(int rerankK) {
        if (rerankK < 0) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "rerankK must be a positive integer, got " + rerankK);
        }
    }
}
