package dev.teavec.bindings.idb;

import org.teavm.jso.JSObject;
import org.teavm.jso.indexeddb.IDBGetRequest;
import org.teavm.jso.indexeddb.IDBRequest;

/** IDBObjectStore calls missing from teavm-jso-apis (getAll) or needed with a key range (delete). */
interface StoreRequests extends JSObject {
    IDBRequest put(JSObject value, JSObject key);

    IDBGetRequest get(JSObject key);

    IDBGetRequest getAll();

    IDBGetRequest getAllKeys();

    /** Takes a key or an IDBKeyRange. */
    IDBRequest delete(JSObject keyOrRange);
}
