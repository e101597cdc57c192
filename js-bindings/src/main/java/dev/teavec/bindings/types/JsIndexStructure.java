package dev.teavec.bindings.types;

import dev.teavec.core.codec.SectionOutput;
import dev.teavec.core.index.IdFilter;
import dev.teavec.core.index.IndexContext;
import dev.teavec.core.index.IndexStructure;
import dev.teavec.core.index.SearchResult;
import org.teavm.jso.typedarrays.Float32Array;
import org.teavm.jso.typedarrays.Int32Array;

/**
 * A JavaScript index seen as an {@link IndexStructure}: adds, removes and searches cross into JS (one
 * copy of the vector each way); the JS index returns candidate ids, which the engine ranks exactly on its
 * stored vectors, keeping only live ids the filter accepts, so a JS index can never return a deleted or
 * filtered-out id, a wrong distance or a duplicate. An exception thrown by the JS code reaches the caller
 * unchanged.
 */
final class JsIndexStructure implements IndexStructure {
    private final IndexContext context;
    private final JsIndexInstance js;
    /** The state asked for by stateSize(), written by writeState() if nothing changed in between. */
    private byte[] state;
    private int changes;
    private int stateAt = -1;

    JsIndexStructure(IndexContext context, JsIndexInstance js) {
        this.context = context;
        this.js = js;
    }

    @Override
    public void add(int id, float[] vector) {
        changes++;
        js.add(id, Float32Array.copyFromJavaArray(vector));
    }

    @Override
    public void remove(int id) {
        changes++;
        js.remove(id);
    }

    @Override
    public SearchResult search(float[] query, int k, int budget, IdFilter filter) {
        JsIdFilter accept = filter == null ? null : filter::accept;
        Int32Array found = js.search(Float32Array.copyFromJavaArray(query), k, budget, accept);
        int[] candidates = found.copyToJavaArray();
        return context.rank(query, candidates, candidates.length, k, filter, 0);
    }

    @Override
    public long stateSize() {
        return currentState().length;
    }

    @Override
    public void writeState(SectionOutput out) {
        byte[] bytes = currentState();
        out.bytes(bytes, 0, bytes.length);
        state = null;
    }

    private byte[] currentState() {
        if (state == null || stateAt != changes) {
            state = js.state().copyToJavaArray();
            stateAt = changes;
        }
        return state;
    }
}
