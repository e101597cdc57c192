package dev.teavec.bindings.idb;

import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;

/** Receives the messages of {@link GenerationBroadcast}, a JS function passed in by the caller. */
@JSFunctor
public interface SnapshotListener extends JSObject {
    void onMessage(JSObject message);
}
