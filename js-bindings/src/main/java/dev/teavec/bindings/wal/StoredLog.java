package dev.teavec.bindings.wal;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSNumber;
import org.teavm.jso.core.JSObjects;
import org.teavm.jso.typedarrays.Int8Array;

/** A log as its storage holds it: segment ids and bytes, oldest first. */
public interface StoredLog extends JSObject {
    @JSProperty
    JSArray<JSNumber> getIds();

    @JSProperty
    void setIds(JSArray<JSNumber> ids);

    @JSProperty
    JSArray<Int8Array> getSegments();

    @JSProperty
    void setSegments(JSArray<Int8Array> segments);

    static StoredLog create() {
        StoredLog log = JSObjects.create();
        log.setIds(JSArray.create());
        log.setSegments(JSArray.create());
        return log;
    }

    static void add(StoredLog log, int id, Int8Array bytes) {
        log.getIds().push(JSNumber.valueOf(id));
        log.getSegments().push(bytes);
    }
}
