package dev.teavec.bindings.wal;

import dev.teavec.bindings.idb.StorageErrors;
import dev.teavec.core.error.ErrorCode;
import dev.teavec.core.error.TeaVecException;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSExceptions;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;

/** Coded failures of log storages: rejected promises, Node's errno codes and the browser's DOMExceptions. */
public final class WalErrors {
    private WalErrors() {
    }

    static <T> JSPromise<T> reject(TeaVecException e) {
        return JSPromise.reject(StorageErrors.toJs(e));
    }

    static <T> JSPromise<T> reject(ErrorCode code, String message) {
        return reject(new TeaVecException(code, message));
    }

    /** A Node fs error: ENOSPC and EDQUOT are QUOTA_EXCEEDED, the rest STORAGE_ERROR naming the errno code. */
    static TeaVecException fromNode(JSObject error, String doing) {
        String code = nodeCode(error);
        String message = messageOf(error);
        if ("ENOSPC".equals(code) || "EDQUOT".equals(code)) {
            return new TeaVecException(ErrorCode.QUOTA_EXCEEDED, "the disk is full (" + code + ") while " + doing
                    + "; nothing of it was kept (" + message + ")");
        }
        return new TeaVecException(ErrorCode.STORAGE_ERROR, doing + " failed: " + message);
    }

    /** A coded exception passes through; a Node error is mapped; anything else is the browser's. */
    public static TeaVecException of(Object error, String doing) {
        if (error instanceof TeaVecException) {
            return (TeaVecException) error;
        }
        if (error instanceof Throwable) {
            return StorageErrors.fromThrowable((Throwable) error, doing);
        }
        return of((JSObject) error, doing);
    }

    /** A rejection reason as JavaScript holds it. */
    static TeaVecException of(JSObject js, String doing) {
        Throwable java = JSExceptions.getJavaException(js);
        if (java instanceof TeaVecException) {
            return (TeaVecException) java;
        }
        if (isCoded(js)) {
            return new TeaVecException(ErrorCode.valueOf(codeOfCoded(js)), detailOfCoded(js));
        }
        return nodeCode(js).isEmpty() ? StorageErrors.fromDomError(js, doing) : fromNode(js, doing);
    }

    /** Maps a rejection reason that came from JavaScript. */
    @JSFunctor
    interface Mapper extends JSObject {
        JSObject map(JSObject error);
    }

    /**
     * {@code promise}, whose rejection (a Node error, a DOMException) is turned into the coded error of
     * {@link #of}. Every promise that JavaScript APIs hand to the storages passes through here: in Wasm GC a
     * rejection handler receives its reason as a Java Object, which only works for errors that came from Java.
     */
    static <T> JSPromise<T> guard(JSPromise<T> promise, String doing) {
        return catchJs(promise, e -> StorageErrors.toJs(of(e, doing)));
    }

    @JSBody(params = {"p", "mapper"}, script = "return p.catch(function (e) { throw mapper(e); });")
    private static native <T> JSPromise<T> catchJs(JSPromise<T> p, Mapper mapper);

    /** The JS value to reject with. */
    static JSObject toJs(Object error, String doing) {
        return StorageErrors.toJs(of(error, doing));
    }

    @JSBody(params = "e", script = "return e && typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code) ? e.code : '';")
    private static native String nodeCode(JSObject e);

    @JSBody(params = "e", script = "return e && typeof e.message === 'string' ? e.message : String(e);")
    private static native String messageOf(JSObject e);

    /** An Error whose message is "CODE: detail" for one of our codes (a rejection that already crossed into JS). */
    @JSBody(params = "e", script = "return e instanceof Error && /^(QUOTA_EXCEEDED|STORAGE_ERROR|NOT_SUPPORTED"
            + "|INVALID_ARGUMENT|CORRUPT_SNAPSHOT|CAPACITY_EXCEEDED): /.test(e.message);")
    private static native boolean isCoded(JSObject e);

    @JSBody(params = "e", script = "return e.message.slice(0, e.message.indexOf(':'));")
    private static native String codeOfCoded(JSObject e);

    @JSBody(params = "e", script = "return e.message.slice(e.message.indexOf(':') + 2);")
    private static native String detailOfCoded(JSObject e);
}
