package dev.teavec.core.index;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;

/** How vectors are stored. */
public enum Quantization {
    /** float32, exact. */
    NONE("none"),
    /** One byte per dimension, per-dimension ranges; see {@code Sq8VectorValues} for the calibration policy. */
    SQ8("sq8");

    private final String jsName;

    Quantization(String jsName) {
        this.jsName = jsName;
    }

    public String jsName() {
        return jsName;
    }

    public static Quantization fromName(String name) {
        for (Quantization q : values()) {
            if (q.jsName.equals(name)) {
                return q;
            }
        }
        throw new TeaVecException(ErrorCode.INVALID_CONFIG, "quantization must be one of 'none', 'sq8', got '" + name + "'");
    }
}
