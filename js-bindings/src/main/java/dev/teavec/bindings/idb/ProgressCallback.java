package dev.teavec.bindings.idb;

import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/** progress(doneBytes, totalBytes), a JS function passed in by the caller. */
@JSFunctor
public interface ProgressCallback extends JSObject {
    void progress(double doneBytes, double totalBytes);
}
