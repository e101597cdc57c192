package dev.teavec.bindings.types;

import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Float32Array;
import org.teavm.jso.typedarrays.Int32Array;
import org.teavm.jso.typedarrays.Int8Array;

/** An index written in JavaScript, as index-types.js presents it to the engine (results already checked there). */
public interface JsIndexInstance extends JSObject {
    void add(int id, Float32Array vector);

    void remove(int id);

    /** Candidate ids for the k nearest; {@code accept} is null for an unfiltered search. */
    Int32Array search(Float32Array query, int k, int budget, JsIdFilter accept);

    /** Its state, to be given back to the factory when a snapshot is loaded. */
    Int8Array state();
}
