package dev.teavec.bindings.idb;

import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSPromise;

/** Runs while the lock is held; the lock is released when the returned promise settles. */
@JSFunctor
interface LockGrantedCallback<T> extends JSObject {
    JSPromise<T> granted(JSObject lock);
}
