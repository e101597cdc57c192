package dev.teavec.bindings.idb;

import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSNumber;
import org.teavm.jso.core.JSObjects;
import org.teavm.jso.typedarrays.Int8Array;

/** What loadSnapshot resolves with: {generation, bytes: Int8Array, skipped: newer generations that failed to verify}. */
public interface LoadResult extends JSObject {
    @JSProperty
    int getGeneration();

    @JSProperty
    void setGeneration(int generation);

    @JSProperty
    Int8Array getBytes();

    @JSProperty
    JSArray<JSNumber> getSkipped();

    /** Absent (NaN here) when the manifest has none: a plain snapshot. */
    @JSProperty
    double getSeq();

    @JSProperty
    void setBytes(Int8Array bytes);

    /** Write-ahead log checkpoints only: the last log record the snapshot holds. */
    @JSProperty
    void setSeq(double seq);

    @JSProperty
    void setSkipped(JSArray<JSNumber> skipped);

    static LoadResult of(int generation, Int8Array bytes, JSArray<JSNumber> skipped) {
        LoadResult result = JSObjects.create();
        result.setGeneration(generation);
        result.setBytes(bytes);
        result.setSkipped(skipped);
        return result;
    }
}
