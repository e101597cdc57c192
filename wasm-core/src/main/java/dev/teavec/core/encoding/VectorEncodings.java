package dev.teavec.core.encoding;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;

/**
 * The vector encodings this build knows, by name. Immutable. A config names one as its
 * {@code quantization} ("none" is float32's user-facing name).
 */
public final class VectorEncodings {
    public static final String FLOAT32 = "float32";
    /** What a config's {@code quantization} calls float32. */
    public static final String NONE = "none";
    public static final VectorEncodings BUILT_IN = new VectorEncodings(new VectorEncoding[] {
        Float32Encoding.INSTANCE, Sq8Encoding.INSTANCE});

    private final VectorEncoding[] encodings;

    private VectorEncodings(VectorEncoding[] encodings) {
        this.encodings = encodings;
    }

    /** The encoding called {@code name} ("none" for float32), or null. */
    public VectorEncoding find(String name) {
        String canonical = NONE.equals(name) ? FLOAT32 : name;
        for (VectorEncoding e : encodings) {
            if (e.name().equals(canonical)) {
                return e;
            }
        }
        return null;
    }

    /** The encoding a config's {@code quantization} names; INVALID_CONFIG naming the choices otherwise. */
    public VectorEncoding forQuantization(String quantization) {
        VectorEncoding e = find(quantization);
        if (e == null) {
            throw new TeaVecException(ErrorCode.INVALID_CONFIG, "quantization must be one of " + names() + ", got '"
                    + quantization + "'");
        }
        return e;
    }

    /** The names a config accepts, quoted: 'none', 'sq8', ... */
    public String names() {
        StringBuilder sb = new StringBuilder("'" + NONE + "'");
        for (VectorEncoding e : encodings) {
            if (!e.name().equals(FLOAT32)) {
                sb.append(", '").append(e.name()).append('\'');
            }
        }
        return sb.toString();
    }
}
