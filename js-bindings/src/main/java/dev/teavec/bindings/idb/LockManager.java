package dev.teavec.bindings.idb;

import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;

/** navigator.locks (Web Locks API), which teavm-jso-apis does not declare. */
interface LockManager extends JSObject {
    <T> JSPromise<T> request(String name, LockOptions options, LockGrantedCallback<T> callback);
}
