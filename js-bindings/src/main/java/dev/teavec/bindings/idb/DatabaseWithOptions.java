package dev.teavec.bindings.idb;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.indexeddb.EventHandler;
import org.teavm.jso.indexeddb.IDBTransaction;

/** The parts of IDBDatabase that teavm-jso-apis lacks: transaction options and the close event. */
interface DatabaseWithOptions extends JSObject {
    IDBTransaction transaction(String[] storeNames, String mode, TransactionOptions options);

    /** Fired when the browser closes the connection itself (storage cleared, disk error). */
    @JSProperty("onclose")
    void setOnClose(EventHandler handler);
}
