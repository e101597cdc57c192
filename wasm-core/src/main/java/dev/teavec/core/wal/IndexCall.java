package dev.teavec.core.wal;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;

/**
 * A change made through the single-index API (EdgeVec.open): the method called and its arguments, which replay
 * calls again. The JavaScript side writes the arguments as JSON with every vector moved into {@code floats}
 * (end to end, referenced from the JSON by offset), so vectors stay binary and exact.
 * Payload: method name, arguments JSON, u32 n, n f32 (finite).
 */
public final class IndexCall extends WalOperation {
    /** Method names: the longest EdgeVec method name is far below this. */
    static final int MAX_METHOD_LENGTH = 64;

    private final String method;
    private final String argumentsJson;
    private final float[] floats;

    /** {@code floats} is kept, not copied. */
    public IndexCall(String method, String argumentsJson, float[] floats) {
        if (method == null || method.isEmpty() || method.length() > MAX_METHOD_LENGTH) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "a method name is a string of 1.." + MAX_METHOD_LENGTH
                    + " characters");
        }
        if (argumentsJson == null) {
            throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "a call needs its arguments (JSON)");
        }
        for (int i = 0; floats != null && i < floats.length; i++) {
            if (!Float.isFinite(floats[i])) {
                throw new TeaVecException(ErrorCode.INVALID_ARGUMENT, "number " + i + " of the call's vectors is not finite");
            }
        }
        this.method = method;
        this.argumentsJson = argumentsJson;
        this.floats = floats == null ? new float[0] : floats;
    }

    @Override
    public int op() {
        return WalOp.INDEX_CALL;
    }

    public String method() {
        return method;
    }

    public String argumentsJson() {
        return argumentsJson;
    }

    /** Not copied: do not modify. */
    public float[] floats() {
        return floats;
    }

    @Override
    long payloadSize() {
        return WalBuffer.textSize(method) + WalBuffer.textSize(argumentsJson) + 4 + 4L * floats.length;
    }

    @Override
    void write(WalBuffer out) {
        out.text(method);
        out.text(argumentsJson);
        out.i32(floats.length);
        out.floats(floats, 0, floats.length);
    }

    static IndexCall read(WalPayloadReader in) {
        String method = in.text(1, MAX_METHOD_LENGTH, "the method name");
        String json = in.text(0, Integer.MAX_VALUE, "the arguments");
        int n = in.count("the number count", 0, Integer.MAX_VALUE, 4);
        float[] floats = new float[n];
        in.floats(floats, 0, n, "the vectors");
        return new IndexCall(method, json, floats);
    }
}
