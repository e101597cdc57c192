package dev.teavec.bindings.types;

import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/** One index type registered from JavaScript: its state's format version and its factory (index-types.js). */
public interface JsIndexTypeEntry extends JSObject {
    int version();

    /**
     * A new index of this type (the user's factory, wrapped): empty when {@code state} is null, else
     * holding the state of format {@code stateVersion} its {@code toBytes()} wrote.
     */
    JsIndexInstance create(int dimensions, String metric, double seed, Int8Array state, int stateVersion);
}
