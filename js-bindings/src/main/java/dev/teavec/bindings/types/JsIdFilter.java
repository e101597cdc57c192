package dev.teavec.bindings.types;

import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/** {@code (id) => boolean}: which ids a filtered search may return, handed to a JavaScript index. */
@JSFunctor
public interface JsIdFilter extends JSObject {
    boolean accept(int id);
}
