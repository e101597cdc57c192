package dev.teavec.bindings.idb;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSObject;
import org.teavm.jso.indexeddb.IDBKeyRange;

/**
 * Keys of the `chunks` store: [generation, index]. IndexedDB orders arrays element by element and a
 * prefix before its extensions, so [g] sorts before every chunk of generation g.
 */
final class ChunkKeys {
    private ChunkKeys() {
    }

    @JSBody(params = {"generation", "index"}, script = "return [generation, index];")
    static native JSObject of(int generation, int index);

    @JSBody(params = "generation", script = "return [generation];")
    private static native JSObject before(int generation);

    /** Every chunk of generations [from, to). */
    static IDBKeyRange generations(int from, int to) {
        return IDBKeyRange.bound(before(from), before(to), false, true);
    }

    /** Every chunk of generations below {@code to}. */
    static IDBKeyRange below(int to) {
        return IDBKeyRange.upperBound(before(to), true);
    }
}
