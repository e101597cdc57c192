package dev.teavec.bindings.idb;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import org.teavm.jso.JSObject;
import org.teavm.jso.function.JSConsumer;

/**
 * Settles an open or delete request's promise exactly once. A request that another connection blocks
 * (it ignores `versionchange`) is given up after a while rather than waited on forever; IndexedDB still
 * carries it out once that connection closes.
 */
final class OpenOutcome {
    static final int BLOCKED_TIMEOUT_MS = 10_000;

    private final JSConsumer<JSObject> resolve;
    private final JSConsumer<Object> reject;
    private boolean settled;
    private int timer = -1;

    OpenOutcome(JSConsumer<JSObject> resolve, JSConsumer<Object> reject) {
        this.resolve = resolve;
        this.reject = reject;
    }

    boolean isSettled() {
        return settled;
    }

    void resolve(JSObject value) {
        if (finish()) {
            resolve.accept(value);
        }
    }

    void reject(TeaVecException e) {
        if (finish()) {
            reject.accept(StorageErrors.toJs(e));
        }
    }

    void blocked(String databaseName) {
        if (settled || timer >= 0) {
            return;
        }
        timer = BrowserApis.setTimeout(() -> reject(new TeaVecException(ErrorCode.STORAGE_ERROR, databaseName
                + " is held open by a connection that ignores versionchange (an old page or foreign code); gave up after "
                + BLOCKED_TIMEOUT_MS + " ms, the request completes once it closes")), BLOCKED_TIMEOUT_MS);
    }

    private boolean finish() {
        if (settled) {
            return false;
        }
        settled = true;
        if (timer >= 0) {
            BrowserApis.clearTimeout(timer);
        }
        return true;
    }
}
