package dev.teavec.core.error;

/**
 * The one exception the engine throws for bad input. It is always thrown before any state changes,
 * so a caller that catches it still holds an intact index.
 */
public final class TeaVecException extends RuntimeException {
    private final ErrorCode code;
    private final String detail;

    public TeaVecException(ErrorCode code, String detail) {
        // The code leads the message so that it survives runtimes that keep only the message (Wasm GC → JS).
        super(code.name() + ": " + detail);
        this.code = code;
        this.detail = detail;
    }

    public ErrorCode code() {
        return code;
    }

    public String detail() {
        return detail;
    }
}
