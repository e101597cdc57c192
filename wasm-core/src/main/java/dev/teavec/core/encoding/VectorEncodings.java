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
    public static final VectorEncodings BUILT_IN = new VectorEncodings(withExtended(new VectorEncoding[] {
        Float32Encoding.INSTANCE, Sq8Encoding.INSTANCE}, ExtendedEncodings.list()));

    private final VectorEncoding[] encodings;

    private VectorEncodings(VectorEncoding[] encodings) {
        this.encodings = encodings;
    }

    private static VectorEncoding[] withExtended(VectorEncoding[] core, VectorEncoding[] extended) {
        if (extended == null) {
            return core;
        }
        VectorEncoding[] all = new VectorEncoding[core.length + extended.length];
        System.arraycopy(core, 0, all, 0, core.length);
        System.arraycopy(extended, 0, all, core.length, extended.length);
        return all;
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
            if (ExtendedEncodings.named(quantization)) {
                throw new TeaVecException(ErrorCode.NOT_SUPPORTED, inOtherEngine(quantization));
            }
            throw new TeaVecException(ErrorCode.INVALID_CONFIG, "quantization must be one of " + names() + ", got '"
                    + quantization + "'");
        }
        return e;
    }

    /**
     * Every name a config's {@code quantization} may take in some TeaVec engine: 'none', the core's encodings,
     * then the extended ones (whether this build holds them or not), for the typings and the settings table.
     */
    public static String[] quantizationChoices() {
        String[] extended = ExtendedEncodings.names();
        String[] choices = new String[2 + extended.length];
        choices[0] = NONE;
        choices[1] = Sq8Encoding.INSTANCE.name();
        System.arraycopy(extended, 0, choices, 2, extended.length);
        return choices;
    }

    /** Why a snapshot's encoding {@code name} cannot be read by this build. */
    public String unknownReason(String name) {
        if (find(name) == null && ExtendedEncodings.named(name)) {
            return inOtherEngine(name);
        }
        return "vector encoding '" + name + "' is unknown to this TeaVec (it reads " + names()
                + "); a newer TeaVec wrote it?";
    }

    private static String inOtherEngine(String name) {
        return "quantization '" + name + "' is in the engine of " + ExtendedEncodings.ENTRY + ": call its init() ("
                + "import init from '" + ExtendedEncodings.ENTRY + "') instead of teavec's";
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
