package dev.teavec.bindings.simd;

import dev.teavec.core.store.RowSource;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * A snapshot's bytes as JavaScript holds them (the typed array it was loaded from): runs of stored vectors are
 * copied from here straight into Wasm linear memory with one typed-array copy each ({@link #copyTo}), never
 * through Java arrays; anything else is copied into Java as asked ({@link #read}).
 */
public final class JsRows implements RowSource {
    private final Int8Array bytes;

    public JsRows(Int8Array bytes) {
        this.bytes = bytes;
    }

    @Override
    public byte[] read(int pos, int len) {
        return Int8Array.create(bytes.getBuffer(), bytes.getByteOffset() + pos, len).copyToJavaArray();
    }

    /** Copies bytes {@code [pos, pos + len)} to linear memory at {@code address}. */
    void copyTo(int pos, int address, int len) {
        LinearMemory.copyIn(Int8Array.create(bytes.getBuffer(), bytes.getByteOffset() + pos, len), address);
    }
}
