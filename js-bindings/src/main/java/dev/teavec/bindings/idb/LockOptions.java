package dev.teavec.bindings.idb;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/** The options bag of navigator.locks.request. */
interface LockOptions extends JSObject {
    @JSProperty
    void setMode(String mode);
}
