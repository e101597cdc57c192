package dev.teavec.core.vector;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;

/**
 * Distance functions. Every score TeaVec reports is a distance: lower is closer, results come best first.
 * <ul>
 *   <li>{@code COSINE}: {@code 1 - cos(a, b)}, in [0, 2]. Zero vectors have no direction and are rejected;
 *       any other finite vector is accepted, whatever its scale ({@link CosineScale}).</li>
 *   <li>{@code DOT}: {@code -dot(a, b)}, so the largest inner product ranks first.</li>
 *   <li>{@code L2}: Euclidean distance. Ranking uses the squared distance; the square root is taken only
 *       for the k results reported.</li>
 * </ul>
 */
public enum Metric {
    COSINE("cosine"),
    DOT("dot"),
    L2("l2");

    private final String jsName;

    Metric(String jsName) {
        this.jsName = jsName;
    }

    public String jsName() {
        return jsName;
    }

    public static Metric fromName(String name) {
        if (name != null) {
            for (Metric m : values()) {
                if (m.jsName.equals(name)) {
                    return m;
                }
            }
        }
        throw new TeaVecException(ErrorCode.INVALID_CONFIG,
                "metric must be one of 'cosine', 'dot', 'l2', got '" + name + "'");
    }

    /** Turns a ranking key into the reported distance. */
    public float toDistance(float rankKey) {
        if (this == L2) {
            // Keys rebuilt from norms and a dot product (SQ8) can round a hair below 0: never report NaN.
            return rankKey <= 0f ? 0f : (float) Math.sqrt(rankKey);
        }
        if (this == COSINE) {
            // Rounding can push 1 - cos a hair below 0 for identical vectors; a distance never is.
            return rankKey < 0f ? 0f : rankKey;
        }
        return rankKey;
    }

    /** Whether this metric needs the vector's norm (and so rejects a zero vector). */
    public boolean usesNorm() {
        return this == COSINE;
    }
}
