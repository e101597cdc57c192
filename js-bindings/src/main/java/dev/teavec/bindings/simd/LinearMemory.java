package dev.teavec.bindings.simd;

import org.teavm.interop.Import;
import org.teavm.jso.typedarrays.ArrayBuffer;
import org.teavm.jso.typedarrays.Int8Array;

/** JavaScript bytes copied into Wasm linear memory with one typed-array copy (memcpy speed, no Java arrays). */
public final class LinearMemory {
    private LinearMemory() {
    }

    /** Copies all of {@code source} to linear memory at {@code address}. */
    public static void copyIn(Int8Array source, int address) {
        Int8Array.create(buffer(), address, source.getLength()).set(source);
    }

    /** The Wasm memory's buffer, as TeaVM's runtime gets it (a new one after each growth: ask every time). */
    @Import(module = "teavmMemory", name = "linearMemory")
    private static native ArrayBuffer buffer();
}
