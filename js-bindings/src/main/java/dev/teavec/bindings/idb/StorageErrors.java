package dev.teavec.bindings.idb;

import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import org.teavm.jso.JSExceptions;
import org.teavm.jso.JSObject;

/** Turns what IndexedDB and OPFS report (DOMExceptions, aborted transactions) into coded TeaVecExceptions. */
public final class StorageErrors {
    /** Legacy DOMException code of QuotaExceededError. */
    private static final int QUOTA_EXCEEDED_ERR = 22;

    private StorageErrors() {
    }

    public static TeaVecException fromDomError(JSObject error, String doing) {
        if (error == null) {
            return new TeaVecException(ErrorCode.STORAGE_ERROR, doing + " was aborted");
        }
        String name = BrowserApis.errorName(error);
        String message = BrowserApis.errorMessage(error);
        String cause = message.isEmpty() ? name : name.isEmpty() ? message : name + ": " + message;
        if (isQuotaExceeded(name, BrowserApis.mentionsQuota(error), BrowserApis.errorCode(error))) {
            return new TeaVecException(ErrorCode.QUOTA_EXCEEDED, "the browser's storage quota for this site ran out while "
                    + doing + "; the previously saved generation is intact (" + cause + ")");
        }
        if ("VersionError".equals(name)) {
            return new TeaVecException(ErrorCode.STORAGE_ERROR, doing + " failed: the database was upgraded by a newer"
                    + " version of TeaVec; reload the page (" + cause + ")");
        }
        return new TeaVecException(ErrorCode.STORAGE_ERROR, doing + " failed: " + cause);
    }

    /** Anything caught around a call into IndexedDB; coded exceptions pass through unchanged. */
    public static TeaVecException fromThrowable(Throwable t, String doing) {
        if (t instanceof TeaVecException) {
            return (TeaVecException) t;
        }
        return fromDomError(JSExceptions.getJSException(t), doing);
    }

    /**
     * Quota errors have several spellings: the standard name, Firefox's legacy one, the numeric code, and
     * engines that report an UnknownError whose message names the quota.
     */
    static boolean isQuotaExceeded(String name, boolean messageMentionsQuota, int code) {
        return "QuotaExceededError".equals(name) || "NS_ERROR_DOM_QUOTA_REACHED".equals(name)
                || code == QUOTA_EXCEEDED_ERR || messageMentionsQuota;
    }

    /** The JS value a promise is rejected with: an Error whose message is "CODE: detail". */
    public static JSObject toJs(TeaVecException e) {
        return JSExceptions.getJSException(e);
    }
}
