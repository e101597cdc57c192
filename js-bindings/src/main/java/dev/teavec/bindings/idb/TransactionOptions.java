package dev.teavec.bindings.idb;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;

/** IDBTransactionOptions: teavm-jso-apis has no way to ask for {durability: 'strict'}. */
interface TransactionOptions extends JSObject {
    /** Flushed to disk before `complete` fires. */
    String STRICT = "strict";
    /** Complete once the OS has the data; survives a browser crash, maybe not a power cut. */
    String RELAXED = "relaxed";

    @JSProperty
    void setDurability(String durability);
}
