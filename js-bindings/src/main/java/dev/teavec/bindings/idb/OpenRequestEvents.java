package dev.teavec.bindings.idb;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.indexeddb.EventHandler;

/**
 * The `blocked` event of open and delete requests. teavm-jso-apis 0.16 declares
 * IDBOpenDBRequest.setOnBlocked with a bare @JSProperty, which sets `onBlocked` (camel case), a property
 * the browser never reads.
 */
interface OpenRequestEvents extends JSObject {
    @JSProperty("onblocked")
    void setOnBlocked(EventHandler handler);
}
