package dev.teavec.bindings.idb;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.browser.TimerHandler;
import org.teavm.jso.core.JSBoolean;
import org.teavm.jso.core.JSPromise;
import org.teavm.jso.indexeddb.IDBFactory;

/**
 * The browser globals the store needs, each looked up defensively: the same .wasm also runs in Node
 * and Cloudflare Workers, where some of them do not exist (null is returned then, never a ReferenceError).
 */
final class BrowserApis {
    private BrowserApis() {
    }

    @JSBody(script = "return typeof indexedDB !== 'undefined' && indexedDB ? indexedDB : null;")
    static native IDBFactory indexedDb();

    /** Web Locks; missing in Safari before 15.4 and in Node. */
    @JSBody(script = "return typeof navigator !== 'undefined' && navigator.locks"
            + " && typeof navigator.locks.request === 'function' ? navigator.locks : null;")
    static native LockManager locks();

    @JSBody(params = "name", script = "return typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : null;")
    static native BroadcastChannelJs broadcastChannel(String name);

    /** navigator.storage.persist(), or false where the Storage API is missing. */
    @JSBody(script = "return typeof navigator !== 'undefined' && navigator.storage"
            + " && typeof navigator.storage.persist === 'function'"
            + " ? navigator.storage.persist().then(function (p) { return !!p; }) : Promise.resolve(false);")
    static native JSPromise<JSBoolean> persist();

    @JSBody(params = {"handler", "delay"}, script = "return setTimeout(handler, delay);")
    static native int setTimeout(TimerHandler handler, int delay);

    @JSBody(params = "id", script = "clearTimeout(id);")
    static native void clearTimeout(int id);

    @JSBody(script = "return Date.now();")
    static native double now();

    /** The name of a DOMException (or any error-like value); "" when there is none. */
    @JSBody(params = "e", script = "return e && typeof e.name === 'string' ? e.name : '';")
    static native String errorName(JSObject e);

    @JSBody(params = "e", script = "return e && typeof e.message === 'string' ? e.message : String(e);")
    static native String errorMessage(JSObject e);

    @JSBody(params = "e", script = "return !!e && typeof e.message === 'string' && /quota/i.test(e.message);")
    static native boolean mentionsQuota(JSObject e);

    /** Legacy numeric DOMException code (22 = QUOTA_EXCEEDED_ERR), 0 when absent. */
    @JSBody(params = "e", script = "return e && typeof e.code === 'number' ? e.code : 0;")
    static native int errorCode(JSObject e);

    @JSBody(params = "v", script = "return v instanceof ArrayBuffer;")
    static native boolean isArrayBuffer(JSObject v);
}
