package dev.teavec.core.encoding;

/**
 * The encodings beyond float32 and SQ8: float16, 4-bit scalar, binary and product quantization. The JVM and
 * teavec-quantization.wasm (the engine of the {@code teavec/quantization} entry) hold them; the core engine
 * (teavec.wasm) is compiled with {@link #list()} answering null (js-bindings' build plugin
 * {@code EncodingSelection}), so none of their code reaches the core bundle. Their names stay known to the
 * core, which can then say where an encoding is rather than that it does not exist.
 */
public final class ExtendedEncodings {
    public static final String FLOAT16 = "float16";
    public static final String SQ4 = "sq4";
    public static final String BINARY = "binary";
    public static final String PQ = "pq";
    /** The entry whose engine holds them. */
    public static final String ENTRY = "teavec/quantization";

    private static final String[] NAMES = {FLOAT16, SQ4, BINARY, PQ};

    private ExtendedEncodings() {
    }

    /** The encodings of this build beyond float32 and SQ8; null where the build leaves them out. */
    public static VectorEncoding[] list() {
        return new VectorEncoding[] {
            Float16Encoding.INSTANCE,
            Sq4Encoding.INSTANCE,
            BinaryEncoding.INSTANCE,
            PqEncoding.INSTANCE,
        };
    }

    /** Their names, whether this build holds them or not. */
    static String[] names() {
        return NAMES.clone();
    }

    /** Whether {@code name} is one of these encodings (present in this build or not). */
    static boolean named(String name) {
        for (String n : NAMES) {
            if (n.equals(name)) {
                return true;
            }
        }
        return false;
    }
}
