package dev.teavec.core.index;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;

/** Which index structure answers searches. */
public enum IndexType {
    /** Exact scan of every vector. */
    FLAT("flat"),
    /** Approximate search on an HNSW graph. */
    HNSW("hnsw"),
    /** Exact scan while small, HNSW once larger than {@link IndexConfig#autoThreshold()}. The default. */
    AUTO("auto");

    private final String jsName;

    IndexType(String jsName) {
        this.jsName = jsName;
    }

    public String jsName() {
        return jsName;
    }

    public static IndexType fromName(String name) {
        for (IndexType t : values()) {
            if (t.jsName.equals(name)) {
                return t;
            }
        }
        throw new TeaVecException(ErrorCode.INVALID_CONFIG, "indexType must be one of 'flat', 'hnsw', 'auto', got '" + name + "'");
    }
}
